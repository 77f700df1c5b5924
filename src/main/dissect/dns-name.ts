/**
 * DNS name decoding (RFC 1035 4.1.4) with compression pointers. A pointer may only go backwards
 * and we cap the number of jumps, so a crafted loop ends instead of hanging.
 */

export interface DnsName {
  name: string;
  /** Bytes the name occupies at its own position (up to and including the first pointer). */
  wireLength: number;
  /** False when the name runs past the message or loops; `name` then holds what was read. */
  ok: boolean;
}

const MAX_JUMPS = 32;
const MAX_NAME_CHARS = 1024;

/** `msgStart` is where the DNS header starts: compression offsets count from there. */
export function readDnsName(b: Uint8Array, msgStart: number, offset: number, end: number): DnsName {
  let p = offset;
  let wireLength = -1;
  let jumps = 0;
  let name = '';
  while (true) {
    if (p >= end) return { name, wireLength: wireLength < 0 ? p - offset : wireLength, ok: false };
    const len = b[p];
    if (len === 0) {
      if (wireLength < 0) wireLength = p + 1 - offset;
      return { name: name === '' ? '<Root>' : name, wireLength, ok: true };
    }
    if ((len & 0xc0) === 0xc0) {
      if (p + 1 >= end) return { name, wireLength: wireLength < 0 ? end - offset : wireLength, ok: false };
      const target = msgStart + (((len & 0x3f) << 8) | b[p + 1]);
      if (wireLength < 0) wireLength = p + 2 - offset;
      // Forward or self pointers are how loops are built; real encoders only point backwards.
      if (++jumps > MAX_JUMPS || target >= p) return { name, wireLength, ok: false };
      p = target;
      continue;
    }
    if ((len & 0xc0) !== 0) {
      return { name, wireLength: wireLength < 0 ? p + 1 - offset : wireLength, ok: false };
    }
    if (p + 1 + len > end) {
      return { name, wireLength: wireLength < 0 ? end - offset : wireLength, ok: false };
    }
    let label = '';
    for (let i = p + 1; i <= p + len; i++) label += String.fromCharCode(b[i]);
    name += (name === '' ? '' : '.') + label;
    if (name.length > MAX_NAME_CHARS)
      return { name, wireLength: wireLength < 0 ? p + 1 + len - offset : wireLength, ok: false };
    p += 1 + len;
  }
}
