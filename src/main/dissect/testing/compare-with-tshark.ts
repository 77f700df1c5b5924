/**
 * Compares NetLab's field trees with tshark's PDML for a whole capture: for every field id in
 * COMPARED, the value (as tshark shows it), the byte offset and the size must match, in both
 * directions (a field tshark shows at a position must exist in NetLab's tree there, and vice versa).
 */
import type { FieldNode } from '../../../shared/model/packet';
import { readCaptureFile } from '../../capture/files';
import { dissectPacket } from '../dissect-packet';
import { tsharkValue, wiresharkFields } from '../wireshark-fields';
import { tsharkPdml, type PdmlField } from './pdml-oracle';

/** The fields checked against tshark: the list of point 3 of the brief plus flags, options, and more. */
export const COMPARED = new Set([
  'eth.dst',
  'ieee8021ad.id',
  'sll.src.eth',
  'sll.ifindex',
  'eth.src',
  'eth.type',
  'vlan.id',
  'vlan.priority',
  'vlan.etype',
  'sll.pkttype',
  'sll.hatype',
  'sll.halen',
  'sll.etype',
  'null.family',
  'arp.hw.type',
  'arp.proto.type',
  'arp.hw.size',
  'arp.proto.size',
  'arp.opcode',
  'arp.src.hw_mac',
  'arp.src.proto_ipv4',
  'arp.dst.hw_mac',
  'arp.dst.proto_ipv4',
  'ip.version',
  'ip.hdr_len',
  'ip.dsfield',
  'ip.dsfield.dscp',
  'ip.dsfield.ecn',
  'ip.len',
  'ip.id',
  'ip.flags',
  'ip.flags.rb',
  'ip.flags.df',
  'ip.flags.mf',
  'ip.frag_offset',
  'ip.ttl',
  'ip.proto',
  'ip.checksum',
  'ip.src',
  'ip.dst',
  'ipv6.version',
  'ipv6.tclass',
  'ipv6.flow',
  'ipv6.plen',
  'ipv6.nxt',
  'ipv6.hlim',
  'ipv6.src',
  'ipv6.dst',
  'ipv6.fraghdr.nxt',
  'ipv6.fraghdr.offset',
  'ipv6.fraghdr.more',
  'ipv6.fraghdr.ident',
  'ipv6.hopopts.nxt',
  'ipv6.hopopts.len',
  'ipv6.dstopts.nxt',
  'ipv6.dstopts.len',
  'ipv6.routing.nxt',
  'ipv6.routing.len',
  'ipv6.routing.type',
  'ipv6.routing.segleft',
  'icmp.type',
  'icmp.code',
  'icmp.checksum',
  'icmp.ident',
  'icmp.seq',
  'icmpv6.type',
  'icmpv6.code',
  'icmpv6.checksum',
  'icmpv6.echo.identifier',
  'icmpv6.echo.sequence_number',
  'icmpv6.nd.ns.target_address',
  'icmpv6.nd.na.target_address',
  'tcp.srcport',
  'tcp.dstport',
  'tcp.seq_raw',
  'tcp.ack_raw',
  'tcp.hdr_len',
  'tcp.flags',
  'tcp.flags.res',
  'tcp.flags.ae',
  'tcp.flags.cwr',
  'tcp.flags.ece',
  'tcp.flags.urg',
  'tcp.flags.ack',
  'tcp.flags.push',
  'tcp.flags.reset',
  'tcp.flags.syn',
  'tcp.flags.fin',
  'tcp.window_size_value',
  'tcp.checksum',
  'tcp.urgent_pointer',
  'tcp.len',
  'tcp.option_kind',
  'tcp.option_len',
  'tcp.options.mss_val',
  'tcp.options.wscale.shift',
  'tcp.options.wscale.multiplier',
  'tcp.options.sack_le',
  'tcp.options.sack_re',
  'tcp.options.timestamp.tsval',
  'tcp.options.timestamp.tsecr',
  'tcp.options.tfo.cookie',
  'udp.srcport',
  'udp.dstport',
  'udp.length',
  'udp.checksum',
  'dns.length',
  'dns.id',
  'dns.flags',
  'dns.flags.response',
  'dns.flags.opcode',
  'dns.flags.recdesired',
  'dns.count.queries',
  'dns.count.answers',
  'dns.count.auth_rr',
  'dns.count.add_rr',
  'dns.qry.name',
  'dns.qry.type',
  'dns.qry.class',
  'dns.resp.name',
  'dns.resp.type',
  'dns.resp.class',
  'dns.resp.ttl',
  'dns.resp.len',
  'dns.a',
  'dns.aaaa',
  'dns.cname',
  'http.request.method',
  'http.request.uri',
  'http.request.version',
  'http.response.version',
  'http.response.code',
  'http.response.phrase',
  'http.host',
  'http.user_agent',
  'http.content_type',
  'http.server',
  'http.connection',
  'http.accept',
  'tls.record.content_type',
  'tls.record.version',
  'tls.record.length',
  'tls.handshake.type',
  'tls.handshake.length',
  'tls.handshake.version',
  'tls.handshake.session_id_length',
  'tls.handshake.cipher_suites_length',
  'tls.handshake.ciphersuite',
  'tls.handshake.comp_method',
  'tls.handshake.extensions_length',
  'tls.handshake.extension.type',
  'tls.handshake.extension.len',
  'tls.handshake.extensions_server_name',
  'tls.handshake.extensions_server_name_len',
  'tls.handshake.extensions_alpn_str',
  'tls.handshake.extensions_alpn_str_len',
  'tls.handshake.extensions.supported_version',
  'tls.handshake.certificates_length',
  'tls.handshake.certificate_length',
]);

