/**
 * Byte readers and address formatters shared by every decoder. Readers never throw: callers check
 * bounds first (decoders accept any byte sequence), and formatters use lookup tables instead of
 * per-byte toString calls because the fast summary path formats addresses for every packet.
 */

const HEX2: string[] = [];
const DEC: string[] = [];
for (let i = 0; i < 256; i++) {
  HEX2.push(i.toString(16).padStart(2, '0'));
  DEC.push(String(i));
}

const PAD4: string[] = [];
for (let i = 0; i < 10000; i++) PAD4.push(String(i).padStart(4, '0'));

/**
 * Decimal text of a 32-bit unsigned number. Values above 2^30 are heap numbers in V8 and their
 * generic toString costs several hundred ns; splitting into 4-digit groups keeps it to table lookups.
 */
export function uint32ToString(n: number): string {
  if (n < 10000) return DEC[n] ?? String(n);
  const low = n % 10000;
  const rest = (n - low) / 10000;
  if (rest < 10000) return String(rest) + PAD4[low];
  const mid = rest % 10000;
  return String((rest - mid) / 10000) + PAD4[mid] + PAD4[low];
}

export function u16(b: Uint8Array, o: number): number {
  return (b[o] << 8) | b[o + 1];
}

export function u24(b: Uint8Array, o: number): number {
  return (b[o] << 16) | (b[o + 1] << 8) | b[o + 2];
}

export function u32(b: Uint8Array, o: number): number {
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

export function u16le(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}

export function u32le(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

export function formatMac(b: Uint8Array, o: number): string {
  return (
    HEX2[b[o]] +
    ':' +
    HEX2[b[o + 1]] +
    ':' +
    HEX2[b[o + 2]] +
    ':' +
    HEX2[b[o + 3]] +
    ':' +
    HEX2[b[o + 4]] +
    ':' +
    HEX2[b[o + 5]]
  );
}

export function formatIpv4(b: Uint8Array, o: number): string {
  return DEC[b[o]] + '.' + DEC[b[o + 1]] + '.' + DEC[b[o + 2]] + '.' + DEC[b[o + 3]];
}

/** RFC 5952 text form, as Wireshark prints it: lowercase, longest zero run (>= 2 groups) as '::'. */
export function formatIpv6(b: Uint8Array, o: number): string {
  const groups = [0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < 8; i++) groups[i] = (b[o + 2 * i] << 8) | b[o + 2 * i + 1];
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  // IPv4-mapped addresses (::ffff:a.b.c.d) keep the dotted tail, like inet_ntop.
  if (bestStart === 0 && bestLen === 5 && groups[5] === 0xffff) {
    return '::ffff:' + formatIpv4(b, o + 12);
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += '::';
      i += bestLen - 1;
      continue;
    }
    if (out !== '' && !out.endsWith(':')) out += ':';
    out += groups[i].toString(16);
  }
  return out;
}

/** Colon-separated hex, as tshark shows byte fields ("02:04:05:b4"). */
export function formatHexColon(b: Uint8Array, o: number, len: number): string {
  let out = '';
  for (let i = 0; i < len; i++) out += (i === 0 ? '' : ':') + HEX2[b[o + i]];
  return out;
}

export function formatHex(b: Uint8Array, o: number, len: number): string {
  let out = '';
  for (let i = 0; i < len; i++) out += HEX2[b[o + i]];
  return out;
}

/** `0x` plus zero-padded lowercase hex, the way tshark shows BASE_HEX fields. */
export function hexNumber(value: number, digits: number): string {
  return '0x' + (value >>> 0).toString(16).padStart(digits, '0');
}

interface Latin1Sliceable {
  latin1Slice(start: number, end: number): string;
}

function hasLatin1Slice(b: Uint8Array): b is Uint8Array & Latin1Sliceable {
  return typeof (b as Partial<Latin1Sliceable>).latin1Slice === 'function';
}

/** Latin-1 decode of a byte range: header text in HTTP is ASCII, and this never throws. */
export function latin1(b: Uint8Array, start: number, end: number): string {
  if (end <= start) return '';
  // Node Buffers (what the capture readers hand out) decode natively, without a subarray.
  if (hasLatin1Slice(b)) return b.latin1Slice(start, end);
  // One native call for short runs (fromCharCode.apply takes array-likes); a loop for long ones,
  // where apply would hit the engine's argument limit.
  if (end - start <= 2048)
    return String.fromCharCode.apply(null, b.subarray(start, end) as unknown as number[]);
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(b[i]);
  return out;
}
