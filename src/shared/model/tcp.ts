/**
 * The TCP connection analysis model: what the connection tracker (src/main/tcp) says about every
 * segment and every connection. The timeline view, `netlab analyze --json` and reports read it.
 * Field meanings follow Wireshark (tcp.stream, relative tcp.seq/tcp.ack, tcp.analysis.*) and Zeek
 * (conn_state, history) so a learner can check NetLab against either tool.
 */

/** RFC 9293 connection states (section 3.3.2), spelled as in the RFC. */
export const TCP_ENDPOINT_STATES = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
] as const;
export type TcpEndpointState = (typeof TCP_ENDPOINT_STATES)[number];

export type TcpRole = 'client' | 'server';

/**
 * Where the capture was taken. A capture at the client sees the client's segments leave and the
 * server's arrive; whether the server received something is then only inferred (and vice versa).
 */
export type TcpVantage = 'client' | 'server' | 'unknown';

/**
 * 'observed': the capture proves this state (the endpoint sent a segment only this state sends, or
 * the capture was taken at this endpoint and shows what it received). 'inferred': what the endpoint
 * would be in if it received what the capture shows; the capture cannot prove it did.
 */
export type TcpStateCertainty = 'observed' | 'inferred';

export interface TcpEndpointStateView {
  state: TcpEndpointState;
  certainty: TcpStateCertainty;
}

/** Wireshark's tcp.analysis.* flags, named after the field (tcp.analysis.<name>). */
export const TCP_ANALYSIS_FLAGS = [
  'retransmission',
  'fast_retransmission',
  'spurious_retransmission',
  'out_of_order',
  'lost_segment',
  'ack_lost_segment',
  'duplicate_ack',
  'zero_window',
  'zero_window_probe',
  'zero_window_probe_ack',
  'window_full',
  'window_update',
  'keep_alive',
  'keep_alive_ack',
  'reused_ports',
] as const;
export type TcpAnalysisFlag = (typeof TCP_ANALYSIS_FLAGS)[number];

export type TcpPhase = 'handshake' | 'data' | 'teardown';

/**
 * Named situations a learner should recognise. Each is an i18n key under `situation.` in the `tcp`
 * namespace, with a plain-language explanation in English and Simplified Chinese.
 */
export const TCP_SITUATIONS = [
  'syn-retransmitted',
  'synack-retransmitted',
  'final-ack-lost',
  'data-completes-handshake',
  'client-gave-up',
  'connection-refused',
  'reset-abort',
  'half-close',
  'time-wait',
  'simultaneous-open',
  'simultaneous-close',
  'three-segment-close',
  'mid-stream-pickup',
  'zero-window',
  'fast-retransmission',
] as const;
export type TcpSituation = (typeof TCP_SITUATIONS)[number];

/** Zeek conn.log conn_state values. */
export type ZeekConnState =
  'S0' | 'S1' | 'SF' | 'REJ' | 'S2' | 'S3' | 'RSTO' | 'RSTR' | 'RSTOS0' | 'RSTRH' | 'SH' | 'SHR' | 'OTH';

export interface TcpEndpointAddress {
  addr: string;
  port: number;
}

/** The analysis of one TCP segment (one frame). */
export interface TcpSegmentAnalysis {
  frame: number;
  /** Wireshark's tcp.stream. */
  stream: number;
  /** Who sent this segment. */
  from: TcpRole;
  /** Relative sequence number (tcp.seq): 0 for the SYN, 1 for the first data byte. */
  seq: number;
  /** Relative acknowledgment number (tcp.ack); the raw value when the ACK flag is not set, as Wireshark shows it. */
  ack: number;
  /** Relative next sequence number (tcp.nxtseq): seq + payload + 1 for SYN and FIN. */
  nextSeq: number;
  rawSeq: number;
  rawAck: number;
  flags: number;
  payloadLength: number;
  analysis: TcpAnalysisFlag[];
  /** tcp.analysis.duplicate_ack_num when this is a duplicate ACK. */
  duplicateAckNum?: number;
  /** Both endpoints' states after this segment. */
  states: Record<TcpRole, TcpEndpointStateView>;
  phase: TcpPhase;
  situations: TcpSituation[];
  /** Seconds since the connection's first segment. */
  relativeTime: number;
}

export interface TcpDirectionStats {
  packets: number;
  /** Bytes on the wire (frame length) when known, else IP-less estimate: TCP payload only. */
  bytes: number;
  payloadBytes: number;
}

export interface TcpPhaseSpan {
  phase: TcpPhase;
  firstFrame: number;
  lastFrame: number;
}

/** The summary of one connection (one tcp.stream). */
export interface TcpConnectionSummary {
  stream: number;
  ipVersion: 4 | 6;
  client: TcpEndpointAddress;
  server: TcpEndpointAddress;
  /** True when no SYN was seen: client and server were guessed (mid-stream pickup). */
  rolesGuessed: boolean;
  vantage: TcpVantage;
  /** True when the vantage was guessed from handshake timing rather than given. */
  vantageGuessed: boolean;
  firstFrame: number;
  lastFrame: number;
  /** Start time, nanoseconds since the epoch as a decimal string. */
  startNs: string;
  durationSeconds: number;
  /** Wireshark's tcp.analysis.initial_rtt: from the last SYN to the first pure ACK after it. */
  initialRttSeconds?: number;
  handshake: { synFrame?: number; synAckFrame?: number; ackFrame?: number };
  phases: TcpPhaseSpan[];
  situations: { situation: TcpSituation; frame: number }[];
  finalStates: Record<TcpRole, TcpEndpointStateView>;
  connState: ZeekConnState;
  history: string;
  stats: Record<TcpRole, TcpDirectionStats>;
  /** How many segments carried each analysis flag (flags never seen are absent). */
  analysisCounts: Partial<Record<TcpAnalysisFlag, number>>;
}
