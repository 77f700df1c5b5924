/**
 * "Copy as curl": a command that repeats a recorded request. Headers keep their recorded order;
 * headers curl computes itself (Host when it matches the URL, Content-Length, connection
 * management, HTTP/2 pseudo-headers) are left out so the command stays valid.
 */
import type { HeaderLine } from '../../../shared/model/proxy';
import type { RecordedExchange } from './recorded-exchange';

const SKIPPED = new Set([
  'content-length',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'upgrade',
]);

/** Quotes for a POSIX shell; bytes that are not printable ASCII use bash's $'...' form. */
export function shellQuote(value: string | Buffer): string {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const printable = bytes.every((b) => b >= 0x20 && b < 0x7f);
  if (printable) return `'${bytes.toString('latin1').replace(/'/g, `'\\''`)}'`;
  let out = "$'";
  for (const b of bytes) {
    if (b === 0x27) out += "\\'";
    else if (b === 0x5c) out += '\\\\';
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x09) out += '\\t';
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `${out}'`;
}

export function toCurlCommand(exchange: RecordedExchange): string {
  const s = exchange.start;
  const parts = ['curl'];
  if (s.clientHttpVersion === 'HTTP/2') parts.push('--http2');
  if (s.method === 'HEAD') parts.push('--head');
  else if (s.method !== 'GET' || exchange.requestBody.size > 0) parts.push('-X', shellQuote(s.method));
  parts.push(shellQuote(exchange.url));
  const authority = new URL(exchange.url).host;
  let compressed = false;
  for (const h of s.requestHeaders as HeaderLine[]) {
    const lower = h.name.toLowerCase();
    if (lower.startsWith(':') || SKIPPED.has(lower)) continue;
    if (lower === 'host' && h.value.toLowerCase() === authority.toLowerCase()) continue;
    if (lower === 'accept-encoding' && /gzip|br|deflate|zstd/.test(h.value)) {
      // --compressed asks for the same and also decodes, so the terminal shows text.
      compressed = true;
      continue;
    }
    parts.push('-H', shellQuote(`${h.name}: ${h.value}`));
  }
  if (compressed) parts.push('--compressed');
  if (exchange.requestBody.size > 0) parts.push('--data-binary', shellQuote(exchange.requestBody.bytes()));
  let command = parts.join(' ');
  if (exchange.requestBody.truncated) {
    command += ` # NetLab kept only the first ${exchange.requestBody.capturedSize} of ${exchange.requestBody.size} body bytes`;
  }
  return command;
}
