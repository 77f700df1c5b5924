/** Integer reads from byte arrays in either byte order, without DataView allocation. */

export function u16le(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}

export function u16be(b: Uint8Array, o: number): number {
  return (b[o] << 8) | b[o + 1];
}

export function u32le(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

export function u32be(b: Uint8Array, o: number): number {
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

export function u16(b: Uint8Array, o: number, littleEndian: boolean): number {
  return littleEndian ? u16le(b, o) : u16be(b, o);
}

export function u32(b: Uint8Array, o: number, littleEndian: boolean): number {
  return littleEndian ? u32le(b, o) : u32be(b, o);
}

/** Signed 64-bit integer as a number (exact up to 2^53). */
export function i64(b: Uint8Array, o: number, littleEndian: boolean): number {
  const hi = littleEndian ? u32le(b, o + 4) : u32be(b, o);
  const lo = littleEndian ? u32le(b, o) : u32be(b, o + 4);
  return (hi | 0) * 4294967296 + lo;
}

export function hexBytes(b: Uint8Array, start: number, count: number): string {
  const parts: string[] = [];
  for (let i = start; i < start + count && i < b.length; i++) {
    parts.push(b[i].toString(16).padStart(2, '0').toUpperCase());
  }
  return parts.join(' ');
}

export function padTo4(n: number): number {
  return (n + 3) & ~3;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** UTF-8 text, dropping trailing NULs some writers add. */
export function utf8Text(b: Uint8Array, start: number, length: number): string {
  let end = start + length;
  while (end > start && b[end - 1] === 0) end--;
  return utf8.decode(b.subarray(start, end));
}
