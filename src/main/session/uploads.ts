/**
 * Capture files uploaded from a browser (browser mode has no file dialog on the backend's disk):
 * chunks are appended to a private temporary file, then imported like any file and deleted.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../shared/api/define';

interface Upload {
  name: string;
  size: number;
  received: number;
  path: string;
  fd: number;
  touched: number;
}

/** An upload idle for this long is dropped (the tab was closed mid-way). */
const IDLE_MS = 5 * 60_000;

export class Uploads {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly dir: string) {}

  begin(name: string, size: number): string {
    this.dropIdle();
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const id = randomUUID();
    const path = join(this.dir, `upload-${id}.bin`);
    this.uploads.set(id, {
      name,
      size,
      received: 0,
      path,
      fd: openSync(path, 'w', 0o600),
      touched: Date.now(),
    });
    return id;
  }

  chunk(id: string, bytes: Uint8Array): number {
    const upload = this.get(id);
    if (upload.received + bytes.byteLength > upload.size) {
      this.abort(id);
      throw new ApiError(
        'bad-input',
        `Upload of ${upload.name} sent more bytes than announced (${upload.size}); start again.`,
      );
    }
    writeSync(upload.fd, bytes);
    upload.received += bytes.byteLength;
    upload.touched = Date.now();
    return upload.received;
  }

  /** Closes the file and hands it over: the caller imports it and calls `cleanup` afterwards. */
  finish(id: string): { name: string; path: string; cleanup: () => void } {
    const upload = this.get(id);
    closeSync(upload.fd);
    this.uploads.delete(id);
    if (upload.received !== upload.size) {
      rmSync(upload.path, { force: true });
      throw new ApiError(
        'bad-input',
        `Upload of ${upload.name} ended after ${upload.received} of ${upload.size} bytes; start again.`,
      );
    }
    return { name: upload.name, path: upload.path, cleanup: () => rmSync(upload.path, { force: true }) };
  }

  abort(id: string): void {
    const upload = this.uploads.get(id);
    if (!upload) return;
    closeSync(upload.fd);
    rmSync(upload.path, { force: true });
    this.uploads.delete(id);
  }

  closeAll(): void {
    for (const id of [...this.uploads.keys()]) this.abort(id);
  }

  private get(id: string): Upload {
    const upload = this.uploads.get(id);
    if (!upload) throw new ApiError('not-found', `No upload ${id} in progress; start the upload again.`);
    return upload;
  }

  private dropIdle(): void {
    const now = Date.now();
    for (const [id, upload] of this.uploads) if (now - upload.touched > IDLE_MS) this.abort(id);
  }
}
