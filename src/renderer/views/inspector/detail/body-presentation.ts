/**
 * How to show a body: pretty JSON, text, an image, or a hex dump. Pure: decides from the bytes and
 * the Content-Type, never from the file name, because servers mislabel often and learners should see
 * what really travelled.
 */

export type BodyPresentation =
  | { mode: 'empty' }
  | { mode: 'json'; text: string }
  | { mode: 'text'; text: string }
  | { mode: 'image'; mimeType: string }
  | { mode: 'hex'; lines: string[]; shownBytes: number };

/** A hex dump of more than this many bytes would freeze the page; the rest is counted instead. */
export const HEX_DUMP_LIMIT = 64 * 1024;

const IMAGE_TYPES = /^image\/(png|jpeg|gif|webp|bmp|avif|x-icon|vnd\.microsoft\.icon|svg\+xml)$/;

function mimeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function isJsonType(mime: string): boolean {
  return mime === 'application/json' || mime.endsWith('+json') || mime === 'text/json';
}

/** UTF-8 that decodes cleanly and has no control characters besides tab, CR and LF. */
export function decodeText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex -- looking for control characters is the point
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? null : text;
}

export function presentBody(bytes: Uint8Array, contentType: string | null): BodyPresentation {
  if (bytes.byteLength === 0) return { mode: 'empty' };
  const mime = mimeOf(contentType);
  // SVG is text and can carry script: show it as text, never as an image from a blob URL.
  if (IMAGE_TYPES.test(mime) && mime !== 'image/svg+xml') return { mode: 'image', mimeType: mime };
  const text = decodeText(bytes);
  if (text === null) return hexPresentation(bytes);
  const trimmed = text.trimStart();
  if (isJsonType(mime) || ((trimmed.startsWith('{') || trimmed.startsWith('[')) && mime !== 'text/html')) {
    try {
      return { mode: 'json', text: JSON.stringify(JSON.parse(text), null, 2) };
    } catch {
      // Not valid JSON after all (or cut at the capture limit): show it as it is.
    }
  }
  return { mode: 'text', text };
}

function hexPresentation(bytes: Uint8Array): BodyPresentation {
  const shown = Math.min(bytes.byteLength, HEX_DUMP_LIMIT);
  return { mode: 'hex', lines: hexDump(bytes.subarray(0, shown)), shownBytes: shown };
}

/** Classic 16-bytes-a-line dump: offset, hex pairs, printable ASCII. */
export function hexDump(bytes: Uint8Array): string[] {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.byteLength; offset += 16) {
    const chunk = bytes.subarray(offset, offset + 16);
    const hex = Array.from(chunk, (b) => b.toString(16).padStart(2, '0'));
    const left = hex.slice(0, 8).join(' ');
    const right = hex.slice(8).join(' ');
    const ascii = Array.from(chunk, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(
      `${offset.toString(16).padStart(8, '0')}  ${left.padEnd(23)}  ${right.padEnd(23)}  |${ascii}|`,
    );
  }
  return lines;
}
