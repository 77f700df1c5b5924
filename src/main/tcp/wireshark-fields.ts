/**
 * The tracker's answers under Wireshark's field names, for `netlab analyze --packets` and for the
 * tshark comparison: tcp.stream, tcp.seq, tcp.ack, tcp.nxtseq, tcp.analysis.* (as tshark prints
 * them: '1' for a present flag), plus NetLab's own netlab.tcp.* fields.
 */
import type { TcpSegmentFacts } from '../../shared/model/packet';
import type { TcpConnectionSummary, TcpSegmentAnalysis } from '../../shared/model/tcp';
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
 * Runs the tracker over a whole capture (two passes' worth, like `tshark -2`: the iRTT found at the
 * handshake's end is shown on earlier frames too).
 */
export function analyzeTcpSegments(
  segments: Iterable<{ facts: TcpSegmentFacts; frameLength?: number }>,
  options: ConnectionTrackerOptions & { endNs?: bigint } = {},
): TcpAnalysisResult {
  const tracker = new ConnectionTracker(options);
  const analyses: TcpSegmentAnalysis[] = [];
  for (const s of segments) analyses.push(tracker.track(s.facts, s.frameLength));
  const packets = new Map<number, TcpFieldValues>();
  for (const a of analyses) packets.set(a.frame, segmentFieldValues(a, tracker.initialRttShownOn(a.frame)));
  for (const frame of tracker.secondPassReusedFrames()) {
    const values = packets.get(frame);
    if (values) values['tcp.analysis.reused_ports'] = 1;
  }
  return { packets, segments: analyses, connections: tracker.connections(options.endNs) };
}
