/** Short protocol labels as Wireshark's Protocol column prints them (names, not translated). */
const LABELS: Record<string, string> = {
  eth: 'Ethernet',
  sll: 'Linux cooked',
  null: 'Loopback',
  raw: 'Raw IP',
  ip: 'IPv4',
  ipv6: 'IPv6',
  tcp: 'TCP',
  udp: 'UDP',
  icmp: 'ICMP',
  icmpv6: 'ICMPv6',
  arp: 'ARP',
  http: 'HTTP',
  tls: 'TLS',
  dns: 'DNS',
};

export function protocolLabel(protocol: string): string {
  return LABELS[protocol] ?? protocol.toUpperCase();
}

/** Fields whose values tell a block's story in the encapsulation steps. */
export const KEY_FIELDS: Record<string, string[]> = {
  eth: ['eth.src', 'eth.dst'],
  sll: ['sll.src.eth'],
  ip: ['ip.src', 'ip.dst', 'ip.ttl'],
  ipv6: ['ipv6.src', 'ipv6.dst', 'ipv6.hlim'],
  tcp: ['tcp.srcport', 'tcp.dstport', 'tcp.flags'],
  udp: ['udp.srcport', 'udp.dstport'],
};
