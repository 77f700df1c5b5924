/**
 * The TCP connection tracker: segments in, analysis out (sans-I/O, incremental, so the same code
 * runs on a live capture and on a file). `track()` answers for one segment at once;
 * `connections()` summarises every connection seen so far.
 */
import { TcpFlag, type TcpSegmentFacts } from '../../shared/model/packet';
import {
  TCP_ANALYSIS_FLAGS,
  type TcpAnalysisFlag,
  type TcpConnectionSummary,
  type TcpSegmentAnalysis,
  type TcpVantage,
} from '../../shared/model/tcp';
import { ConnectionRecord, guessRoles } from './connection-record';
import { A } from './sequence-analysis';
import { endpointKey, StreamTable, type Conversation } from './stream-table';

export interface ConnectionTrackerOptions {
  /**
   * Where the capture was taken, for every connection. 'auto' (default) guesses per connection from
   * the handshake timing; `localAddresses` (the capturing host's addresses) wins over both.
   */
  vantage?: TcpVantage | 'auto';
  localAddresses?: string[];
}

const FLAG_BITS: Record<TcpAnalysisFlag, number> = {
  retransmission: A.RETRANSMISSION,
  fast_retransmission: A.FAST_RETRANSMISSION,
  spurious_retransmission: A.SPURIOUS_RETRANSMISSION,
  out_of_order: A.OUT_OF_ORDER,
  lost_segment: A.LOST_PACKET,
  ack_lost_segment: A.ACK_LOST_PACKET,
  duplicate_ack: A.DUPLICATE_ACK,
  zero_window: A.ZERO_WINDOW,
  zero_window_probe: A.ZERO_WINDOW_PROBE,
  zero_window_probe_ack: A.ZERO_WINDOW_PROBE_ACK,
  window_full: A.WINDOW_FULL,
  window_update: A.WINDOW_UPDATE,
  keep_alive: A.KEEP_ALIVE,
  keep_alive_ack: A.KEEP_ALIVE_ACK,
  reused_ports: A.REUSED_PORTS,
};

/** Wireshark shows tcp.analysis.retransmission on fast and spurious retransmissions too. */
export function analysisFlagNames(bits: number): TcpAnalysisFlag[] {
  if (bits === 0) return [];
  const names = TCP_ANALYSIS_FLAGS.filter((n) => bits & FLAG_BITS[n]);
  if (bits & (A.FAST_RETRANSMISSION | A.SPURIOUS_RETRANSMISSION) && !names.includes('retransmission')) {
    names.unshift('retransmission');
  }
  return names;
}

/** How long after its last SYN a lone client counts as having given up, in units of its last retry gap. */
const GAVE_UP_GAP_FACTOR = 2n;

export class ConnectionTracker {
  private readonly table = new StreamTable();
  private readonly records: ConnectionRecord[] = [];
  private readonly byConversation = new WeakMap<object, ConnectionRecord>();
  private readonly conversations = new Map<ConnectionRecord, Conversation>();
  private latestNs = 0n;
  /** Frames of this tracker that Wireshark would print tcp.analysis.initial_rtt on. */
  private readonly rttShown = new Map<number, ConnectionRecord>();

  constructor(private readonly options: ConnectionTrackerOptions = {}) {}

  track(facts: TcpSegmentFacts, frameLength?: number): TcpSegmentAnalysis {
    const v = this.table.process(facts);
    let record = this.byConversation.get(v.conversation);
    if (!record) {
      record = new ConnectionRecord(
        v.conversation.stream,
        facts.ipVersion,
        guessRoles(facts),
        this.vantageFor(facts),
      );
      this.byConversation.set(v.conversation, record);
      this.conversations.set(record, v.conversation);
      this.records.push(record);
    }
    if (facts.timestampNs > this.latestNs) this.latestNs = facts.timestampNs;
    const from = record.roleOf(facts);
    const phase = record.phaseOf(facts);
    const situations = record.add(facts, from, frameLength, v.analysisFlags);
    record.noteFinAcknowledgment(facts, from);
    if (v.analysisFlags & A.FAST_RETRANSMISSION)
      situations.push(...this.markOnce(record, 'fast-retransmission'));
    if (v.analysisFlags & A.ZERO_WINDOW) situations.push(...this.markOnce(record, 'zero-window'));
    record.zeek.add({
      from,
      seq: facts.seq,
      relSeq: v.relSeq,
      flags: facts.flags,
      payloadLength: facts.payloadLength,
      zeroWindow: facts.window === 0 && (facts.flags & (TcpFlag.SYN | TcpFlag.RST)) === 0,
    });
    record.initialRttNs = v.conversation.firstRttNs;
    const analysis = analysisFlagNames(v.analysisFlags);
    for (const flag of analysis) record.analysisCounts[flag] = (record.analysisCounts[flag] ?? 0) + 1;
    if (v.hasRecord) this.rttShown.set(facts.number, record);
    return {
      frame: facts.number,
      stream: v.conversation.stream,
      from,
      seq: v.relSeq,
      ack: v.relAck,
      nextSeq: v.relNextSeq,
      rawSeq: facts.seq >>> 0,
      rawAck: facts.ack >>> 0,
      flags: facts.flags,
      payloadLength: facts.payloadLength,
      analysis,
      ...(v.dupAckNum ? { duplicateAckNum: v.dupAckNum } : {}),
      states: record.states,
      phase,
      situations,
      relativeTime: Number(facts.timestampNs - record.startNs) / 1e9,
    };
  }

