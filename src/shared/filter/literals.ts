/**
 * What an unquoted value can mean. A word such as `10.0.0.1` is at once a possible IPv4 address and
 * a possible byte string (10:00:00:01); which reading applies depends on the field it meets, so a
 * value keeps every reading that parses.
 */
import type { Literal } from './ast';

export interface IPv4Network {
  /** Address as an unsigned 32-bit integer. */
  address: number;
  /** Prefix length, 32 for a single address. */
  prefix: number;
}

export interface IPv6Network {
  bytes: Uint8Array;
  prefix: number;
}

export interface ValueReadings {
  /** The text as typed (words) or the string value (quoted strings). */
  text: string;
  /** True for "quoted" strings: they only ever compare as text (or bytes of that text). */
  quoted: boolean;
  number?: number;
  /** Set when the number was written in hex and fits in one byte: Wireshark lets it stand for a byte. */
  singleByte?: number;
  ipv4?: IPv4Network;
  ipv6?: IPv6Network;
  bytes?: Uint8Array;
}

export function readLiteral(literal: Literal): ValueReadings {
  if (literal.kind === 'string') return { text: literal.value, quoted: true };
  if (literal.kind === 'char')
    return { text: String.fromCodePoint(literal.code), quoted: false, number: literal.code };
  return readWord(literal.text);
}

export function readWord(text: string): ValueReadings {
  const readings: ValueReadings = { text, quoted: false };
  const number = parseNumber(text);
  if (number !== undefined) readings.number = number;
  else if (/^true$/i.test(text)) readings.number = 1;
  else if (/^false$/i.test(text)) readings.number = 0;
  if (/^0x[0-9a-f]{1,2}$/i.test(text) && number !== undefined) readings.singleByte = number;
  const ipv4 = parseIPv4Network(text);
  if (ipv4) readings.ipv4 = ipv4;
  const ipv6 = parseIPv6Network(text);
  if (ipv6) readings.ipv6 = ipv6;
  const bytes = parseByteString(text);
  if (bytes) readings.bytes = bytes;
  return readings;
}

/** Decimal, 0x hex, 0b binary, leading-0 octal, or a decimal fraction (for time fields). */
export function parseNumber(text: string): number | undefined {
  let match: RegExpExecArray | null;
  if ((match = /^(-?)0x([0-9a-f]+)$/i.exec(text))) return sign(match[1]) * parseInt(match[2], 16);
  if ((match = /^(-?)0b([01]+)$/i.exec(text))) return sign(match[1]) * parseInt(match[2], 2);
  if ((match = /^(-?)0([0-7]+)$/.exec(text))) return sign(match[1]) * parseInt(match[2], 8);
  if (/^-?(0|[1-9][0-9]*)$/.test(text)) return Number(text);
  if (/^-?[0-9]+\.[0-9]+$/.test(text)) return Number(text);
  return undefined;
}

function sign(minus: string): number {
  return minus ? -1 : 1;
}

export function parseIPv4(text: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) return undefined;
  let address = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(match[i]);
    if (octet > 255) return undefined;
    address = address * 256 + octet;
  }
  return address;
}

function splitPrefix(text: string, max: number): { address: string; prefix: number } | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return { address: text, prefix: max };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix <= max ? { address: text.slice(0, slash), prefix } : undefined;
}

export function parseIPv4Network(text: string): IPv4Network | undefined {
  const parts = splitPrefix(text, 32);
  if (!parts) return undefined;
  const address = parseIPv4(parts.address);
  return address === undefined ? undefined : { address, prefix: parts.prefix };
}

export function parseIPv6(text: string): Uint8Array | undefined {
  if (!text.includes(':') || !/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  let head = text;
  const words: number[] = [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) supplies the last two 16-bit words.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIPv4(tail);
    if (v4 === undefined) return undefined;
    head = text.slice(0, lastColon + 1) + '0:0';
    words.push(Math.floor(v4 / 65536), v4 % 65536);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups = part.split(':');
    if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
    return groups.map((g) => parseInt(g, 16));
  };
  const left = parse(halves[0]);
  const right = halves.length === 2 ? parse(halves[1]) : [];
  if (!left || !right) return undefined;
  let all: number[];
  if (halves.length === 2) {
    const missing = 8 - left.length - right.length;
    if (missing < 1) return undefined;
    all = [...left, ...new Array<number>(missing).fill(0), ...right];
  } else {
    if (left.length !== 8) return undefined;
    all = left;
  }
  if (words.length) all.splice(6, 2, ...words);
  const bytes = new Uint8Array(16);
  all.forEach((word, i) => {
    bytes[i * 2] = word >> 8;
    bytes[i * 2 + 1] = word & 0xff;
  });
  return bytes;
}

export function parseIPv6Network(text: string): IPv6Network | undefined {
  const parts = splitPrefix(text, 128);
  if (!parts) return undefined;
  const bytes = parseIPv6(parts.address);
  return bytes ? { bytes, prefix: parts.prefix } : undefined;
}

/** Hex bytes separated by `:`, `.` or `-` (`aa:bb:cc`, `0.1.0.d`), or one bare hex byte pair (`7a`). */
export function parseByteString(text: string): Uint8Array | undefined {
  if (/^[0-9a-fA-F]{2}$/.test(text)) return Uint8Array.of(parseInt(text, 16));
  const separator = /[:.-]/.exec(text)?.[0];
  if (!separator) return undefined;
  const groups = text.split(separator);
  if (groups.some((g) => !/^[0-9a-fA-F]{1,2}$/.test(g))) return undefined;
  return Uint8Array.from(groups.map((g) => parseInt(g, 16)));
}

export function isMac(text: string): boolean {
  return /^[0-9a-fA-F]{2}([:.-])[0-9a-fA-F]{2}(\1[0-9a-fA-F]{2}){4}$/.test(text);
}

/** The bytes of a quoted string as Wireshark compares them with byte fields: UTF-8. */
export function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
