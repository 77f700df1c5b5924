/**
 * The fast decode path: the packet-list row (PacketSummary) and, for TCP, the tracker's facts,
 * without building a field tree. It handles the common shapes itself (Ethernet/VLAN, SLL, NULL,
 * raw IP; IPv4/IPv6; TCP/UDP; HTTP start lines, TLS application data) and hands anything rarer to
 * the full decoder, so the columns match it. Hot path rules: no regexes, no tree, no closures, no
 * copies: `summarizeSpan` reads the frame in place inside the reader's chunk.
 */
import type { LayerBoundary, PacketSummary, TcpSegmentFacts } from '../../shared/model/packet';
import { formatIpv6, latin1, u16, u32, uint32ToString } from './bytes';
import { dissectPacket, timestampSeconds } from './dissect-packet';
import { looksLikeHttp } from './http';
import { tcpFlagNames } from './tcp';
import { tcpFactsFromTree } from './tcp-facts-from-tree';
import * as parts from './fast-path-parts';
import { readTcpOptionFacts } from './tcp-options';
import { looksLikeTls, tlsVersionName } from './tls';

// Local bindings of the helpers used per packet: when this module runs as CommonJS (tsx, vitest),
// every imported name is a getter on the exports object, which costs measurably on this path.
const fmtIpv6 = formatIpv6;
const read16 = u16;
const read32 = u32;
const decimal = uint32ToString;
const flagNames = tcpFlagNames;
const readOptions = readTcpOptionFacts;
const isHttp = looksLikeHttp;
const isTls = looksLikeTls;
const seconds = timestampSeconds;
const decodeLatin1 = latin1;
const versionName = tlsVersionName;
const { baseLayers, ipv4String, networkStart, ETHERTYPE_IPV4, ETHERTYPE_IPV6 } = parts;
/** The link scan's result slot (one shared object, written by networkStart for every packet). */
const link = parts.link;

export interface FrameSummary {
  summary: PacketSummary;
  /** Present for a TCP segment whose header was captured (and not inside a non-first fragment). */
  tcp: TcpSegmentFacts | null;
}

export function summarizeFrame(
  frame: Uint8Array,
  linkType: number,
  frameNumber: number,
  timestampNs: bigint,
  originalLength: number,
  interfaceId = 0,
): FrameSummary {
  return summarizeSpan(
    frame,
    0,
    frame.length,
    linkType,
    frameNumber,
    timestampNs,
    originalLength,
    interfaceId,
  );
}

/**
 * Same as summarizeFrame for the frame bytes[offset, offset + capturedLength), read in place (the
 * capture readers' visitor hands out exactly this). Layer offsets are relative to the frame.
 */
