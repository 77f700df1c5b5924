/**
 * The bits of a bit field, for the grid under the hex dump: every bit of the bytes the field
 * occupies, most significant first (as the header diagrams in RFCs draw them), marking which bits
 * the field's mask covers and which named sub-field each bit belongs to.
 */
import type { FieldNode } from '../../../shared/model/packet';

export interface BitCell {
  /** 0 = most significant bit of the first byte. */
  index: number;
  value: 0 | 1;
  /** Inside the selected field's mask. */
  inMask: boolean;
  /** The child field whose mask holds this bit (e.g. tcp.flags.syn), if any. */
  fieldId: string | null;
}

/** Reads `length` big-endian bytes as a number; null past the captured bytes. Up to 6 bytes. */
function readUint(bytes: Uint8Array, offset: number, length: number): number | null {
  if (offset + length > bytes.length || length > 6) return null;
  let value = 0;
  for (let i = 0; i < length; i++) value = value * 256 + bytes[offset + i];
  return value;
}

function bitIsSet(word: number, bitFromLsb: number): boolean {
  return Math.floor(word / 2 ** bitFromLsb) % 2 === 1;
}

export function bitGrid(bytes: Uint8Array, field: FieldNode): BitCell[] | null {
  if (field.bitmask === undefined || field.length < 1) return null;
  const word = readUint(bytes, field.offset, field.length);
  if (word === null) return null;
  const width = field.length * 8;
  const children = (field.children ?? []).filter((c) => c.bitmask !== undefined && c.length === field.length);
  const cells: BitCell[] = [];
  for (let index = 0; index < width; index++) {
    const fromLsb = width - 1 - index;
    const owner = children.find((c) => bitIsSet(c.bitmask ?? 0, fromLsb));
    cells.push({
      index,
      value: bitIsSet(word, fromLsb) ? 1 : 0,
      inMask: bitIsSet(field.bitmask, fromLsb),
      fieldId: owner?.id ?? null,
    });
  }
  return cells;
}

/** The field's own value under its mask, shifted down (what Wireshark shows), e.g. 4 for ip.version. */
export function maskedValue(bytes: Uint8Array, field: FieldNode): number | null {
  if (field.bitmask === undefined) return null;
  const word = readUint(bytes, field.offset, field.length);
  if (word === null || field.bitmask === 0) return null;
  let mask = field.bitmask;
  let value = word;
  while (mask % 2 === 0) {
    mask /= 2;
    value = Math.floor(value / 2);
  }
  let result = 0;
  let place = 1;
  while (mask > 0) {
    if (mask % 2 === 1) {
      result += (value % 2) * place;
      place *= 2;
    }
    mask = Math.floor(mask / 2);
    value = Math.floor(value / 2);
  }
  return result;
}
