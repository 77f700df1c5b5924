/** Reads TcpSegmentFacts back out of a full field tree: the fast path's fallback for rare shapes. */
import type { FieldNode, TcpSegmentFacts } from '../../shared/model/packet';

/** Reads TcpSegmentFacts back out of a full field tree (used for the rare shapes above). */
export function tcpFactsFromTree(
  fields: FieldNode[],
  number: number,
  timestampNs: bigint,
  capturedLength: number,
): TcpSegmentFacts | null {
  const tcp = fields.find((f) => f.id === 'tcp');
  const ip = fields.find((f) => f.id === 'ip' || f.id === 'ipv6');
  if (!tcp || !ip || tcp.truncated) return null;
  const get = (node: FieldNode, id: string): FieldNode | undefined => node.children?.find((c) => c.id === id);
  const num = (node: FieldNode, id: string): number => {
    const v = get(node, id)?.value;
    return typeof v === 'number' ? v : 0;
  };
  const str = (id: string): string => {
    const v = get(ip, id)?.value;
    return typeof v === 'string' ? v : '';
  };
  const v4 = ip.id === 'ip';
  const options: TcpSegmentFacts['options'] = {};
  const optionsNode = get(tcp, 'tcp.options');
  for (const opt of optionsNode?.children ?? []) {
    if (opt.id === 'tcp.options.mss') options.mss = num(opt, 'tcp.options.mss_val');
    else if (opt.id === 'tcp.options.wscale') options.windowScale = num(opt, 'tcp.options.wscale.shift');
    else if (opt.id === 'tcp.options.sack_perm') options.sackPermitted = true;
    else if (opt.id === 'tcp.options.timestamp') {
      options.tsVal = num(opt, 'tcp.options.timestamp.tsval');
      options.tsEcr = num(opt, 'tcp.options.timestamp.tsecr');
    } else if (opt.id === 'tcp.options.sack') {
      const edges = (opt.children ?? []).filter(
        (c) => c.id === 'tcp.options.sack_le' || c.id === 'tcp.options.sack_re',
      );
      const blocks: [number, number][] = [];
      for (let i = 0; i + 1 < edges.length; i += 2)
        blocks.push([Number(edges[i].value), Number(edges[i + 1].value)]);
      options.sack = blocks;
    } else if (opt.id === 'tcp.options.tfo') {
      const cookie = get(opt, 'tcp.options.tfo.cookie')?.value;
      options.tfoCookie = typeof cookie === 'string' ? cookie.replace(/:/g, '') : '';
    }
  }
  const payloadLength = num(tcp, 'tcp.len');
  const payloadNode = get(tcp, 'tcp.payload');
  return {
    number,
    timestampNs,
    ipVersion: v4 ? 4 : 6,
    srcAddr: str(v4 ? 'ip.src' : 'ipv6.src'),
    dstAddr: str(v4 ? 'ip.dst' : 'ipv6.dst'),
    srcPort: num(tcp, 'tcp.srcport'),
    dstPort: num(tcp, 'tcp.dstport'),
    seq: num(tcp, 'tcp.seq_raw'),
    ack: num(tcp, 'tcp.ack_raw'),
    flags: num(tcp, 'tcp.flags'),
    window: num(tcp, 'tcp.window_size_value'),
    payloadLength,
    capturedPayloadLength: payloadNode
      ? Math.max(0, Math.min(payloadLength, capturedLength - payloadNode.offset))
      : 0,
    options,
  };
}
