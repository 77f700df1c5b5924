/**
 * What `analyze` does with each packet, in ONE place. Stages see every packet in order; to add a
 * display filter (`--filter EXPR`) or the TCP tracker's analysis, add a stage here:
 *  - a filter stage sets `ctx.keep = false` to drop a packet from `packets` and the counts after it;
 *  - an analysis stage reads `ctx.tcp` (TcpSegmentFacts) and contributes to the report in `finish`.
 */
import type {
  DissectedPacket,
  LayerBoundary,
  PacketSummary,
  TcpSegmentFacts,
} from '../../shared/model/packet';
import type { TcpSegmentAnalysis } from '../../shared/model/tcp';
import type { AnalysisReport } from './analysis-report';
import { ConnectionCounter } from './connection-counter';
import { DisplayFilterStage } from './filter-stage';
import { TcpAnalysisStage } from './tcp-analysis-stage';

export interface PacketContext {
  summary: PacketSummary;
  tcp: TcpSegmentFacts | null;
  /** The full tree, present when the run needs it (--packets, --fields, or a stage that asks). */
  packet: DissectedPacket | null;
  /** The captured bytes, present with the tree (the display filter's `contains` reads them). */
  frame: Uint8Array | null;
  /** The connection tracker's analysis of this segment (TCP packets). */
  tcpAnalysis: TcpSegmentAnalysis | null;
  /** Set to false by a filter stage: later stages and the output skip the packet. */
  keep: boolean;
}

export interface AnalysisStage {
  /** True when this stage needs the full field tree (e.g. a display filter on field values). */
  readonly needsTree: boolean;
  onPacket(ctx: PacketContext): void;
  finish(report: AnalysisReport): void;
}

class ProtocolCounts implements AnalysisStage {
  readonly needsTree = false;
  private readonly counts: Record<string, number> = {};
  onPacket(ctx: PacketContext): void {
    const layers: LayerBoundary[] = ctx.summary.layers;
    for (let i = 0; i < layers.length; i++) {
      const name = layers[i].protocol;
      this.counts[name] = (this.counts[name] ?? 0) + 1;
    }
  }
  finish(report: AnalysisReport): void {
    report.protocols = this.counts;
  }
}

class TcpConversations implements AnalysisStage {
  readonly needsTree = false;
  private readonly counter = new ConnectionCounter();
  onPacket(ctx: PacketContext): void {
    if (ctx.tcp) this.counter.add(ctx.tcp);
  }
  finish(report: AnalysisReport): void {
    report.conversations = this.counter.connections();
  }
}

export interface PipelineOptions {
  /** A Wireshark display filter: only matching packets are listed and counted. */
  filter?: string;
}

export interface Pipeline {
  stages: AnalysisStage[];
  tcp: TcpAnalysisStage;
}

/**
 * Order matters: the TCP analysis sees every packet (like `tshark -2 -Y`, the analysis does not
 * depend on the filter), then the filter drops packets, then the counts see what is left.
 * Throws FilterCompileError for an invalid filter.
 */
export function buildPipeline(options: PipelineOptions = {}): Pipeline {
  const tcp = new TcpAnalysisStage();
  const stages: AnalysisStage[] = [tcp];
  if (options.filter?.trim()) stages.push(new DisplayFilterStage(options.filter));
  stages.push(new ProtocolCounts(), new TcpConversations());
  return { stages, tcp };
}