  /**
   * Wireshark's tcp.analysis.initial_rtt for a frame, in seconds, as `tshark -2` prints it: the
   * connection's final iRTT, on the frames Wireshark keeps an analysis record for.
   */
  initialRttShownOn(frame: number): number | undefined {
    const record = this.rttShown.get(frame);
    if (!record || record.initialRttNs === 0n) return undefined;
    return Number(record.initialRttNs) / 1e9;
  }

  /** Each endpoint's base sequence number (its ISN, or first seq - 1) as it stands now. */
  baseSequences(stream: number): Partial<Record<'client' | 'server', number>> {
    const record = this.records[stream];
    const conv = record ? this.conversations.get(record) : undefined;
    if (!record || !conv) return {};
    const out: Partial<Record<'client' | 'server', number>> = {};
    for (const role of ['client', 'server'] as const) {
      const flow = conv.flows.get(endpointKey(record.roles[role].addr, record.roles[role].port));
      if (flow?.baseSeqSet) out[role] = flow.baseSeq;
    }
    return out;
  }

  /**
   * Summaries of every connection so far. `asOfNs` is "now" (live capture) or the end of the
   * capture, when later than the last segment: it lets a silent client be seen to have given up.
   */
  /** The connection's iRTT in seconds, once known. */
  initialRttOf(stream: number): number | undefined {
    const ns = this.records[stream]?.initialRttNs ?? 0n;
    return ns === 0n ? undefined : Number(ns) / 1e9;
  }

  connections(asOfNs?: bigint): TcpConnectionSummary[] {
    if (asOfNs !== undefined && asOfNs > this.latestNs) this.latestNs = asOfNs;
    return this.records.map((r) => this.summarize(r));
  }

  private markOnce(record: ConnectionRecord, situation: 'fast-retransmission' | 'zero-window') {
    if (record.situations.some((s) => s.situation === situation)) return [];
    record.situations.push({ situation, frame: record.lastFrame });
    return [situation];
  }

  private vantageFor(f: TcpSegmentFacts): TcpVantage | 'auto' {
    const local = this.options.localAddresses;
    if (local && local.length > 0) {
      const roles = guessRoles(f);
      const clientLocal = local.includes(roles.client.addr);
      const serverLocal = local.includes(roles.server.addr);
      if (clientLocal !== serverLocal) return clientLocal ? 'client' : 'server';
    }
    return this.options.vantage ?? 'auto';
  }

  /** A client that only ever sent SYNs, and then stayed silent well past its last retry gap, gave up. */
  private checkGaveUp(r: ConnectionRecord): void {
    const client = r.model.ends.client;
    const server = r.model.ends.server;
    const syns = r.synTimesNs;
    if (server.synSent || server.resetSent || r.stats.server.packets > 0 || syns.length < 2) return;
    if (r.stats.client.packets !== syns.length) return;
    const lastGap = syns[syns.length - 1] - syns[syns.length - 2];
    if (this.latestNs - syns[syns.length - 1] > lastGap * GAVE_UP_GAP_FACTOR && !client.gaveUp) {
      client.gaveUp = true;
      r.situations.push({ situation: 'client-gave-up', frame: r.lastFrame });
    }
  }

  private summarize(r: ConnectionRecord): TcpConnectionSummary {
    this.checkGaveUp(r);
    return {
      stream: r.stream,
      ipVersion: r.ipVersion,
      client: r.roles.client,
      server: r.roles.server,
      rolesGuessed: r.roles.guessed,
      vantage: r.model.vantage,
      vantageGuessed: r.vantageGuessed,
      firstFrame: r.firstFrame,
      lastFrame: r.lastFrame,
      startNs: r.startNs.toString(),
      durationSeconds: Number(r.lastNs - r.startNs) / 1e9,
      ...(r.initialRttNs ? { initialRttSeconds: Number(r.initialRttNs) / 1e9 } : {}),
      handshake: { ...r.handshake },
      phases: r.phases.map((p) => ({ ...p })),
      situations: r.situations.map((s) => ({ ...s })),
      finalStates: { client: r.model.state('client'), server: r.model.state('server') },
      connState: r.zeek.connState(),
      history: r.zeek.historyString,
      stats: { client: { ...r.stats.client }, server: { ...r.stats.server } },
      analysisCounts: { ...r.analysisCounts },
    };
  }
}
