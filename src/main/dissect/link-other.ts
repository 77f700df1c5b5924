/**
 * The non-Ethernet link layers: BSD NULL/LOOP (a 4-byte address family), Linux cooked capture
 * v1 and v2 (what `tcpdump -i any` writes) and raw IP with no link header at all.
 */
import { u16, u32, u32le } from './bytes';
import { bitField, dataNode, macField, protoNode, uintField, bytesField, makeNode } from './fields';
import { dissectByEtherType, EtherType } from './ethertype';
import { dissectIpv4 } from './ipv4';
import { dissectIpv6 } from './ipv6';
import { addLayer, addNote, fits, type DissectState } from './state';

/** BSD address family values that mean IPv6 (Linux, NetBSD/OpenBSD, FreeBSD, Darwin). */
const AF_INET6 = new Set([10, 24, 28, 30]);
const AF_INET = 2;

/**
 * NULL (0) stores the family in the capturing host's byte order; LOOP (108) always big-endian.
 * Like Wireshark, guess the order for NULL: a family is a small number, so if the high 16 bits are set
 * the value was written little-endian.
 */
export function dissectNullLoop(st: DissectState, offset: number, networkOrder: boolean): void {
  const node = protoNode('null', offset, 4);
  st.tree.push(node);
  addLayer(st, 'link', 'null', offset, 4);
  if (!fits(st, offset, 4)) {
    node.children!.push(uintField(st, 'null.family', offset, 4));
    node.truncated = true;
    return;
  }
  let family = u32(st.frame, offset);
  if (!networkOrder && (family & 0xffff0000) !== 0) family = u32le(st.frame, offset);
  node.children!.push(makeNode('null.family', family, offset, 4));
  const end = st.captured;
  if (family === AF_INET) dissectIpv4(st, offset + 4, end);
  else if (AF_INET6.has(family)) dissectIpv6(st, offset + 4, end);
  else if (end > offset + 4) st.tree.push(dataNode(st, offset + 4, end - offset - 4));
}

/** Linux cooked capture v1: 16 bytes, protocol in the last two. */
export function dissectSll(st: DissectState, offset: number): void {
  const halen = fits(st, offset + 4, 2) ? u16(st.frame, offset + 4) : 0;
  const hatype = fits(st, offset + 2, 2) ? u16(st.frame, offset + 2) : 0;
  const node = protoNode('sll', offset, 16, [
    uintField(st, 'sll.pkttype', offset, 2),
    uintField(st, 'sll.hatype', offset + 2, 2),
    uintField(st, 'sll.halen', offset + 4, 2),
    sllAddress(st, offset + 6, halen, hatype),
    uintField(st, 'sll.etype', offset + 14, 2, 4),
  ]);
  st.tree.push(node);
  addLayer(st, 'link', 'sll', offset, 16);
  if (!fits(st, offset, 16)) {
    node.truncated = true;
    return;
  }
  dissectCookedPayload(st, u16(st.frame, offset + 14), offset + 16);
}

/** Linux cooked capture v2: 20 bytes, protocol first, then interface index and the v1 fields. */
export function dissectSll2(st: DissectState, offset: number): void {
  const halen = fits(st, offset + 11, 1) ? st.frame[offset + 11] : 0;
  const hatype = fits(st, offset + 8, 2) ? u16(st.frame, offset + 8) : 0;
  const node = protoNode('sll', offset, 20, [
    uintField(st, 'sll.etype', offset, 2, 4),
    uintField(st, 'sll.reserved', offset + 2, 2),
    uintField(st, 'sll.ifindex', offset + 4, 4),
    uintField(st, 'sll.hatype', offset + 8, 2),
    uintField(st, 'sll.pkttype', offset + 10, 1),
    uintField(st, 'sll.halen', offset + 11, 1),
    sllAddress(st, offset + 12, halen, hatype),
  ]);
  st.tree.push(node);
  addLayer(st, 'link', 'sll', offset, 20);
  if (!fits(st, offset, 20)) {
    node.truncated = true;
    return;
  }
  dissectCookedPayload(st, u16(st.frame, offset), offset + 20);
}

/** The 8-byte address slot: a MAC when it holds 6 bytes of an Ethernet-like device, else raw bytes. */
function sllAddress(st: DissectState, offset: number, halen: number, hatype: number) {
  const ARPHRD_ETHER = 1;
  const ARPHRD_LOOPBACK = 772;
  if (halen === 6 && (hatype === ARPHRD_ETHER || hatype === ARPHRD_LOOPBACK)) {
    return macField(st, 'sll.src.eth', offset);
  }
  return bytesField(st, 'sll.src.other', offset, Math.min(halen, 8));
}

/** In cooked captures the protocol field is an EtherType, except for a few Linux pseudo-types. */
function dissectCookedPayload(st: DissectState, protocol: number, offset: number): void {
  if (protocol === EtherType.IPV4 || protocol === EtherType.IPV6 || protocol === EtherType.ARP) {
    dissectByEtherType(st, protocol, offset, st.captured);
    return;
  }
  addNote(
    st,
    'netlab.note.cookedProtocol',
    `Linux cooked capture protocol 0x${protocol.toString(16)}: shown as raw bytes.`,
  );
  if (st.captured > offset) st.tree.push(dataNode(st, offset, st.captured - offset));
}

/** Raw IP: the version nibble says which IP it is. */
export function dissectRawIp(st: DissectState, offset: number, forced?: 4 | 6): void {
  addLayer(st, 'link', 'raw', offset, 0);
  const version = forced ?? (fits(st, offset, 1) ? st.frame[offset] >> 4 : 0);
  if (version === 4) dissectIpv4(st, offset, st.captured);
  else if (version === 6) dissectIpv6(st, offset, st.captured);
  else {
    st.tree.push(protoNode('raw', offset, 0, [bitField(st, 'netlab.raw.version', offset, 1, 0xf0)]));
    addNote(st, 'netlab.note.rawNotIp', 'Raw IP link type, but the first byte is not IPv4 or IPv6.');
    if (st.captured > offset) st.tree.push(dataNode(st, offset, st.captured - offset));
  }
}
