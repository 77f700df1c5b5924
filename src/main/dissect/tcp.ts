/** TCP (RFC 9293): every header field, the flags word bit by bit, options, checksum, then the payload. */
import { hexNumber, u16, u32 } from './bytes';
import { expectedChecksum, pseudoHeaderSum } from './checksum';
import { bitField, bytesField, makeNode, protoNode, uintField, withDisplay, withWarning } from './fields';
import { dissectTcpPayload } from './app-dispatch';
import { tcpOptionNodes } from './tcp-options';
import { addLayer, addNote, fits, type DissectState } from './state';
import type { FieldNode } from '../../shared/model/packet';

/** The flag bits in Wireshark's order, with their masks over the 2-byte word at header offset 12. */
const FLAG_BITS: [string, number][] = [
  ['tcp.flags.res', 0x0e00],
  ['tcp.flags.ae', 0x0100],
  ['tcp.flags.cwr', 0x0080],
  ['tcp.flags.ece', 0x0040],
  ['tcp.flags.urg', 0x0020],
  ['tcp.flags.ack', 0x0010],
  ['tcp.flags.push', 0x0008],
  ['tcp.flags.reset', 0x0004],
  ['tcp.flags.syn', 0x0002],
  ['tcp.flags.fin', 0x0001],
];

const FLAG_NAMES: [number, string][] = [
  [0x0002, 'SYN'],
  [0x0001, 'FIN'],
  [0x0004, 'RST'],
  [0x0008, 'PSH'],
  [0x0010, 'ACK'],
  [0x0020, 'URG'],
  [0x0040, 'ECE'],
  [0x0080, 'CWR'],
  [0x0100, 'AE'],
];

const FLAG_NAME_CACHE: string[] = [];

/** "SYN, ACK" in Wireshark's Info-column order (cached: the fast path asks for every packet). */
export function tcpFlagNames(flags: number): string {
  const cached = FLAG_NAME_CACHE[flags & 0xfff];
  if (cached !== undefined) return cached;
  const name = buildFlagNames(flags & 0xfff);
  FLAG_NAME_CACHE[flags & 0xfff] = name;
  return name;
}

function buildFlagNames(flags: number): string {
  let out = '';
  for (const [mask, name] of FLAG_NAMES) {
    if ((flags & mask) !== 0) out += (out === '' ? '' : ', ') + name;
  }
  return out === '' ? '<None>' : out;
}

export function dissectTcp(st: DissectState, offset: number, end: number): void {
  const b = st.frame;
  const dataOffset = fits(st, offset + 12, 1) ? (b[offset + 12] >> 4) * 4 : 20;
  const headerLength = dataOffset >= 20 ? dataOffset : 20;
  const node = protoNode('tcp', offset, headerLength);
  const c = node.children!;
  c.push(uintField(st, 'tcp.srcport', offset, 2), uintField(st, 'tcp.dstport', offset + 2, 2));
  c.push(uintField(st, 'tcp.seq_raw', offset + 4, 4), uintField(st, 'tcp.ack_raw', offset + 8, 4));
  const hl = bitField(st, 'tcp.hdr_len', offset + 12, 1, 0xf0);
  if (typeof hl.value === 'number') hl.value *= 4;
  c.push(hl);
  const flags = bitField(st, 'tcp.flags', offset + 12, 2, 0x0fff);
  if (typeof flags.value === 'number')
    withDisplay(flags, `${hexNumber(flags.value, 3)} (${tcpFlagNames(flags.value)})`);
  flags.children = FLAG_BITS.map(([id, mask]) => bitField(st, id, offset + 12, 2, mask));
  c.push(flags);
  c.push(uintField(st, 'tcp.window_size_value', offset + 14, 2));
  const checksum = uintField(st, 'tcp.checksum', offset + 16, 2, 4);
  c.push(checksum, uintField(st, 'tcp.urgent_pointer', offset + 18, 2));
  st.tree.push(node);
  st.columns.protocol = 'TCP';

  if (!fits(st, offset, 20)) {
    node.truncated = true;
    addLayer(st, 'transport', 'tcp', offset, headerLength);
    addNote(st, 'netlab.note.truncatedTcp', 'The frame ends inside the TCP header.');
    st.columns.info = 'TCP (truncated header)';
    return;
  }
  if (dataOffset < 20) {
    withWarning(hl, `Bogus TCP header length ${dataOffset} (must be at least 20)`);
    addNote(st, 'netlab.warning.bogusTcpHeaderLength', `Bogus TCP header length ${dataOffset}.`);
    addLayer(st, 'transport', 'tcp', offset, 20);
    st.columns.info = `TCP (bogus header length ${dataOffset})`;
    return;
  }
  if (dataOffset > 20) {
    const opts = bytesField(st, 'tcp.options', offset + 20, dataOffset - 20);
    opts.children = tcpOptionNodes(st, offset + 20, offset + dataOffset);
    c.push(opts);
  }
  addLayer(st, 'transport', 'tcp', offset, dataOffset);

  const segmentLength = st.net ? st.net.transportLength : Math.max(0, end - offset);
  const payloadLength = Math.max(0, segmentLength - dataOffset);
  c.push(makeNode('tcp.len', payloadLength, offset, 0));
  verifyChecksum(st, offset, end, segmentLength, checksum);

  const srcPort = u16(b, offset);
  const dstPort = u16(b, offset + 2);
  const f = u16(b, offset + 12) & 0x0fff;
  const ackPart = (f & 0x10) !== 0 ? ` Ack=${u32(b, offset + 8)}` : '';
  st.columns.info = `${srcPort} → ${dstPort} [${tcpFlagNames(f)}] Seq=${u32(b, offset + 4)}${ackPart} Win=${u16(b, offset + 14)} Len=${payloadLength}`;

  const payloadStart = offset + dataOffset;
  const payloadEnd = Math.min(end, offset + segmentLength, st.captured);
  if (payloadLength > 0) {
    c.push(bytesField(st, 'tcp.payload', payloadStart, payloadLength));
  }
  if (payloadLength > 0 && payloadEnd > payloadStart) {
    dissectTcpPayload(st, srcPort, dstPort, payloadStart, payloadEnd, payloadLength);
  }
}

function verifyChecksum(
  st: DissectState,
  offset: number,
  end: number,
  segmentLength: number,
  checksum: FieldNode,
): void {
  const net = st.net;
  // Only when the whole segment is in the frame; a snap length or a fragment makes it unknowable.
  if (!net || net.fragmented || segmentLength < 20 || offset + segmentLength > Math.min(end, st.captured))
    return;
  const b = st.frame;
  const initial = pseudoHeaderSum(b, net.addrOffset, net.version, 6, segmentLength);
  const expected = expectedChecksum(b, offset, offset + segmentLength, offset + 16, initial);
  const stored = u16(b, offset + 16);
  if (expected !== stored) {
    withWarning(
      checksum,
      `Bad checksum: should be ${hexNumber(expected, 4)} (often checksum offload on the capturing host)`,
    );
    addNote(
      st,
      'netlab.warning.badChecksum',
      `TCP checksum is ${hexNumber(stored, 4)}, should be ${hexNumber(expected, 4)}; on the sending host this is usually checksum offload.`,
    );
  }
}
