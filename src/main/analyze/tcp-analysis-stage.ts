/**
 * The connection tracker as an analyze stage: every TCP segment is tracked (whatever the filter),
 * its analysis is attached to the packet, and the report gets the tracker's connections.
 */
import type { AnalysisReport } from './analysis-report';
import type { AnalysisStage, PacketContext } from './analysis-pipeline';
import { ConnectionTracker } from '../tcp/connection-tracker';
import { segmentFieldValues } from '../tcp/wireshark-fields';
import type { WiresharkFieldValue } from '../dissect';
import type { TcpSegmentAnalysis } from '../../shared/model/tcp';

/** Fields whose presence is the information: tshark shows them as set, we give `true`. */
const VALUED_ANALYSIS_FIELDS = new Set(['tcp.analysis.duplicate_ack_num', 'tcp.analysis.initial_rtt']);

export class TcpAnalysisStage implements AnalysisStage {
  readonly needsTree = false;
  readonly tracker = new ConnectionTracker();

  onPacket(ctx: PacketContext): void {
    if (!ctx.tcp) return;
    ctx.tcpAnalysis = this.tracker.track(ctx.tcp, ctx.summary.length);
    ctx.summary.tcpStream = ctx.tcpAnalysis.stream;
  }

  finish(report: AnalysisReport): void {
    report.connections = this.tracker.connections();
  }

  /**
   * The analysis under tshark's field names. Called after the whole file was read, so the
   * initial RTT is the connection's final one, as `tshark -2` shows it.
   */
  wiresharkValues(analysis: TcpSegmentAnalysis): Record<string, WiresharkFieldValue> {
    const values = segmentFieldValues(analysis, this.tracker.initialRttShownOn(analysis.frame));
    const out: Record<string, WiresharkFieldValue> = {};
    for (const [key, value] of Object.entries(values)) {
      out[key] = key.startsWith('tcp.analysis.') && !VALUED_ANALYSIS_FIELDS.has(key) ? true : value;
    }
    return out;
  }
}
