/**
 * The fast decode path: the packet-list row (PacketSummary) and, for TCP, the tracker's facts,
 * without building a field tree. It handles the common shapes itself (Ethernet/VLAN, SLL, NULL,
 * raw IP; IPv4/IPv6; TCP/UDP) and hands anything rarer to the full decoder, whose columns are
 * identical by construction for those packets. Hot path rules: no regexes, no tree, no closures;
 * numbers are read straight from the bytes.
 */
import {
  LinkType,
  type FieldNode,
  type LayerBoundary,
  type PacketSummary,
  type TcpSegmentFacts,
} from '../../shared/model/packet';
import { formatIpv4, formatIpv6, latin1, u16, u32, u32le, uint32ToString } from './bytes';
import { dissectPacket, timestampSeconds } from './dissect-packet';
import { looksLikeHttp } from './http';
import { tcpFlagNames } from './tcp';
import { readTcpOptionFacts } from './tcp-options';
import { looksLikeTls, tlsVersionName } from './tls';

// Local bindings of the helpers used per packet: when this module runs as CommonJS (tsx, vitest),
// every imported name is a getter on the exports object, which costs measurably on this path.
const fmtIpv4 = formatIpv4;
const fmtIpv6 = formatIpv6;
const read32 = u32;
const read16 = u16;
const decimal = uint32ToString;
const flagNames = tcpFlagNames;
const readOptions = readTcpOptionFacts;
const isHttp = looksLikeHttp;
const isTls = looksLikeTls;
const seconds = timestampSeconds;