/** The text tshark 4.0 shows for a NetLab value. */
export function showOf(node: FieldNode): string {
  const v = tsharkValue(node);
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

/**
 * tshark places a flag bit of a 2-byte word on the single byte that holds it; NetLab keeps the
 * whole word with a bitmask (what the renderer needs to highlight bits). Map ours to tshark's byte.
 */
function tsharkPosition(node: FieldNode): { pos: number; size: number } {
  if (node.bitmask !== undefined && node.length === 2 && node.id.startsWith('tcp.flags.')) {
    const high = (node.bitmask & 0xff00) !== 0;
    const low = (node.bitmask & 0x00ff) !== 0;
    if (high && !low) return { pos: node.offset, size: 1 };
    if (low && !high) return { pos: node.offset + 1, size: 1 };
  }
  return { pos: node.offset, size: node.length };
}

function flatten(nodes: FieldNode[], out: FieldNode[] = []): FieldNode[] {
  for (const n of nodes) {
    out.push(n);
    if (n.children) flatten(n.children, out);
  }
  return out;
}

/** Quoted headers inside ICMP errors are decoded by tshark but shown as data by NetLab. */
function insideIcmpQuote(f: PdmlField): boolean {
  const path = f.protoPath;
  return path.slice(0, -1).some((p) => p === 'icmp' || p === 'icmpv6');
}

export interface FileComparison {
  packets: number;
  checked: number;
  mismatches: string[];
  /** Field ids that were compared at least once (for coverage assertions). */
  seen: Set<string>;
}

export async function compareWithTshark(path: string, extraArgs: string[] = []): Promise<FileComparison> {
  const read = await readCaptureFile(path);
  const pdml = tsharkPdml(path, extraArgs);
  const result: FileComparison = { packets: read.frames.length, checked: 0, mismatches: [], seen: new Set() };
  if (pdml.length !== read.frames.length)
    result.mismatches.push(`packet count: tshark ${pdml.length}, NetLab ${read.frames.length}`);
  read.frames.forEach((frame, i) => {
    const linkType = read.interfaces[frame.interfaceId]?.linkType ?? 1;
    const packet = dissectPacket(frame.data, linkType, i + 1, frame.timestampNs, frame.originalLength);
    const ours = flatten(packet.fields).filter((n) => COMPARED.has(n.id) && n.value !== null);
    // TLS 1.3 calls the type of an encrypted record "opaque_type"; telling it from TLS 1.2 application
    // data needs the session's state, which a per-packet decoder does not keep: same bytes, same value.
    const theirs = (pdml[i] ?? [])
      .map((f) => (f.name === 'tls.record.opaque_type' ? { ...f, name: 'tls.record.content_type' } : f))
      .filter((f) => COMPARED.has(f.name) && !insideIcmpQuote(f));
    const where = `${path.split('/').pop()} #${i + 1}`;
    // Index both sides by "id@pos" once: big captures make the naive pairwise search quadratic.
    const theirsAt = new Map<string, PdmlField[]>();
    for (const f of theirs) {
      const key = `${f.name}@${f.pos}`;
      const list = theirsAt.get(key);
      if (list) list.push(f);
      else theirsAt.set(key, [f]);
    }
    const oursAt = new Set(ours.map((n) => `${n.id}@${tsharkPosition(n).pos}`));
    for (const node of ours) {
      const { pos, size } = tsharkPosition(node);
      const candidates = theirsAt.get(`${node.id}@${pos}`) ?? [];
      const show = showOf(node);
      result.checked++;
      result.seen.add(node.id);
      if (candidates.length === 0)
        result.mismatches.push(`${where} ${node.id}@${pos}: tshark has no such field here (ours ${show})`);
      else if (!candidates.some((f) => f.size === size && f.show === show)) {
        const c = candidates[0];
        result.mismatches.push(
          `${where} ${node.id}@${pos}: ours size ${size} "${show}", tshark size ${c.size} "${c.show}"`,
        );
      }
    }
    for (const f of theirs) {
      // tshark's IPv6 dissector also adds a hidden ip.version for filters like `ip.version == 6`.
      if (f.name === 'ip.version' && f.protoPath.at(-1) === 'ipv6') continue;
      if (!oursAt.has(`${f.name}@${f.pos}`))
        result.mismatches.push(`${where} ${f.name}@${f.pos}: missing in NetLab (tshark "${f.show}")`);
    }
    // wiresharkFields() must agree with the first occurrence tshark shows.
    const flat = wiresharkFields(packet);
    for (const [id, value] of Object.entries(flat)) {
      if (!COMPARED.has(id)) continue;
      const first = theirs.find((f) => f.name === id);
      const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
      if (first && first.show !== text)
        result.mismatches.push(`${where} wiresharkFields ${id}: "${text}" vs tshark "${first.show}"`);
    }
  });
  return result;
}
