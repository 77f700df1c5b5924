/**
 * What the filter knows about fields on its own: Wireshark's pseudo-fields (`ip.addr` is `ip.src`
 * or `ip.dst`), the protocol names, and the value kind of common fields so that `ip.src == 300.1.1.1`
 * is rejected while typing. The decoders define the full list of field ids; it is passed in.
 */

export type FieldKind = 'number' | 'bool' | 'ipv4' | 'ipv6' | 'mac' | 'string' | 'bytes' | 'presence';

/** Pseudo-fields: one name standing for several fields. Wireshark adds these as hidden fields. */
export const FIELD_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'ip.addr': ['ip.src', 'ip.dst'],
  'ip.host': ['ip.src_host', 'ip.dst_host'],
  'ipv6.addr': ['ipv6.src', 'ipv6.dst'],
  'eth.addr': ['eth.src', 'eth.dst'],
  'tcp.port': ['tcp.srcport', 'tcp.dstport'],
  'udp.port': ['udp.srcport', 'udp.dstport'],
};

export const PROTOCOL_NAMES: readonly string[] = [
  'frame',
  'eth',
  'sll',
  'vlan',
  'arp',
  'ip',
  'ipv6',
  'icmp',
  'icmpv6',
  'tcp',
  'udp',
  'dns',
  'mdns',
  'http',
  'http2',
  'tls',
  'quic',
  'dhcp',
  'ntp',
  'ssh',
  'data',
];

const kinds: Record<string, FieldKind> = {};
function declare(kind: FieldKind, names: string): void {
  for (const name of names.trim().split(/\s+/)) kinds[name] = kind;
}

declare(
  'number',
  'frame.number frame.len frame.cap_len frame.interface_id frame.time_delta frame.time_relative frame.time_epoch',
);
declare('mac', 'eth.src eth.dst eth.addr arp.src.hw_mac arp.dst.hw_mac sll.src.eth');
declare('number', 'eth.type vlan.id arp.opcode arp.hw.type arp.proto.type');
declare('ipv4', 'ip.src ip.dst ip.addr arp.src.proto_ipv4 arp.dst.proto_ipv4 dns.a');
declare(
  'number',
  'ip.version ip.hdr_len ip.dsfield ip.dsfield.dscp ip.dsfield.ecn ip.len ip.id ip.flags ip.frag_offset ip.ttl ip.proto ip.checksum',
);
declare('bool', 'ip.flags.rb ip.flags.df ip.flags.mf');
declare('ipv6', 'ipv6.src ipv6.dst ipv6.addr dns.aaaa');
declare('number', 'ipv6.version ipv6.tclass ipv6.flow ipv6.plen ipv6.nxt ipv6.hlim');
declare(
  'number',
  'tcp.srcport tcp.dstport tcp.port tcp.stream tcp.len tcp.seq tcp.seq_raw tcp.nxtseq tcp.ack tcp.ack_raw tcp.hdr_len tcp.flags tcp.window_size_value tcp.window_size tcp.window_size_scalefactor tcp.checksum tcp.urgent_pointer tcp.options.mss_val tcp.options.wscale.shift',
);
declare(
  'bool',
  'tcp.flags.res tcp.flags.ae tcp.flags.cwr tcp.flags.ece tcp.flags.urg tcp.flags.ack tcp.flags.push tcp.flags.reset tcp.flags.syn tcp.flags.fin',
);
declare(
  'presence',
  'tcp.analysis tcp.analysis.retransmission tcp.analysis.fast_retransmission tcp.analysis.spurious_retransmission tcp.analysis.duplicate_ack tcp.analysis.lost_segment tcp.analysis.ack_lost_segment tcp.analysis.out_of_order tcp.analysis.zero_window tcp.analysis.zero_window_probe tcp.analysis.window_full tcp.analysis.window_update tcp.analysis.keep_alive tcp.analysis.reused_ports',
);
declare(
  'number',
  'tcp.analysis.duplicate_ack_num tcp.analysis.ack_rtt tcp.analysis.initial_rtt tcp.analysis.bytes_in_flight tcp.time_delta tcp.time_relative',
);
declare('number', 'udp.srcport udp.dstport udp.port udp.length udp.checksum udp.stream');
declare('number', 'icmp.type icmp.code icmp.checksum icmp.ident icmp.seq icmpv6.type icmpv6.code');
declare(
  'number',
  'dns.id dns.flags dns.qry.type dns.qry.class dns.resp.type dns.resp.ttl dns.count.queries dns.count.answers',
);
declare('bool', 'dns.flags.response');
declare('string', 'dns.qry.name dns.resp.name dns.cname');
declare(
  'string',
  'http.request.method http.request.uri http.request.version http.host http.user_agent http.response.phrase http.content_type http.server',
);
declare('number', 'http.response.code http.content_length');
declare('presence', 'http.request http.response');
declare(
  'number',
  'tls.record.content_type tls.record.version tls.record.length tls.handshake.type tls.handshake.version',
);
declare('string', 'tls.handshake.extensions_server_name');
declare('bytes', 'tcp.payload udp.payload data data.data');

export const BUILTIN_FIELD_KINDS: Readonly<Record<string, FieldKind>> = kinds;

/** Every name the filter accepts without being told: protocols, pseudo-fields and the table above. */
export const BUILTIN_FIELD_NAMES: ReadonlySet<string> = new Set([
  ...PROTOCOL_NAMES,
  ...Object.keys(FIELD_ALIASES),
  ...Object.keys(kinds),
]);
