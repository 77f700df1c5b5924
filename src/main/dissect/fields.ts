/**
 * Builders for FieldNode: each reads its bytes only when they were captured; otherwise the node is
 * still emitted, with `truncated: true` and `value: null`, so a learner sees what is missing.
 */
import type { FieldNode, FieldValue } from '../../shared/model/packet';
import { formatHexColon, formatIpv4, formatIpv6, formatMac, hexNumber, u16, u24, u32 } from './bytes';
import { fieldName } from './field-names';
import { fits, type DissectState } from './state';

export function makeNode(id: string, value: FieldValue, offset: number, length: number): FieldNode {
  return { id, name: fieldName(id), value, offset, length };
}

/** A protocol node (`eth`, `ip`, `tcp`): no value of its own, its fields as children. */
export function protoNode(id: string, offset: number, length: number, children: FieldNode[] = []): FieldNode {
  return { id, name: fieldName(id), value: null, offset, length, children };
}

function truncatedNode(id: string, offset: number, length: number): FieldNode {
  return { id, name: fieldName(id), value: null, offset, length, truncated: true };
}

function readUint(b: Uint8Array, o: number, len: number): number {
  switch (len) {
    case 1:
      return b[o];
    case 2:
      return u16(b, o);
    case 3:
      return u24(b, o);
    default:
      return u32(b, o);
  }
}

/** An unsigned big-endian integer field of 1 to 4 bytes; `hexDigits` adds a tshark-style hex display. */
export function uintField(
  st: DissectState,
  id: string,
  offset: number,
  length: number,
  hexDigits = 0,
): FieldNode {
  if (!fits(st, offset, length)) return truncatedNode(id, offset, length);
  const value = readUint(st.frame, offset, length);
  const n = makeNode(id, value, offset, length);
  if (hexDigits > 0) n.display = hexNumber(value, hexDigits);
  return n;
}

/**
 * A bit field inside a 1 to 4 byte big-endian word. Single-bit masks give a boolean (Wireshark's
 * flags); wider masks give the shifted number.
 */
export function bitField(
  st: DissectState,
  id: string,
  offset: number,
  length: number,
  mask: number,
): FieldNode {
  if (!fits(st, offset, length)) return { ...truncatedNode(id, offset, length), bitmask: mask };
  const word = readUint(st.frame, offset, length);
  let shift = 0;
  while (shift < 32 && ((mask >>> shift) & 1) === 0) shift++;
  const raw = ((word & mask) >>> 0) >>> shift;
  const single = (mask & (mask - 1)) === 0;
  const n = makeNode(id, single ? raw === 1 : raw, offset, length);
  n.bitmask = mask;
  return n;
}

export function macField(st: DissectState, id: string, offset: number): FieldNode {
  if (!fits(st, offset, 6)) return truncatedNode(id, offset, 6);
  return makeNode(id, formatMac(st.frame, offset), offset, 6);
}

export function ipv4Field(st: DissectState, id: string, offset: number): FieldNode {
  if (!fits(st, offset, 4)) return truncatedNode(id, offset, 4);
  return makeNode(id, formatIpv4(st.frame, offset), offset, 4);
}

export function ipv6Field(st: DissectState, id: string, offset: number): FieldNode {
  if (!fits(st, offset, 16)) return truncatedNode(id, offset, 16);
  return makeNode(id, formatIpv6(st.frame, offset), offset, 16);
}

/** Byte fields longer than this show their first bytes and an ellipsis: the tree stays small. */
export const MAX_BYTES_SHOWN = 256;

/** Raw bytes shown as colon-separated hex (tshark's form for FT_BYTES). */
export function bytesField(st: DissectState, id: string, offset: number, length: number): FieldNode {
  if (!fits(st, offset, length)) return truncatedNode(id, offset, length);
  const shown = Math.min(length, MAX_BYTES_SHOWN);
  const hex = formatHexColon(st.frame, offset, shown);
  return makeNode(id, shown < length ? hex + '…' : hex, offset, length);
}

/** A field whose value the caller already computed (strings, names) after checking bounds. */
export function valueField(
  st: DissectState,
  id: string,
  offset: number,
  length: number,
  value: FieldValue,
): FieldNode {
  if (!fits(st, offset, length)) return truncatedNode(id, offset, length);
  return makeNode(id, value, offset, length);
}

/** The node for bytes we do not decode further (unknown link type, payload of unknown protocol). */
export function dataNode(st: DissectState, offset: number, length: number): FieldNode {
  const captured = Math.max(0, Math.min(length, st.captured - offset));
  const n = protoNode('data', offset, length, [bytesField(st, 'data.data', offset, captured)]);
  n.children!.push(makeNode('data.len', length, offset, 0));
  if (captured < length) n.truncated = true;
  return n;
}

export function withDisplay(n: FieldNode, display: string): FieldNode {
  if (n.value !== null) n.display = display;
  return n;
}

export function withWarning(n: FieldNode, warning: string): FieldNode {
  n.warning = warning;
  return n;
}
