/**
 * The tracker's answers under Wireshark's field names, for `netlab analyze --packets` and for the
 * tshark comparison: tcp.stream, tcp.seq, tcp.ack, tcp.nxtseq, tcp.analysis.* (as tshark prints
 * them: '1' for a present flag), plus NetLab's own netlab.tcp.* fields.
 */
import { TcpFlag, type TcpSegmentFacts } from '../../shared/model/packet';
import type { TcpConnectionSummary, TcpRole, TcpSegmentAnalysis } from '../../shared/model/tcp';
import { ConnectionTracker, type ConnectionTrackerOptions } from './connection-tracker';

export type TcpFieldValues = Record<string, string | number>;

export function segmentFieldValues(a: TcpSegmentAnalysis, initialRtt?: number): TcpFieldValues {
  const out: TcpFieldValues = {
    'tcp.stream': a.stream,
    'tcp.seq': a.seq,
    'tcp.ack': a.ack,
    'tcp.nxtseq': a.nextSeq,
  };
  for (const flag of a.analysis) out[`tcp.analysis.${flag}`] = 1;
  if (a.duplicateAckNum) out['tcp.analysis.duplicate_ack_num'] = a.duplicateAckNum;
  if (initialRtt !== undefined) out['tcp.analysis.initial_rtt'] = initialRtt;
  out['netlab.tcp.state.client'] = a.states.client.state;
  out['netlab.tcp.state.server'] = a.states.server.state;
  out['netlab.tcp.state.client.certainty'] = a.states.client.certainty;
  out['netlab.tcp.state.server.certainty'] = a.states.server.certainty;
  out['netlab.tcp.phase'] = a.phase;
  if (a.situations.length > 0) out['netlab.tcp.situation'] = a.situations.join(',');
  return out;
}

export interface TcpAnalysisResult {
  /** Per frame number: the Wireshark-named values (TCP frames only). */
  packets: Map<number, TcpFieldValues>;
  segments: TcpSegmentAnalysis[];
  connections: TcpConnectionSummary[];
}

/**
 * Runs the tracker over a whole capture and answers like `tshark -2` (two passes). Wireshark 4.0
 * takes every SYN's sequence number as that side's base, on every pass; so on the second pass a
 * frame is numbered from the base its side ended the first pass with, until a SYN of that side
 * rebases it, and a SYN-ACK whose sequence differs from that base is flagged as reused ports.
 */
export function analyzeTcpSegments(
  segments: Iterable<{ facts: TcpSegmentFacts; frameLength?: number }>,
  options: ConnectionTrackerOptions & { endNs?: bigint } = {},
): TcpAnalysisResult {
  const tracker = new ConnectionTracker(options);
  const analyses: TcpSegmentAnalysis[] = [];
  for (const s of segments) analyses.push(tracker.track(s.facts, s.frameLength));
  const secondPassBases = new Map<number, Partial<Record<TcpRole, number>>>();
  const packets = new Map<number, TcpFieldValues>();
  for (const a of analyses) {
    let bases = secondPassBases.get(a.stream);
    if (!bases) secondPassBases.set(a.stream, (bases = tracker.baseSequences(a.stream)));
    let initialRtt = tracker.initialRttShownOn(a.frame);
    const synAck = (a.flags & (TcpFlag.SYN | TcpFlag.ACK)) === (TcpFlag.SYN | TcpFlag.ACK);
    const rebased = synAck && bases[a.from] !== undefined && bases[a.from] !== a.rawSeq;
    // Flagging creates Wireshark's per-frame analysis record, which also prints the iRTT.
    if (rebased) initialRtt ??= tracker.initialRttOf(a.stream);
    const values = segmentFieldValues(renumbered(a, bases), initialRtt);
    if (rebased) values['tcp.analysis.reused_ports'] = 1;
    if (a.flags & TcpFlag.SYN) bases[a.from] = a.rawSeq;
    packets.set(a.frame, values);
  }
  return { packets, segments: analyses, connections: tracker.connections(options.endNs) };
}

/** The segment's relative numbers as the second pass computes them (see analyzeTcpSegments). */
function renumbered(a: TcpSegmentAnalysis, bases: Partial<Record<TcpRole, number>>): TcpSegmentAnalysis {
  const to: TcpRole = a.from === 'client' ? 'server' : 'client';
  const own = a.flags & TcpFlag.SYN ? a.rawSeq : bases[a.from];
  if (own === undefined) return a;
  const seq = (a.rawSeq - own) >>> 0;
  const peer = bases[to];
  const ack = a.flags & TcpFlag.ACK && peer !== undefined ? (a.rawAck - peer) >>> 0 : a.ack;
  const nextSeq = (seq + a.payloadLength + (a.flags & (TcpFlag.SYN | TcpFlag.FIN) ? 1 : 0)) >>> 0;
  return { ...a, seq, ack, nextSeq };
}
