/**
 * The shape of `netlab analyze --json` (documented in the README section "netlab analyze"). One
 * JSON document; times are seconds since the Unix epoch (floats, as tshark's frame.time_epoch), the
 * exact nanosecond value of each packet is in `timestampNs`.
 */
import type { FieldValue, LayerBoundary } from '../../shared/model/packet';
import type { TcpConnectionSummary } from '../../shared/model/tcp';
import type { WiresharkFieldValue } from '../dissect';

export interface ReportLinkType {
  interfaceId: number;
  linkType: number;
  /** LINKTYPE_* name, e.g. 'ETHERNET', or 'UNKNOWN' when NetLab does not decode it. */
  name: string;
}

/** A TCP conversation counted by its 4-tuple (both directions together). */
export interface ReportConnection {
  /** 0-based, in order of the first packet. */
  index: number;
  addressA: string;
  portA: number;
  addressB: string;
  portB: number;
  packets: number;
  /** Frame numbers (1-based) of the first and last packet. */
  firstFrame: number;
  lastFrame: number;
  /** A SYN without ACK was seen (the capture holds the connection's start). */
  sawSyn: boolean;
}

export interface ReportField {
  id: string;
  name: string;
  value: FieldValue;
  /** Human rendering when it differs from the value, e.g. 'IPv4 (0x0800)'. */
  display?: string;
  offset: number;
  length: number;
  truncated?: boolean;
  warning?: string;
  bitmask?: number;
  children?: ReportField[];
}

export interface ReportPacket {
  number: number;
  time: number;
  timestampNs: string;
  length: number;
  capturedLength: number;
  source: string;
  destination: string;
  protocol: string;
  info: string;
  layers: LayerBoundary[];
  /** tshark field names and values (`tshark -T fields` style), plus the TCP analysis (tcp.stream, tcp.analysis.*, netlab.tcp.*). */
  wireshark: Record<string, WiresharkFieldValue>;
  /** With --fields: the whole field tree. */
  fields?: ReportField[];
}

export interface AnalysisReport {
  file: string;
  format: 'pcap' | 'pcapng' | null;
  linkTypes: ReportLinkType[];
  packetCount: number;
  firstTime: number | null;
  lastTime: number | null;
  /** lastTime - firstTime in seconds (0 with fewer than two packets). */
  duration: number;
  /** Packets per protocol, counting every layer a packet has (eth, ip, tcp, http ...). */
  protocols: Record<string, number>;
  /** TCP conversations by address/port pair, as `tshark -z conv,tcp` counts them. */
  conversations: ReportConnection[];
  /** Every TCP connection (tcp.stream) as the connection tracker analysed it (src/shared/model/tcp.ts). */
  connections: TcpConnectionSummary[];
  /** The display filter given with --filter (packets and counts hold only matching packets). */
  filter?: string;
  packets?: ReportPacket[];
  /** Reading stopped at damage: `offset` is the byte offset in the file. */
  error?: { offset: number; message: string };
}
