/** ICMP for IPv4 (RFC 792): type, code, checksum, and echo identifier/sequence. */
import { hexNumber, u16 } from './bytes';
import { expectedChecksum } from './checksum';
import { dataNode, protoNode, uintField, withDisplay, withWarning } from './fields';
import { addLayer, addNote, fits, type DissectState } from './state';

const TYPES: Record<number, string> = {
  0: 'Echo (ping) reply',
  3: 'Destination unreachable',
  4: 'Source quench',
  5: 'Redirect',
  8: 'Echo (ping) request',
  11: 'Time-to-live exceeded',
  12: 'Parameter problem',
  13: 'Timestamp request',
  14: 'Timestamp reply',
};

export function dissectIcmp(st: DissectState, offset: number, endArg: number): void {
  // Callers pass the captured end, but a decoder must not trust that: clip once here.
  const end = Math.min(endArg, st.captured);
  const b = st.frame;
  const type = uintField(st, 'icmp.type', offset, 1);
  if (typeof type.value === 'number' && TYPES[type.value])
    withDisplay(type, `${type.value} (${TYPES[type.value]})`);
  const checksum = uintField(st, 'icmp.checksum', offset + 2, 2, 4);
  const node = protoNode('icmp', offset, Math.max(0, end - offset), [
    type,
    uintField(st, 'icmp.code', offset + 1, 1),
    checksum,
  ]);
  st.tree.push(node);
  addLayer(st, 'transport', 'icmp', offset, Math.min(8, Math.max(0, end - offset)));
  st.columns.protocol = 'ICMP';
  if (!fits(st, offset, 4)) {
    node.truncated = true;
    st.columns.info = 'ICMP (truncated)';
    return;
  }
  const t = b[offset];
  const isEcho = t === 0 || t === 8 || t === 13 || t === 14;
  if (isEcho)
    node.children!.push(uintField(st, 'icmp.ident', offset + 4, 2), uintField(st, 'icmp.seq', offset + 6, 2));
  if (fits(st, offset, end - offset) && end - offset >= 4) {
    const expected = expectedChecksum(b, offset, end, offset + 2, 0);
    if (expected !== u16(b, offset + 2)) {
      withWarning(checksum, `Bad checksum: should be ${hexNumber(expected, 4)}`);
      addNote(st, 'netlab.warning.badChecksum', `ICMP checksum should be ${hexNumber(expected, 4)}.`);
    }
  }
  const name = TYPES[t] ?? `Type ${t}`;
  if (isEcho && fits(st, offset, 8)) {
    const id = u16(b, offset + 4);
    const seq = u16(b, offset + 6);
    st.columns.info = `${name}  id=${hexNumber(id, 4)}, seq=${seq}/${((seq & 0xff) << 8) | (seq >> 8)}, ttl=${ttlOf(st)}`;
  } else st.columns.info = `${name}${t === 3 || t === 11 ? ` (code ${b[offset + 1]})` : ''}`;
  // Errors quote the offending IP header and 8 bytes of its payload; show them as data.
  const dataStart = offset + 8;
  if (end > dataStart) node.children!.push(dataNode(st, dataStart, end - dataStart));
}

function ttlOf(st: DissectState): number | string {
  if (st.net?.version !== 4) return '?';
  return st.frame[st.net.addrOffset - 4];
}
