/** UDP (RFC 768): ports, length, checksum over the pseudo-header, then DNS or raw payload. */
import { hexNumber, u16 } from './bytes';
import { expectedChecksum, pseudoHeaderSum } from './checksum';
import { protoNode, uintField, withWarning } from './fields';
import { dissectUdpPayload } from './app-dispatch';
import { addLayer, addNote, fits, type DissectState } from './state';

export function dissectUdp(st: DissectState, offset: number, end: number): void {
  const b = st.frame;
  const checksum = uintField(st, 'udp.checksum', offset + 6, 2, 4);
  const node = protoNode('udp', offset, 8, [
    uintField(st, 'udp.srcport', offset, 2),
    uintField(st, 'udp.dstport', offset + 2, 2),
    uintField(st, 'udp.length', offset + 4, 2),
    checksum,
  ]);
  st.tree.push(node);
  addLayer(st, 'transport', 'udp', offset, 8);
  st.columns.protocol = 'UDP';
  if (!fits(st, offset, 8)) {
    node.truncated = true;
    st.columns.info = 'UDP (truncated header)';
    return;
  }
  const length = u16(b, offset + 4);
  const srcPort = u16(b, offset);
  const dstPort = u16(b, offset + 2);
  const udpEnd = length >= 8 ? Math.min(end, offset + length) : end;
  const payloadLength = Math.max(0, (length >= 8 ? length : end - offset) - 8);
  st.columns.info = `${srcPort} → ${dstPort} Len=${payloadLength}`;
  const stored = u16(b, offset + 6);
  const net = st.net;
  // A zero checksum means "not computed" over IPv4; verify only a complete, unfragmented datagram.
  if (
    net &&
    !net.fragmented &&
    stored !== 0 &&
    length >= 8 &&
    offset + length <= Math.min(end, st.captured)
  ) {
    let expected = expectedChecksum(
      b,
      offset,
      offset + length,
      offset + 6,
      pseudoHeaderSum(b, net.addrOffset, net.version, 17, length),
    );
    if (expected === 0) expected = 0xffff;
    if (expected !== stored) {
      withWarning(checksum, `Bad checksum: should be ${hexNumber(expected, 4)}`);
      addNote(st, 'netlab.warning.badChecksum', `UDP checksum should be ${hexNumber(expected, 4)}.`);
    }
  }
  if (udpEnd > offset + 8) dissectUdpPayload(st, srcPort, dstPort, offset + 8, udpEnd);
}
