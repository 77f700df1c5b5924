/**
 * Pieces of the fast decode path (summarize-frame.ts) kept apart so each file stays small: finding
 * the network layer behind the link header, cached IPv4 address text and shared layer lists.
 */
import { LinkType, type LayerBoundary } from '../../shared/model/packet';
import { formatIpv4, u32, u32le } from './bytes';

const fmtIpv4 = formatIpv4;

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;

export const LINK_PROTOCOL: Record<number, string> = {
  [LinkType.ETHERNET]: 'eth',
  [LinkType.LINUX_SLL]: 'sll',
  [LinkType.LINUX_SLL2]: 'sll',
  [LinkType.NULL]: 'null',
  [LinkType.LOOP]: 'null',
};

/**
 * IPv4 address text by numeric address: a capture holds few distinct addresses, and building the
 * dotted form allocates several intermediate strings per packet. Bounded: cleared when full.
 */
const ipv4Text = new Map<number, string>();

export function ipv4String(b: Uint8Array, o: number): string {
  const key = ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
  let text = ipv4Text.get(key);
  if (text === undefined) {
    if (ipv4Text.size >= 65_536) ipv4Text.clear();
    text = fmtIpv4(b, o);
    ipv4Text.set(key, text);
  }
  return text;
}

/** Result slot of `networkStart` (module-level so the hot path allocates nothing for it). */
export const link = { type: 0, offset: 0 };

/** Finds the network layer after the link header of `b[s..n)`; false when this is not a fast case. */
export function networkStart(b: Uint8Array, s: number, n: number, linkType: number): boolean {
  switch (linkType) {
    case LinkType.ETHERNET: {
      if (n - s < 14) return false;
      let type = (b[s + 12] << 8) | b[s + 13];
      let off = s + 14;
      for (let tags = 0; (type === 0x8100 || type === 0x88a8 || type === 0x9100) && tags < 8; tags++) {
        if (off + 4 > n) return false;
        type = (b[off + 2] << 8) | b[off + 3];
        off += 4;
      }
      link.type = type;
      link.offset = off;
      return true;
    }
    case LinkType.LINUX_SLL:
      if (n - s < 16) return false;
      link.type = (b[s + 14] << 8) | b[s + 15];
      link.offset = s + 16;
      return true;
    case LinkType.LINUX_SLL2:
      if (n - s < 20) return false;
      link.type = (b[s] << 8) | b[s + 1];
      link.offset = s + 20;
      return true;
    case LinkType.NULL:
    case LinkType.LOOP: {
      if (n - s < 4) return false;
      let family = u32(b, s);
      if (linkType === LinkType.NULL && (family & 0xffff0000) !== 0) family = u32le(b, s);
      const v6 = family === 10 || family === 24 || family === 28 || family === 30;
      link.type = family === 2 ? ETHERTYPE_IPV4 : v6 ? ETHERTYPE_IPV6 : -1;
      link.offset = s + 4;
      return true;
    }
    case LinkType.RAW:
    case LinkType.RAW_12:
    case LinkType.RAW_14:
    case LinkType.IPV4:
    case LinkType.IPV6:
      if (n - s < 1) return false;
      link.type = b[s] >> 4 === 4 ? ETHERTYPE_IPV4 : b[s] >> 4 === 6 ? ETHERTYPE_IPV6 : -1;
      link.offset = s;
      return true;
    default:
      return false;
  }
}

/**
 * Layer lists for packets without an application layer repeat endlessly (eth 14, ip 20, tcp 32):
 * share one frozen array per shape instead of allocating four objects per packet.
 */
const sharedLayers = new Map<number, LayerBoundary[]>();

export function baseLayers(
  linkType: number,
  s: number,
  ip: number,
  t: number,
  v4: boolean,
  transport: 'tcp' | 'udp',
  transportLength: number,
  shared: boolean,
): LayerBoundary[] {
  const linkLength = ip - s;
  const ipLength = t - ip;
  let key = -1;
  if (shared && linkLength < 256 && ipLength < 4096 && transportLength < 256 && linkType < 4096) {
    key =
      ((((linkType * 256 + linkLength) * 4096 + ipLength) * 256 + transportLength) * 2 + (v4 ? 1 : 0)) * 2 +
      (transport === 'tcp' ? 1 : 0);
    const cached = sharedLayers.get(key);
    if (cached !== undefined) return cached;
  }
  const layers: LayerBoundary[] = [
    { layer: 'link', protocol: LINK_PROTOCOL[linkType] ?? 'raw', offset: 0, length: linkLength },
    { layer: 'network', protocol: v4 ? 'ip' : 'ipv6', offset: linkLength, length: ipLength },
    { layer: 'transport', protocol: transport, offset: t - s, length: transportLength },
  ];
  if (key >= 0 && sharedLayers.size < 10_000) {
    for (const l of layers) Object.freeze(l);
    sharedLayers.set(key, Object.freeze(layers) as LayerBoundary[]);
  }
  return layers;
}