export interface FrameSummary {
  summary: PacketSummary;
  /** Present for a TCP segment whose header was captured (and not inside a non-first fragment). */
  tcp: TcpSegmentFacts | null;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;

/** Where the network layer starts and what it is, or null when the link layer is not a fast case. */
function linkOffset(b: Uint8Array, linkType: number, out: { type: number; offset: number }): boolean {
  const n = b.length;
  switch (linkType) {
    case LinkType.ETHERNET: {
      if (n < 14) return false;
      let type = (b[12] << 8) | b[13];
      let off = 14;
      let tags = 0;
      while ((type === 0x8100 || type === 0x88a8 || type === 0x9100) && tags < 8 && off + 4 <= n) {
        type = (b[off + 2] << 8) | b[off + 3];
        off += 4;
        tags++;
      }
      out.type = type;
      out.offset = off;
      return true;
    }
    case LinkType.LINUX_SLL:
      if (n < 16) return false;
      out.type = (b[14] << 8) | b[15];
      out.offset = 16;
      return true;
    case LinkType.LINUX_SLL2:
      if (n < 20) return false;
      out.type = (b[0] << 8) | b[1];
      out.offset = 20;
      return true;
    case LinkType.NULL:
    case LinkType.LOOP: {
      if (n < 4) return false;
      let family = u32(b, 0);
      if (linkType === LinkType.NULL && (family & 0xffff0000) !== 0) family = u32le(b, 0);
      out.type =
        family === 2
          ? ETHERTYPE_IPV4
          : family === 10 || family === 24 || family === 28 || family === 30
            ? ETHERTYPE_IPV6
            : -1;
      out.offset = 4;
      return true;
    }
    case LinkType.RAW:
    case LinkType.RAW_12:
    case LinkType.RAW_14:
    case LinkType.IPV4:
    case LinkType.IPV6:
      if (n < 1) return false;
      out.type = b[0] >> 4 === 4 ? ETHERTYPE_IPV4 : b[0] >> 4 === 6 ? ETHERTYPE_IPV6 : -1;
      out.offset = 0;
      return true;
    default:
      return false;
  }
}

const LINK_PROTOCOL: Record<number, string> = {
  [LinkType.ETHERNET]: 'eth',
  [LinkType.LINUX_SLL]: 'sll',
  [LinkType.LINUX_SLL2]: 'sll',
  [LinkType.NULL]: 'null',
  [LinkType.LOOP]: 'null',
};

const scratch = { type: 0, offset: 0 };

export function summarizeFrame(
  frame: Uint8Array,
  linkType: number,
  frameNumber: number,
  timestampNs: bigint,
  originalLength: number,
  interfaceId = 0,
): FrameSummary {
  const b = frame;
  const n = b.length;
  if (!linkOffset(b, linkType, scratch))
    return slow(frame, linkType, frameNumber, timestampNs, originalLength, interfaceId);
  const linkEnd = scratch.offset;
  const type = scratch.type;
  let ipVersion: 4 | 6;
  let transport: number;
  let protocol: number;
  let segmentLength: number;
  let ipEnd: number;
  let addr: number;
  if (type === ETHERTYPE_IPV4) {
    const ip = linkEnd;
    if (ip + 20 > n || b[ip] >> 4 !== 4)
      return slow(frame, linkType, frameNumber, timestampNs, originalLength, interfaceId);
    const ihl = (b[ip] & 0x0f) * 4;
    const total = (b[ip + 2] << 8) | b[ip + 3];
    // Fragments, options past the capture, bogus lengths: the full decoder explains those.
    if (ihl < 20 || ip + ihl > n || total < ihl || ((b[ip + 6] & 0x3f) | b[ip + 7]) !== 0) {
      return slow(frame, linkType, frameNumber, timestampNs, originalLength, interfaceId);
    }
    ipVersion = 4;
    transport = ip + ihl;
    protocol = b[ip + 9];
    segmentLength = total - ihl;
    ipEnd = Math.min(n, ip + total);
    addr = ip + 12;
  } else if (type === ETHERTYPE_IPV6) {
    const ip = linkEnd;
    if (ip + 40 > n || b[ip] >> 4 !== 6)
      return slow(frame, linkType, frameNumber, timestampNs, originalLength, interfaceId);
    const plen = (b[ip + 4] << 8) | b[ip + 5];
    ipVersion = 6;
    transport = ip + 40;
    protocol = b[ip + 6];
    segmentLength = plen;
    ipEnd = Math.min(n, ip + 40 + plen);
    addr = ip + 8;
    if (plen === 0) return slow(frame, linkType, frameNumber, timestampNs, originalLength, interfaceId);
  } else return slow(frame, linkType, frameNumber, timestampNs, originalLength, interfaceId);

  if (protocol === 6) {
    const t = transport;
    if (t + 20 > n) return slow(frame, linkType, frameNumber, timestampNs, originalLength, interfaceId);
    const dataOffset = (b[t + 12] >> 4) * 4;
    if (dataOffset < 20) return slow(frame, linkType, frameNumber, timestampNs, originalLength, interfaceId);
    const srcPort = (b[t] << 8) | b[t + 1];
    const dstPort = (b[t + 2] << 8) | b[t + 3];
    const payloadLength = segmentLength > dataOffset ? segmentLength - dataOffset : 0;
    const payloadStart = t + dataOffset;
    const capturedPayload = ipEnd > payloadStart ? Math.min(ipEnd - payloadStart, payloadLength) : 0;
    let appProtocol: string | null = null;
    let appInfo = '';
    if (capturedPayload > 0) {
      if (srcPort === 53 || dstPort === 53)
        return slow(frame, linkType, frameNumber, timestampNs, originalLength, interfaceId);
      if (isHttp(b, payloadStart, payloadStart + capturedPayload)) {
        appProtocol = 'HTTP';
        appInfo = httpStartLine(b, payloadStart, payloadStart + capturedPayload);
      } else if (isTls(b, payloadStart, payloadStart + capturedPayload)) {
        if (b[payloadStart] !== 23)
          return slow(frame, linkType, frameNumber, timestampNs, originalLength, interfaceId);
        appProtocol = tlsVersionName(read16(b, payloadStart + 1));
        appInfo = 'Application Data';
      } else if (srcPort === 80 || dstPort === 80 || srcPort === 8080 || dstPort === 8080) {
        appProtocol = 'HTTP';
        appInfo = 'Continuation';
      } else if (srcPort === 443 || dstPort === 443) {
        appProtocol = 'TLS';
        appInfo = 'Continuation Data';
      }
    }
    const src = ipVersion === 4 ? fmtIpv4(b, addr) : fmtIpv6(b, addr);
    const dst = ipVersion === 4 ? fmtIpv4(b, addr + 4) : fmtIpv6(b, addr + 16);
    const seq = read32(b, t + 4);
    const ack = read32(b, t + 8);
    const flags = ((b[t + 12] << 8) | b[t + 13]) & 0x0fff;
    const window = (b[t + 14] << 8) | b[t + 15];
    const options: TcpSegmentFacts['options'] = {};
    if (dataOffset > 20) readOptions(b, t + 20, Math.min(t + dataOffset, n), options);
    const facts: TcpSegmentFacts = {
      number: frameNumber,
      timestampNs,
      ipVersion,
      srcAddr: src,
      dstAddr: dst,
      srcPort,
      dstPort,
      seq,
      ack,
      flags,
      window,
      payloadLength,
      capturedPayloadLength: capturedPayload,
      options,
    };
    const layers: LayerBoundary[] = [
      { layer: 'link', protocol: LINK_PROTOCOL[linkType] ?? 'raw', offset: 0, length: linkEnd },
      { layer: 'network', protocol: ipVersion === 4 ? 'ip' : 'ipv6', offset: linkEnd, length: t - linkEnd },
      { layer: 'transport', protocol: 'tcp', offset: t, length: dataOffset },
    ];
    if (appProtocol !== null) {
      layers.push({
        layer: 'application',
        protocol: appProtocol === 'HTTP' ? 'http' : 'tls',
        offset: payloadStart,
        length: capturedPayload,
      });
    }
    const info =
      appProtocol !== null
        ? appInfo
        : srcPort +
          ' → ' +
          dstPort +
          ' [' +
          flagNames(flags) +
          '] Seq=' +
          decimal(seq) +
          ((flags & 0x10) !== 0 ? ' Ack=' + decimal(ack) : '') +
          ' Win=' +
          window +
          ' Len=' +
          payloadLength;
    const summary = makeSummary(
      frameNumber,
      timestampNs,
      originalLength,
      n,
      interfaceId,
      src,
      dst,
      appProtocol ?? 'TCP',
      info,
      layers,
    );
    return { summary, tcp: facts };
  }
  if (protocol === 17) {
    const t = transport;
    if (t + 8 > n) return slow(frame, linkType, frameNumber, timestampNs, originalLength, interfaceId);
    const srcPort = (b[t] << 8) | b[t + 1];
    const dstPort = (b[t + 2] << 8) | b[t + 3];
    if (srcPort === 53 || dstPort === 53 || srcPort === 5353 || dstPort === 5353) {
      return slow(frame, linkType, frameNumber, timestampNs, originalLength, interfaceId);
    }
    const length = (b[t + 4] << 8) | b[t + 5];
    const src = ipVersion === 4 ? fmtIpv4(b, addr) : fmtIpv6(b, addr);
    const dst = ipVersion === 4 ? fmtIpv4(b, addr + 4) : fmtIpv6(b, addr + 16);
    const layers: LayerBoundary[] = [
      { layer: 'link', protocol: LINK_PROTOCOL[linkType] ?? 'raw', offset: 0, length: linkEnd },
      { layer: 'network', protocol: ipVersion === 4 ? 'ip' : 'ipv6', offset: linkEnd, length: t - linkEnd },
      { layer: 'transport', protocol: 'udp', offset: t, length: 8 },
    ];
    const info = srcPort + ' → ' + dstPort + ' Len=' + Math.max(0, (length >= 8 ? length : ipEnd - t) - 8);
    return {
      summary: makeSummary(
        frameNumber,
        timestampNs,
        originalLength,
        n,
        interfaceId,
        src,
        dst,
        'UDP',
        info,
        layers,
      ),
      tcp: null,
    };
  }
  return slow(frame, linkType, frameNumber, timestampNs, originalLength, interfaceId);
}

/** The Info column of an HTTP message: its start line, as the full decoder shows it. */
function httpStartLine(b: Uint8Array, start: number, end: number): string {
  let e = start;
  while (e + 1 < end && !(b[e] === 13 && b[e + 1] === 10)) e++;
  return latin1(b, start, e + 1 < end ? e : end);
}

function makeSummary(
  number: number,
  timestampNs: bigint,
  length: number,
  capturedLength: number,
  interfaceId: number,
  source: string,
  destination: string,
  protocol: string,
  info: string,
  layers: LayerBoundary[],
): PacketSummary {
  return {
    number,
    time: seconds(timestampNs),
    timestampNs: timestampNs.toString(),
    length,
    capturedLength,
    interfaceId,
    source,
    destination,
    protocol,
    info,
    layers,
  };
}

/** Rare shapes go through the full decoder; TCP facts are then derived from its tree-free columns. */
function slow(
  frame: Uint8Array,
  linkType: number,
  frameNumber: number,
  timestampNs: bigint,
  originalLength: number,
  interfaceId: number,
): FrameSummary {
  const packet = dissectPacket(frame, linkType, frameNumber, timestampNs, originalLength, interfaceId);
  return {
    summary: packet.summary,
    tcp: tcpFactsFromTree(packet.fields, frameNumber, timestampNs, frame.length),
  };
}

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
