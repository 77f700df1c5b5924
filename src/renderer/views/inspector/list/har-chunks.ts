/**
 * Big HAR files are imported in pieces. Browser mode carries each API message in one WebSocket
 * frame (16 MiB at most), and a HAR with response bodies easily exceeds that, so the entries are
 * split into several smaller HAR documents with the same log header. Each piece is valid HAR 1.2.
 */

/** Characters per piece: well under the frame limit even when every character needs escaping. */
export const HAR_CHUNK_CHARS = 3 * 1024 * 1024;

export function splitHarForImport(text: string, maxChars = HAR_CHUNK_CHARS): string[] {
  if (text.length <= maxChars) return [text];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Let the proxy explain what is wrong with the file.
    return [text];
  }
  const log = (parsed as { log?: { entries?: unknown } } | null)?.log;
  if (!log || !Array.isArray(log.entries)) return [text];
  const { entries, ...header } = log as { entries: unknown[] } & Record<string, unknown>;
  const headerJson = JSON.stringify(header);
  const prefix =
    headerJson === '{}' ? '{"log":{"entries":[' : `{"log":${headerJson.slice(0, -1)},"entries":[`;
  const pieces: string[] = [];
  let current: string[] = [];
  let size = prefix.length;
  const flush = () => {
    if (current.length > 0) pieces.push(`${prefix}${current.join(',')}]}}`);
    current = [];
    size = prefix.length;
  };
  for (const entry of entries) {
    const json = JSON.stringify(entry);
    if (current.length > 0 && size + json.length + 1 > maxChars) flush();
    current.push(json);
    size += json.length + 1;
  }
  flush();
  return pieces.length > 0 ? pieces : [text];
}
