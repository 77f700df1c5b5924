/**
 * Flattens a dissected packet into tshark's field names and values (`tshark -T fields -e NAME`):
 * numbers stay numbers, hex-based fields are strings like "0x0800" (tshark prints them so), boolean
 * flags are true/false. The first occurrence of a field wins, as with tshark's default occurrence.
 */
import type { DissectedPacket, FieldNode } from '../../shared/model/packet';
import { hexNumber } from './bytes';

export type WiresharkFieldValue = string | number | boolean;

/** Fields tshark prints in hex, with their digit count (the width of the field type). */
export const HEX_FIELDS: Record<string, number> = {
  'eth.type': 4,
  'vlan.etype': 4,
  'sll.etype': 4,
  'arp.proto.type': 4,
  'ip.dsfield': 2,
  'ip.id': 4,
  'ip.flags': 2,
  'ip.checksum': 4,
  'ipv6.tclass': 8,
  'ipv6.flow': 6,
  'ipv6.fraghdr.ident': 8,
  'ipv6.opt.type': 2,
  'tcp.flags': 4,
  'tcp.checksum': 4,
  'udp.checksum': 4,
  'icmp.checksum': 4,
  'icmpv6.checksum': 4,
  'icmpv6.echo.identifier': 4,
  'dns.id': 4,
  'dns.flags': 4,
  'dns.qry.class': 4,
  'dns.resp.class': 4,
  'tls.record.version': 4,
  'tls.handshake.version': 4,
  'tls.handshake.ciphersuite': 4,
  'tls.handshake.extensions.supported_version': 4,
};

/** Converts one node's value to what tshark prints for it, or undefined for valueless nodes. */
export function tsharkValue(node: FieldNode): WiresharkFieldValue | undefined {
  const v = node.value;
  if (v === null) return undefined;
  const digits = HEX_FIELDS[node.id];
  if (digits !== undefined && typeof v === 'number') return hexNumber(v, digits);
  return v;
}

function walk(nodes: FieldNode[], out: Record<string, WiresharkFieldValue>): void {
  for (const node of nodes) {
    if (!node.id.startsWith('netlab.') && !(node.id in out)) {
      const value = tsharkValue(node);
      if (value !== undefined) out[node.id] = value;
    }
    if (node.children) walk(node.children, out);
  }
}

export function wiresharkFields(packet: DissectedPacket): Record<string, WiresharkFieldValue> {
  const out: Record<string, WiresharkFieldValue> = {
    'frame.number': packet.summary.number,
    'frame.len': packet.summary.length,
    'frame.cap_len': packet.summary.capturedLength,
  };
  walk(packet.fields, out);
  return out;
}
