/**
 * `netlab analyze`: reads a pcap/pcapng file once, decodes every packet (fast path, or the full tree
 * when packets are listed), runs the analysis pipeline, and returns one report. Never throws for a
 * bad file: damage ends the read and is reported in `error` with everything read before it.
 */
import { LinkType, type FieldNode } from '../../shared/model/packet';
import { scanCaptureFile, timestampToNs, type CaptureInterfaceInfo } from '../capture/files';
import { dissectPacket, summarizeSpan, tcpFactsFromTree, wiresharkFields } from '../dissect';
import type { AnalysisReport, ReportField, ReportLinkType, ReportPacket } from './analysis-report';
import { buildPipeline, type PacketContext, type PipelineOptions } from './analysis-pipeline';

export interface AnalyzeOptions extends PipelineOptions {
  /** List every packet (number, time, lengths, layers, tshark-style fields). */
  packets?: boolean;
  /** Also give each listed packet its whole field tree (implies packets). */
  fields?: boolean;
}

/** The outcome: `unreadable` when the file is not a capture at all (or cannot be opened). */
export type AnalyzeResult =
  { kind: 'report'; report: AnalysisReport } | { kind: 'unreadable'; message: string };

const LINK_TYPE_NAMES = new Map<number, string>(
  Object.entries(LinkType).map(([name, value]) => [value, name]),
);

function toReportField(n: FieldNode): ReportField {
  const f: ReportField = { id: n.id, name: n.name, value: n.value, offset: n.offset, length: n.length };
  if (n.display !== undefined) f.display = n.display;
  if (n.truncated) f.truncated = true;
  if (n.warning) f.warning = n.warning;
  if (n.bitmask !== undefined) f.bitmask = n.bitmask;
  if (n.children) f.children = n.children.map(toReportField);
  return f;
}

export async function analyzeCapture(path: string, options: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  const listPackets = options.packets === true || options.fields === true;
  const { stages, tcp: tcpStage } = buildPipeline(options);
  const needTree = listPackets || stages.some((s) => s.needsTree);
  const interfaces: CaptureInterfaceInfo[] = [];
  const listed: { packet: ReportPacket; ctx: PacketContext }[] = [];
  let number = 0;
  let kept = 0;
  let first: number | null = null;
  let last: number | null = null;

  const result = await scanCaptureFile(
    path,
    (bytes, offset, capturedLength, originalLength, seconds, nanoseconds, interfaceId) => {
      number++;
      const timestampNs = timestampToNs(seconds, nanoseconds);
      const linkType = interfaces[interfaceId]?.linkType ?? -1;
      const ctx: PacketContext = {
        summary: undefined as never,
        tcp: null,
        packet: null,
        frame: null,
        tcpAnalysis: null,
        keep: true,
      };
      if (needTree) {
        const frame = bytes.subarray(offset, offset + capturedLength);
        ctx.frame = frame;
        ctx.packet = dissectPacket(frame, linkType, number, timestampNs, originalLength, interfaceId);
        ctx.summary = ctx.packet.summary;
        ctx.tcp = tcpFactsFromTree(ctx.packet.fields, number, timestampNs, capturedLength);
      } else {
        const fast = summarizeSpan(
          bytes,
          offset,
          capturedLength,
          linkType,
          number,
          timestampNs,
          originalLength,
          interfaceId,
        );
        ctx.summary = fast.summary;
        ctx.tcp = fast.tcp;
      }
      for (const stage of stages) {
        stage.onPacket(ctx);
        if (!ctx.keep) return;
      }
      kept++;
      const time = seconds + nanoseconds / 1e9;
      if (first === null || time < first) first = time;
      if (last === null || time > last) last = time;
      if (listPackets && ctx.packet)
        listed.push({ packet: reportPacket(ctx, time, options.fields === true), ctx });
    },
    { onInterface: (info) => interfaces.push(info) },
  );

  if (result.format === null)
    return { kind: 'unreadable', message: result.error?.message ?? 'not a pcap or pcapng file' };
  const linkTypes: ReportLinkType[] = result.interfaces.map((info, interfaceId) => ({
    interfaceId,
    linkType: info.linkType,
    name: LINK_TYPE_NAMES.get(info.linkType) ?? 'UNKNOWN',
  }));
  const report: AnalysisReport = {
    file: path,
    format: result.format,
    linkTypes,
    packetCount: kept,
    firstTime: first,
    lastTime: last,
    duration: first !== null && last !== null ? Math.max(0, last - first) : 0,
    protocols: {},
    conversations: [],
    connections: [],
  };
  for (const stage of stages) stage.finish(report);
  if (listPackets) {
    // The TCP values go in after the whole file was read: the initial RTT is known only then.
    for (const { packet, ctx } of listed) {
      if (ctx.tcpAnalysis) Object.assign(packet.wireshark, tcpStage.wiresharkValues(ctx.tcpAnalysis));
    }
    report.packets = listed.map((l) => l.packet);
  }
  if (result.error) report.error = { offset: result.error.offset, message: result.error.message };
  return { kind: 'report', report };
}

function reportPacket(ctx: PacketContext, time: number, withFields: boolean): ReportPacket {
  const s = ctx.summary;
  const p: ReportPacket = {
    number: s.number,
    time,
    timestampNs: s.timestampNs,
    length: s.length,
    capturedLength: s.capturedLength,
    source: s.source,
    destination: s.destination,
    protocol: s.protocol,
    info: s.info,
    layers: s.layers,
    wireshark: ctx.packet ? wiresharkFields(ctx.packet) : {},
  };
  if (withFields && ctx.packet) p.fields = ctx.packet.fields.map(toReportField);
  return p;
}
