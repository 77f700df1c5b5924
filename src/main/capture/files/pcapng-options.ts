/**
 * Option lists of pcapng blocks (code, length, value padded to 4 bytes, ending with code 0) and the
 * Name Resolution Block records, which use the same shape.
 */
import { hexBytes, padTo4, u16, utf8Text } from './bytes';

export const OPT_END = 0;
export const OPT_COMMENT = 1;

export type OptionHandler = (code: number, valueStart: number, valueLength: number) => void;

/**
 * Walks the options in b[start, end). Returns null when they are well formed, or a description of
 * the first damage (an option running past the block): the caller notes it and keeps the block.
 */
export function walkOptions(
  b: Uint8Array,
  start: number,
  end: number,
  littleEndian: boolean,
  handle: OptionHandler,
): string | null {
  let pos = start;
  while (pos + 4 <= end) {
    const code = u16(b, pos, littleEndian);
    const length = u16(b, pos + 2, littleEndian);
    if (code === OPT_END) return null;
    if (pos + 4 + length > end) {
      return `option ${code} says length ${length} but only ${end - pos - 4} bytes are left in the block`;
    }
    handle(code, pos + 4, length);
    pos += 4 + padTo4(length);
  }
  return null;
}

/** Collects opt_comment values, the one option every block kind may carry. */
export function readComments(
  b: Uint8Array,
  start: number,
  end: number,
  littleEndian: boolean,
): { comments: string[] | undefined; damage: string | null } {
  let comments: string[] | undefined;
  const damage = walkOptions(b, start, end, littleEndian, (code, at, length) => {
    if (code === OPT_COMMENT) (comments ??= []).push(utf8Text(b, at, length));
  });
  return { comments, damage };
}

// Addresses print exactly as the decoders print them (and as Wireshark does).
export { formatIpv4 as ipv4Text, formatIpv6 as ipv6Text } from '../../dissect/bytes';

/** NUL-separated names after an address in a name resolution record. */
export function splitNames(b: Uint8Array, start: number, end: number): string[] {
  return utf8Text(b, start, end - start)
    .split('\0')
    .filter((name) => name.length > 0);
}

export function otherRecordAddress(b: Uint8Array, start: number, length: number): string {
  return hexBytes(b, start, Math.min(length, 64));
}