export function summarizeSpan(
  b: Uint8Array,
  offset: number,
  capturedLength: number,
  linkType: number,
  frameNumber: number,
  timestampNs: bigint,
  originalLength: number,
  interfaceId = 0,
): FrameSummary {
  const s = offset;
  const n = offset + capturedLength;
  if (!networkStart(b, s, n, linkType) || (link.type !== ETHERTYPE_IPV4 && link.type !== ETHERTYPE_IPV6)) {
    return slow(b, s, n, linkType, frameNumber, timestampNs, originalLength, interfaceId);
  }
  const ip = link.offset;
  let ipVersion: 4 | 6;
  let transport: number;
  let protocol: number;
  let segmentLength: number;
  let ipEnd: number;
  let addr: number;
  if (link.type === ETHERTYPE_IPV4) {
    if (ip + 20 > n || b[ip] >> 4 !== 4)
      return slow(b, s, n, linkType, frameNumber, timestampNs, originalLength, interfaceId);
    const ihl = (b[ip] & 0x0f) * 4;
    const total = (b[ip + 2] << 8) | b[ip + 3];
    // Fragments, options past the capture, bogus lengths: the full decoder explains those.
    if (ihl < 20 || ip + ihl > n || total < ihl || ((b[ip + 6] & 0x3f) | b[ip + 7]) !== 0) {
      return slow(b, s, n, linkType, frameNumber, timestampNs, originalLength, interfaceId);
    }
    ipVersion = 4;
    transport = ip + ihl;
    protocol = b[ip + 9];
    segmentLength = total - ihl;
    ipEnd = Math.min(n, ip + total);
    addr = ip + 12;
  } else {
    if (ip + 40 > n || b[ip] >> 4 !== 6)
      return slow(b, s, n, linkType, frameNumber, timestampNs, originalLength, interfaceId);
    const plen = (b[ip + 4] << 8) | b[ip + 5];
    if (plen === 0) return slow(b, s, n, linkType, frameNumber, timestampNs, originalLength, interfaceId);
    ipVersion = 6;
    transport = ip + 40;
    protocol = b[ip + 6];
    segmentLength = plen;
    ipEnd = Math.min(n, ip + 40 + plen);
    addr = ip + 8;
  }
  const t = transport;
  if (protocol === 6) {
    if (t + 20 > n) return slow(b, s, n, linkType, frameNumber, timestampNs, originalLength, interfaceId);
    const dataOffset = (b[t + 12] >> 4) * 4;
    if (dataOffset < 20)
      return slow(b, s, n, linkType, frameNumber, timestampNs, originalLength, interfaceId);
    const srcPort = (b[t] << 8) | b[t + 1];
    const dstPort = (b[t + 2] << 8) | b[t + 3];
    const payloadLength = segmentLength > dataOffset ? segmentLength - dataOffset : 0;
    const payloadStart = t + dataOffset;
    const capturedPayload = ipEnd > payloadStart ? Math.min(ipEnd - payloadStart, payloadLength) : 0;
    let appProtocol: string | null = null;
    let appInfo = '';
    if (capturedPayload > 0) {
      const payloadEnd = payloadStart + capturedPayload;
      if (srcPort === 53 || dstPort === 53) {
        return slow(b, s, n, linkType, frameNumber, timestampNs, originalLength, interfaceId);
      }
      if (isHttp(b, payloadStart, payloadEnd)) {
        appProtocol = 'HTTP';
        appInfo = httpStartLine(b, payloadStart, payloadEnd);
      } else if (isTls(b, payloadStart, payloadEnd)) {
        // Handshake records carry the interesting details: let the full decoder read them.
        if (b[payloadStart] !== 23)
          return slow(b, s, n, linkType, frameNumber, timestampNs, originalLength, interfaceId);
        appProtocol = versionName(read16(b, payloadStart + 1));
        appInfo = 'Application Data';
      } else if (srcPort === 80 || dstPort === 80 || srcPort === 8080 || dstPort === 8080) {
        appProtocol = 'HTTP';
        appInfo = 'Continuation';
      } else if (srcPort === 443 || dstPort === 443) {
        appProtocol = 'TLS';
        appInfo = 'Continuation Data';
      }
    }
    const src = ipVersion === 4 ? ipv4String(b, addr) : fmtIpv6(b, addr);
    const dst = ipVersion === 4 ? ipv4String(b, addr + 4) : fmtIpv6(b, addr + 16);
    const seq = read32(b, t + 4);
    const ack = read32(b, t + 8);
    const flags = ((b[t + 12] << 8) | b[t + 13]) & 0x0fff;
    const window = (b[t + 14] << 8) | b[t + 15];
    const options: TcpSegmentFacts['options'] = {};
    if (dataOffset > 20) readOptions(b, t + 20, Math.min(t + dataOffset, n), options);
    const tcp: TcpSegmentFacts = {
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
    const layers = baseLayers(
      linkType,
      s,
      ip,
      t,
      link.type === ETHERTYPE_IPV4,
      'tcp',
      dataOffset,
      appProtocol === null,
    );
    if (appProtocol !== null) {
      const id = appProtocol === 'HTTP' ? 'http' : 'tls';
      layers.push({ layer: 'application', protocol: id, offset: payloadStart - s, length: capturedPayload });
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
      n - s,
      interfaceId,
      src,
      dst,
      appProtocol ?? 'TCP',
      info,
      layers,
    );
    return { summary, tcp };
  }
  if (protocol === 17) {
    if (t + 8 > n) return slow(b, s, n, linkType, frameNumber, timestampNs, originalLength, interfaceId);
    const srcPort = (b[t] << 8) | b[t + 1];
    const dstPort = (b[t + 2] << 8) | b[t + 3];
    if (srcPort === 53 || dstPort === 53 || srcPort === 5353 || dstPort === 5353) {
      return slow(b, s, n, linkType, frameNumber, timestampNs, originalLength, interfaceId);
    }
    const length = (b[t + 4] << 8) | b[t + 5];
    const src = ipVersion === 4 ? ipv4String(b, addr) : fmtIpv6(b, addr);
    const dst = ipVersion === 4 ? ipv4String(b, addr + 4) : fmtIpv6(b, addr + 16);
    const info = srcPort + ' → ' + dstPort + ' Len=' + Math.max(0, (length >= 8 ? length : ipEnd - t) - 8);
    const layers = baseLayers(linkType, s, ip, t, link.type === ETHERTYPE_IPV4, 'udp', 8, true);
    return {
      summary: makeSummary(
        frameNumber,
        timestampNs,
        originalLength,
        n - s,
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
  return slow(b, s, n, linkType, frameNumber, timestampNs, originalLength, interfaceId);
}

/** The Info column of an HTTP message: its start line, as the full decoder shows it. */
function httpStartLine(b: Uint8Array, start: number, end: number): string {
  let e = start;
  while (e + 1 < end && !(b[e] === 13 && b[e + 1] === 10)) e++;
  return decodeLatin1(b, start, e + 1 < end ? e : end);
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

/** Rare shapes go through the full decoder; TCP facts are then read back from its tree. */
function slow(
  b: Uint8Array,
  s: number,
  n: number,
  linkType: number,
  frameNumber: number,
  timestampNs: bigint,
  originalLength: number,
  interfaceId: number,
): FrameSummary {
  const frame = s === 0 && n === b.length ? b : b.subarray(s, n);
  const packet = dissectPacket(frame, linkType, frameNumber, timestampNs, originalLength, interfaceId);
  return {
    summary: packet.summary,
    tcp: tcpFactsFromTree(packet.fields, frameNumber, timestampNs, frame.length),
  };
}
