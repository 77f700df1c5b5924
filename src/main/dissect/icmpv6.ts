/** ICMPv6 (RFC 4443): type, code, checksum over the pseudo-header, echo and neighbor discovery targets. */
import { hexNumber, formatIpv6, u16 } from './bytes';
import { expectedChecksum, pseudoHeaderSum } from './checksum';
import { dataNode, ipv6Field, protoNode, uintField, withDisplay, withWarning } from './fields';
import { addLayer, addNote, fits, type DissectState } from './state';

const TYPES: Record<number, string> = {
  1: 'Destination Unreachable',
  2: 'Packet Too Big',
  3: 'Time Exceeded',
  4: 'Parameter Problem',
  128: 'Echo (ping) request',
  129: 'Echo (ping) reply',
  133: 'Router Solicitation',
  134: 'Router Advertisement',
  135: 'Neighbor Solicitation',
  136: 'Neighbor Advertisement',
  137: 'Redirect',
  143: 'Multicast Listener Report Message v2',
};

export function dissectIcmpv6(st: DissectState, offset: number, endArg: number): void {
  // Callers pass the captured end, but a decoder must not trust that: clip once here.
  const end = Math.min(endArg, st.captured);
  const b = st.frame;
  const type = uintField(st, 'icmpv6.type', offset, 1);
  if (typeof type.value === 'number' && TYPES[type.value])
    withDisplay(type, `${TYPES[type.value]} (${type.value})`);
  const checksum = uintField(st, 'icmpv6.checksum', offset + 2, 2, 4);
  const node = protoNode('icmpv6', offset, Math.max(0, end - offset), [
    type,
    uintField(st, 'icmpv6.code', offset + 1, 1),
    checksum,
  ]);
  st.tree.push(node);
  addLayer(st, 'transport', 'icmpv6', offset, Math.min(8, Math.max(0, end - offset)));
  st.columns.protocol = 'ICMPv6';
  if (!fits(st, offset, 4)) {
    node.truncated = true;
    st.columns.info = 'ICMPv6 (truncated)';
    return;
  }
  const t = b[offset];
  const net = st.net;
  if (net && !net.fragmented && fits(st, offset, end - offset) && end - offset === net.transportLength) {
    const expected = expectedChecksum(
      b,
      offset,
      end,
      offset + 2,
      pseudoHeaderSum(b, net.addrOffset, 6, 58, end - offset),
    );
    if (expected !== u16(b, offset + 2)) {
      withWarning(checksum, `Bad checksum: should be ${hexNumber(expected, 4)}`);
      addNote(st, 'netlab.warning.badChecksum', `ICMPv6 checksum should be ${hexNumber(expected, 4)}.`);
    }
  }
  let info = TYPES[t] ?? `Type ${t}`;
  let dataStart = offset + 8;
  if (t === 128 || t === 129) {
    node.children!.push(
      uintField(st, 'icmpv6.echo.identifier', offset + 4, 2, 4),
      uintField(st, 'icmpv6.echo.sequence_number', offset + 6, 2),
    );
    if (fits(st, offset, 8)) info += ` id=${hexNumber(u16(b, offset + 4), 4)}, seq=${u16(b, offset + 6)}`;
  } else if (t === 135 || t === 136) {
    const id = t === 135 ? 'icmpv6.nd.ns.target_address' : 'icmpv6.nd.na.target_address';
    node.children!.push(ipv6Field(st, id, offset + 8));
    if (fits(st, offset + 8, 16)) info += ` for ${formatIpv6(b, offset + 8)}`;
    dataStart = offset + 24;
  }
  st.columns.info = info;
  if (end > dataStart) node.children!.push(dataNode(st, dataStart, end - dataStart));
}
