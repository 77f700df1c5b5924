/**
 * How one field occurrence compares with one value. The field's runtime value picks the reading:
 * numbers compare numerically, address strings as addresses (with CIDR for equality), MAC-like
 * strings and byte arrays as bytes, other strings as text.
 */
import type { SliceRange } from './ast';
import {
  isMac,
  parseByteString,
  parseIPv4,
  parseIPv6,
  readWord,
  utf8Bytes,
  type ValueReadings,
} from './literals';

/** One occurrence of a field as the filter sees it. Byte arrays stand for payloads and protocol spans. */
export type FilterScalar = string | number | boolean | Uint8Array;

/** Parsing address strings is the hot path of `ip.addr == ...`; remember recent answers. */
const ipv4Cache = new Map<string, number | null>();

function cachedIPv4(text: string): number | undefined {
  let cached = ipv4Cache.get(text);
  if (cached === undefined) {
    if (ipv4Cache.size > 50_000) ipv4Cache.clear();
    cached = parseIPv4(text) ?? null;
    ipv4Cache.set(text, cached);
  }
  return cached ?? undefined;
}

function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return compareNumbers(a.length, b.length);
}

function bytesOfLiteral(lit: ValueReadings): Uint8Array | undefined {
  if (lit.quoted) return utf8Bytes(lit.text);
  if (lit.bytes) return lit.bytes;
  return lit.singleByte !== undefined ? Uint8Array.of(lit.singleByte) : undefined;
}

function inPrefix(a: Uint8Array, b: Uint8Array, prefix: number): boolean {
  const full = prefix >> 3;
  for (let i = 0; i < full; i++) if (a[i] !== b[i]) return false;
  const rest = prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (a[full] & mask) === (b[full] & mask);
}

/** Ordering of a value against a literal: negative, zero, positive, or undefined when not comparable. */
export function order(value: FilterScalar, lit: ValueReadings): number | undefined {
  if (typeof value === 'number')
    return lit.number === undefined ? undefined : compareNumbers(value, lit.number);
  if (typeof value === 'boolean') {
    return lit.number === undefined ? undefined : compareNumbers(value ? 1 : 0, lit.number !== 0 ? 1 : 0);
  }
  if (value instanceof Uint8Array) {
    const bytes = bytesOfLiteral(lit);
    return bytes ? compareBytes(value, bytes) : undefined;
  }
  if (lit.quoted) return value < lit.text ? -1 : value > lit.text ? 1 : 0;
  if (lit.ipv4) {
    const address = cachedIPv4(value);
    if (address !== undefined) return compareNumbers(address, lit.ipv4.address);
  }
  if (lit.ipv6 && value.includes(':')) {
    const address = parseIPv6(value);
    if (address) return compareBytes(address, lit.ipv6.bytes);
  }
  if (lit.bytes && /^[0-9a-fA-F]{1,2}([:.-][0-9a-fA-F]{1,2})+$/.test(value)) {
    const bytes = parseByteString(value);
    if (bytes) return compareBytes(bytes, lit.bytes);
  }
  if (lit.number !== undefined && value !== '' && Number.isFinite(Number(value))) {
    return compareNumbers(Number(value), lit.number);
  }
  return value < lit.text ? -1 : value > lit.text ? 1 : 0;
}

/** Equality, where an address literal with a prefix (`10.0.0.0/8`) means "inside this network". */
export function equals(value: FilterScalar, lit: ValueReadings): boolean {
  if (typeof value === 'string' && !lit.quoted) {
    if (lit.ipv4 && lit.ipv4.prefix < 32) {
      const address = cachedIPv4(value);
      if (address !== undefined) {
        const shift = 32 - lit.ipv4.prefix;
        // Division instead of >>> because a shift by 32 is a no-op in JavaScript.
        return Math.floor(address / 2 ** shift) === Math.floor(lit.ipv4.address / 2 ** shift);
      }
    }
    if (lit.ipv6 && lit.ipv6.prefix < 128 && value.includes(':')) {
      const address = parseIPv6(value);
      if (address) return inPrefix(address, lit.ipv6.bytes, lit.ipv6.prefix);
    }
  }
  return order(value, lit) === 0;
}

