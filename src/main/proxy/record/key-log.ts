/**
 * TLS secrets of both legs in the NSS key log format (the SSLKEYLOGFILE format Wireshark reads),
 * kept in memory for export (a pcapng Decryption Secrets Block) and appended to a file if asked.
 * One line per secret, e.g. "CLIENT_HANDSHAKE_TRAFFIC_SECRET <client random hex> <secret hex>".
 */
import { createWriteStream, type WriteStream } from 'node:fs';

/** Lines kept in memory; older ones remain in the file. ~200 bytes each → ~40 MB at most. */
const MAX_LINES_IN_MEMORY = 200_000;

export class KeyLog {
  private lines: string[] = [];
  private file: WriteStream | null = null;

  constructor(path: string | null = null) {
    this.setFile(path);
  }

  /** Starts appending to `path` (writing what is already in memory first), or stops writing to a file. */
  setFile(path: string | null): void {
    const previous = this.file;
    this.file = null;
    previous?.end();
    if (!path) return;
    const file = createWriteStream(path, { flags: 'a', mode: 0o600 });
    // A key log that cannot be written must not stop the proxy; the lines stay in memory.
    file.on('error', () => {
      if (this.file === file) this.file = null;
    });
    if (this.lines.length > 0) file.write(this.getKeyLog());
    this.file = file;
  }

  /** Receives a line from a 'keylog' event (it includes the trailing newline). */
  add(line: Buffer): void {
    const text = line.toString('latin1').trimEnd();
    if (text.length === 0) return;
    if (this.lines.length >= MAX_LINES_IN_MEMORY) this.lines.splice(0, MAX_LINES_IN_MEMORY / 10);
    this.lines.push(text);
    this.file?.write(`${text}\n`);
  }

  /** The whole in-memory key log, one secret per line, ending with a newline when not empty. */
  getKeyLog(): string {
    return this.lines.length === 0 ? '' : `${this.lines.join('\n')}\n`;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  async close(): Promise<void> {
    const file = this.file;
    this.file = null;
    if (file) await new Promise<void>((resolve) => file.end(resolve));
  }
}
