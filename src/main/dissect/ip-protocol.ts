/** Hands an IP payload to the transport decoder its protocol number names. */
import { dataNode } from './fields';
import { dissectIcmp } from './icmp';
import { dissectIcmpv6 } from './icmpv6';
import { dissectTcp } from './tcp';
import { dissectUdp } from './udp';
import type { DissectState } from './state';

const NAMES: Record<number, string> = {
  0: 'IPv6 Hop-by-Hop Option',
  1: 'ICMP',
  2: 'IGMP',
  4: 'IPIP',
  6: 'TCP',
  17: 'UDP',
  41: 'IPv6',
  43: 'Routing Header for IPv6',
  44: 'Fragment Header for IPv6',
  47: 'GRE',
  50: 'ESP',
  51: 'AH',
  58: 'ICMPv6',
  59: 'No Next Header for IPv6',
  60: 'Destination Options for IPv6',
  132: 'SCTP',
};

export function ipProtocolName(protocol: number): string {
  return NAMES[protocol] ?? `Unknown (${protocol})`;
}

export function dissectIpPayload(st: DissectState, protocol: number, offset: number, end: number): void {
  switch (protocol) {
    case 6:
      return dissectTcp(st, offset, end);
    case 17:
      return dissectUdp(st, offset, end);
    case 1:
      return dissectIcmp(st, offset, end);
    case 58:
      return dissectIcmpv6(st, offset, end);
    default:
      if (end > offset) st.tree.push(dataNode(st, offset, end - offset));
  }
}