/** `contains`: substring for text, byte subsequence for bytes; numbers never contain anything. */
export function contains(value: FilterScalar, lit: ValueReadings): boolean {
  if (typeof value === 'number' || typeof value === 'boolean') return false;
  if (value instanceof Uint8Array) {
    const needle = bytesOfLiteral(lit);
    return needle !== undefined && indexOfBytes(value, needle) >= 0;
  }
  if (!lit.quoted && lit.bytes && (isMac(value) || /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2})+$/.test(value))) {
    const bytes = parseByteString(value);
    if (bytes) return indexOfBytes(bytes, lit.bytes) >= 0;
  }
  return value.includes(lit.text);
}

export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0) return 0;
  const first = needle[0];
  const last = haystack.length - needle.length;
  outer: for (let i = haystack.indexOf(first); i >= 0 && i <= last; i = haystack.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Text of a value for `matches`: bytes are read as Latin-1 so every byte is one character. */
export function textForMatch(value: FilterScalar): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) {
    let text = '';
    for (let i = 0; i < value.length; i += 4096) {
      text += String.fromCharCode(...value.subarray(i, i + 4096));
    }
    return text;
  }
  return undefined;
}

/** A field value on the right-hand side (`ip.src == ip.dst`) read like a literal of the same type. */
export function readingsOfScalar(value: FilterScalar): ValueReadings {
  if (typeof value === 'number') return { text: String(value), quoted: false, number: value };
  if (typeof value === 'boolean') return { text: value ? '1' : '0', quoted: false, number: value ? 1 : 0 };
  if (value instanceof Uint8Array) return { text: '', quoted: false, bytes: value };
  const readings = readWord(value);
  // A plain text value (not an address or number) compares as text, like a quoted string.
  const typed = readings.ipv4 || readings.ipv6 || readings.bytes || readings.number !== undefined;
  return typed ? readings : { text: value, quoted: true };
}

/**
 * The bytes of a value for slicing: byte fields as they are, addresses and MACs as their bytes, text
 * as UTF-8. `isText` says the field is known to hold text, so "10.0.0.1" in `http.host` stays text.
 */
function bytesOfValue(value: FilterScalar, isText: boolean): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (typeof value !== 'string') return undefined;
  if (isText) return utf8Bytes(value);
  const ipv4 = cachedIPv4(value);
  if (ipv4 !== undefined)
    return Uint8Array.of(ipv4 >>> 24, (ipv4 >>> 16) & 0xff, (ipv4 >>> 8) & 0xff, ipv4 & 0xff);
  if (/^[0-9a-fA-F]{2}([:.-][0-9a-fA-F]{2})+$/.test(value)) return parseByteString(value);
  if (value.includes(':')) {
    const ipv6 = parseIPv6(value);
    if (ipv6) return ipv6;
  }
  return utf8Bytes(value);
}

/**
 * `field[ranges]`: the concatenated byte ranges, or undefined when a range falls outside the value
 * (Wireshark then treats the slice as absent, so every comparison on it is false).
 */
export function sliceValue(
  value: FilterScalar,
  ranges: readonly SliceRange[],
  isText = false,
): Uint8Array | undefined {
  const bytes = bytesOfValue(value, isText);
  if (!bytes) return undefined;
  const parts: Uint8Array[] = [];
  for (const range of ranges) {
    const start = range.start < 0 ? bytes.length + range.start : range.start;
    const end = range.length === undefined ? bytes.length : start + range.length;
    if (start < 0 || end > bytes.length || end <= start) return undefined;
    parts.push(bytes.subarray(start, end));
  }
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** `len()`: the byte length of a byte field, address, MAC or (UTF-8) text; numbers have none. */
export function byteLength(value: FilterScalar, isText = false): number | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return undefined;
  return bytesOfValue(value, isText)?.length;
}
