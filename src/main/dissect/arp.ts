/** ARP (RFC 826) for Ethernet/IPv4; other hardware or protocol sizes are shown as raw addresses. */
import { formatIpv4, formatMac, u16 } from './bytes';
import { bytesField, ipv4Field, macField, protoNode, uintField } from './fields';
import { addLayer, fits, type DissectState } from './state';

export function dissectArp(st: DissectState, offset: number, end: number): void {
  const b = st.frame;
  const hlen = fits(st, offset + 4, 1) ? b[offset + 4] : 6;
  const plen = fits(st, offset + 5, 1) ? b[offset + 5] : 4;
  const total = 8 + 2 * hlen + 2 * plen;
  const node = protoNode('arp', offset, total, [
    uintField(st, 'arp.hw.type', offset, 2),
    uintField(st, 'arp.proto.type', offset + 2, 2, 4),
    uintField(st, 'arp.hw.size', offset + 4, 1),
    uintField(st, 'arp.proto.size', offset + 5, 1),
    uintField(st, 'arp.opcode', offset + 6, 2),
  ]);
  const ethIp = hlen === 6 && plen === 4;
  let p = offset + 8;
  const addrs: [string, string][] = [
    ['arp.src.hw_mac', 'arp.src.proto_ipv4'],
    ['arp.dst.hw_mac', 'arp.dst.proto_ipv4'],
  ];
  for (const [hwId, protoId] of addrs) {
    node.children!.push(ethIp ? macField(st, hwId, p) : bytesField(st, hwId.replace('_mac', ''), p, hlen));
    p += hlen;
    node.children!.push(
      ethIp ? ipv4Field(st, protoId, p) : bytesField(st, protoId.replace('_ipv4', ''), p, plen),
    );
    p += plen;
  }
  if (!fits(st, offset, total) || end < offset + total) node.truncated = true;
  st.tree.push(node);
  addLayer(st, 'network', 'arp', offset, total);
  st.columns.protocol = 'ARP';
  if (!ethIp || !fits(st, offset, total)) {
    st.columns.info = 'ARP (incomplete or not Ethernet/IPv4)';
    return;
  }
  const op = u16(b, offset + 6);
  const senderMac = formatMac(b, offset + 8);
  const senderIp = formatIpv4(b, offset + 14);
  const targetIp = formatIpv4(b, offset + 24);
  if (op === 1) {
    st.columns.info =
      senderIp === targetIp
        ? `Gratuitous ARP for ${senderIp} (Request)`
        : `Who has ${targetIp}? Tell ${senderIp}`;
  } else if (op === 2) st.columns.info = `${senderIp} is at ${senderMac}`;
  else st.columns.info = `ARP opcode ${op}`;
}
