/** Hands the payload after a link header to the decoder its EtherType names. */
import { dissectArp } from './arp';
import { dataNode } from './fields';
import { dissectIpv4 } from './ipv4';
import { dissectIpv6 } from './ipv6';
import type { DissectState } from './state';

export const EtherType = {
  IPV4: 0x0800,
  ARP: 0x0806,
  VLAN: 0x8100,
  QINQ: 0x88a8,
  QINQ_OLD: 0x9100,
  IPV6: 0x86dd,
} as const;

const NAMES: Record<number, string> = {
  0x0800: 'IPv4',
  0x0806: 'ARP',
  0x8100: '802.1Q Virtual LAN',
  0x88a8: '802.1ad Provider Bridge (Q-in-Q)',
  0x9100: 'VLAN double tagging (Q-in-Q)',
  0x86dd: 'IPv6',
};

export function etherTypeName(type: number): string | undefined {
  return NAMES[type];
}

/** Dissects `offset..end` of the frame as the protocol `type`. Returns false when unknown. */
export function dissectByEtherType(st: DissectState, type: number, offset: number, end: number): boolean {
  switch (type) {
    case EtherType.IPV4:
      dissectIpv4(st, offset, end);
      return true;
    case EtherType.IPV6:
      dissectIpv6(st, offset, end);
      return true;
    case EtherType.ARP:
      dissectArp(st, offset, end);
      return true;
    default:
      if (end > offset) st.tree.push(dataNode(st, offset, end - offset));
      return false;
  }
}
