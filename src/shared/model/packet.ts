/**
 * The packet model every view shares. Decoders (src/main/dissect) produce it; the timeline, the
 * layer explainer, the packet list, the display filter and reports consume it.
 */

/** The four layers of the TCP/IP model. The OSI mapping is a view concern (renderer). */
export type LayerName = 'link' | 'network' | 'transport' | 'application';

/** A run of bytes in the frame that belongs to one protocol header (plus payload for the last). */
export interface LayerBoundary {
  layer: LayerName;
  /** Protocol short name as Wireshark prints it in the Protocol column: 'eth', 'ip', 'ipv6', 'tcp', 'udp', 'dns', 'http', 'tls', 'arp', 'icmp', ... */
  protocol: string;
  /** Byte offset of the header in the frame. */
  offset: number;
  /** Header length in bytes (for the application layer: its bytes in this frame). */
  length: number;
}

export type FieldValue = string | number | boolean | null;

/**
 * One decoded field. `id` is Wireshark's field name where Wireshark has one (`ip.ttl`,
 * `tcp.flags.syn`), otherwise it starts with `netlab.`. Protocol nodes use the protocol's name as id
 * (`eth`, `ip`, `tcp`) and hold their fields as children.
 */
export interface FieldNode {
  id: string;
  /** English display name (from the `fields` translation namespace); the renderer translates by id. */
  name: string;
  value: FieldValue;
  /** Optional human rendering of the value when it differs from String(value), e.g. '0x0800 (IPv4)'. */
  display?: string;
  /** Byte offset in the frame where the field starts. */
  offset: number;
  /** Length in bytes covered by the field (for a bit field: the bytes that hold its bits). */
  length: number;
  /** For bit fields: the mask over the `length` bytes, big-endian, e.g. 0x0002 for tcp.flags.syn in the 2-byte flags word. */
  bitmask?: number;
  /** The field runs past the captured bytes (snap length or a damaged packet); value may be null. */
  truncated?: boolean;
  /** Set when a check failed, e.g. a bad checksum; an i18n key in the `fields` namespace plus English text. */
  warning?: string;
  children?: FieldNode[];
}

/** Link-layer header types we know (values are LINKTYPE_* from the tcpdump.org registry). */
export const LinkType = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  RAW_12: 12,
  RAW_14: 14,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

/** A frame as read from a file or the capture agent, before decoding. */
export interface RawFrame {
  /** Timestamp in nanoseconds since the Unix epoch (exact; no float rounding). */
  timestampNs: bigint;
  /** Length of the packet on the wire. */
  originalLength: number;
  /** The captured bytes (may be shorter than originalLength). */
  data: Uint8Array;
  /** Index into the capture's interface list. */
  interfaceId: number;
  /** pcapng packet comment(s), if any. */
  comments?: string[];
}

export interface CaptureInterfaceDescription {
  linkType: number;
  snapLength: number;
  name?: string;
  description?: string;
  /** Ticks per second of this interface's timestamps (if_tsresol), 1e6 by default. */
  timestampResolution?: number;
}

/** One row of the packet list: enough to draw it and to index the packet, no field tree. */
export interface PacketSummary {
  /** 1-based frame number, like Wireshark's frame.number. */
  number: number;
  /** Seconds since the Unix epoch (float, for display; the exact value is `timestampNs`). */
  time: number;
  /** Exact timestamp as a decimal string of nanoseconds (JSON has no bigint). */
  timestampNs: string;
  length: number;
  capturedLength: number;
  interfaceId: number;
  source: string;
  destination: string;
  /** Highest decoded protocol, as in Wireshark's Protocol column (e.g. 'TCP', 'DNS', 'TLSv1.3'). */
  protocol: string;
  info: string;
  layers: LayerBoundary[];
  /** TCP stream index when the packet is TCP (filled by the connection tracker). */
  tcpStream?: number;
}

/** Everything about one packet: summary, field tree, the bytes. */
export interface DissectedPacket {
  summary: PacketSummary;
  fields: FieldNode[];
  /** Short notes, e.g. 'unknown link type 147: shown as raw bytes'. English, with an i18n key. */
  notes: { key: string; text: string }[];
}

/**
 * The facts the TCP connection tracker needs from one TCP segment. The fast decode path fills this
 * without building a field tree, so the tracker runs at file-read speed.
 */
export interface TcpSegmentFacts {
  /** 1-based frame number. */
  number: number;
  /** Exact timestamp, nanoseconds since the epoch. */
  timestampNs: bigint;
  ipVersion: 4 | 6;
  /** Addresses as printed (IPv4 dotted, IPv6 compressed). */
  srcAddr: string;
  dstAddr: string;
  srcPort: number;
  dstPort: number;
  /** Raw 32-bit sequence and acknowledgment numbers. */
  seq: number;
  ack: number;
  /** The 12-bit flags field (NS/AE, CWR, ECE, URG, ACK, PSH, RST, SYN, FIN). */
  flags: number;
  /** Window field as sent (before scaling). */
  window: number;
  /** TCP payload bytes in this segment as the IP header says (tcp.len), even when not all captured. */
  payloadLength: number;
  /** TCP payload bytes actually captured. */
  capturedPayloadLength: number;
  options: {
    mss?: number;
    windowScale?: number;
    sackPermitted?: boolean;
    /** SACK blocks as raw [left, right) pairs. */
    sack?: [number, number][];
    tsVal?: number;
    tsEcr?: number;
    /** TFO cookie in hex; an empty string for a cookie request. */
    tfoCookie?: string;
  };
}

export const TcpFlag = {
  FIN: 0x001,
  SYN: 0x002,
  RST: 0x004,
  PSH: 0x008,
  ACK: 0x010,
  URG: 0x020,
  ECE: 0x040,
  CWR: 0x080,
  AE: 0x100,
} as const;
