/**
 * Conversations numbered exactly like Wireshark's tcp.stream, with relative sequence numbers, window
 * scaling, the initial RTT and the per-direction sequence analysis. Mirrors dissect_tcp's
 * bookkeeping in packet-tcp.c (conversation lookup, port reuse, base_seq, ts_first_rtt).
 */
import { TcpFlag, type TcpSegmentFacts } from '../../shared/model/packet';
import { A, analyzeSequence, newFlowSeqState, type FlowSeqState } from './sequence-analysis';
import { u32 } from './seq-math';

export interface Conversation {
  stream: number;
  /** Endpoint key ("addr|port") of flow1 and flow2. */
  keys: [string, string];
  flows: Map<string, FlowSeqState>;
  sawRst: boolean;
  sawFinAck: boolean;
  lastSynTimeNs: bigint;
  firstRttNs: bigint;
  isNew: boolean;
}

export interface StreamVerdict {
  conversation: Conversation;
  /** The conversation was created by this segment. */
  created: boolean;
  relSeq: number;
  relAck: number;
  relNextSeq: number;
  analysisFlags: number;
  dupAckNum: number;
  hasRecord: boolean;
}

export const endpointKey = (addr: string, port: number): string => `${addr}|${port}`;
const pairKey = (a: string, b: string): string => (a < b ? `${a}#${b}` : `${b}#${a}`);

export class StreamTable {
  private readonly current = new Map<string, Conversation>();
  private streamCount = 0;

  /**
   * Wireshark 4.2 and later also start a new stream when a SYN reuses the old ISN after the
   * connection was closed by FIN or RST; 4.0 (the tshark we test against) does not. Off by default.
   */
  constructor(private readonly newStreamAfterClose = false) {}

  process(f: TcpSegmentFacts): StreamVerdict {
    const src = endpointKey(f.srcAddr, f.srcPort);
    const dst = endpointKey(f.dstAddr, f.dstPort);
    const key = pairKey(src, dst);
    let conv = this.current.get(key);
    let created = false;
    let preset = 0;
    if (!conv) {
      conv = this.create(key, src, dst);
      created = true;
    }
    const synOnly = (f.flags & (TcpFlag.SYN | TcpFlag.ACK)) === TcpFlag.SYN;
    const synAck = (f.flags & (TcpFlag.SYN | TcpFlag.ACK)) === (TcpFlag.SYN | TcpFlag.ACK);
    if (synOnly || synAck) {
      const fwd = conv.flows.get(src) as FlowSeqState;
      const differentIsn = fwd.baseSeqSet && u32(f.seq) !== fwd.baseSeq;
      const closedBefore = this.newStreamAfterClose && fwd.baseSeqSet && (conv.sawRst || conv.sawFinAck);
      if (synOnly && (differentIsn || closedBefore)) {
        // A new connection on the same ports: Wireshark starts a new stream and flags it.
        conv = this.create(key, src, dst);
        created = true;
        preset = A.REUSED_PORTS;
      } else if (synAck && (differentIsn || closedBefore)) {
        // Wireshark 4.0 flags a SYN-ACK with a new ISN but keeps it in the same stream.
        preset = A.REUSED_PORTS;
      } else if (synOnly && fwd.baseSeqSet) {
        // Same ISN again: a retransmitted SYN. Undo what a RST sent with SEQ = received ACK did.
        fwd.nextSeq = fwd.maxSeqToBeAcked;
      }
    }
    if (!created) conv.isNew = false;
    return this.analyze(f, conv, src, dst, created, preset);
  }

  private create(key: string, src: string, dst: string): Conversation {
    const conv: Conversation = {
      stream: this.streamCount++,
      keys: [src, dst],
      flows: new Map([
        [src, newFlowSeqState()],
        [dst, newFlowSeqState()],
      ]),
      sawRst: false,
      sawFinAck: false,
      lastSynTimeNs: 0n,
      firstRttNs: 0n,
      isNew: true,
    };
    this.current.set(key, conv);
    return conv;
  }

  private analyze(
    f: TcpSegmentFacts,
    conv: Conversation,
    src: string,
    dst: string,
    created: boolean,
    preset: number,
  ): StreamVerdict {
    const fwd = conv.flows.get(src) as FlowSeqState;
    const rev = conv.flows.get(dst) as FlowSeqState;
    const seq = u32(f.seq);
    const ack = u32(f.ack);
    const hasAck = (f.flags & TcpFlag.ACK) !== 0;
    const isSyn = (f.flags & TcpFlag.SYN) !== 0;
    if (isSyn) {
      // Wireshark 4.0 takes every SYN's sequence number as the base (a SYN-ACK with a new ISN rebases).
      fwd.baseSeq = seq;
      fwd.baseSeqSet = true;
    } else if (!fwd.baseSeqSet) {
      fwd.baseSeq = u32(seq - 1);
      fwd.baseSeqSet = true;
    }
    if (!rev.baseSeqSet && hasAck) {
      rev.baseSeq = u32(ack - 1);
      rev.baseSeqSet = true;
    }
    const verdict = analyzeSequence(
      {
        seq,
        ack,
        seglen: f.payloadLength,
        flags: f.flags,
        window: f.window,
        timeNs: f.timestampNs,
        frame: f.number,
      },
      fwd,
      rev,
      conv.firstRttNs,
      preset,
    );
    this.afterOptions(f, conv, fwd, rev);
    const relSeq = u32(seq - fwd.baseSeq);
    const synFin = f.flags & (TcpFlag.SYN | TcpFlag.FIN) ? 1 : 0;
    return {
      conversation: conv,
      created,
      relSeq,
      relAck: hasAck ? u32(ack - rev.baseSeq) : ack,
      relNextSeq: u32(relSeq + f.payloadLength + synFin),
      analysisFlags: verdict.flags,
      dupAckNum: verdict.dupAckNum,
      hasRecord: verdict.hasRecord,
    };
  }

  /** What dissect_tcp does after the analysis: options, window-scale check, iRTT, completeness. */
  private afterOptions(f: TcpSegmentFacts, conv: Conversation, fwd: FlowSeqState, rev: FlowSeqState): void {
    const isSyn = (f.flags & TcpFlag.SYN) !== 0;
    const isAck = (f.flags & TcpFlag.ACK) !== 0;
    if (f.options.windowScale !== undefined) fwd.winScale = Math.min(f.options.windowScale, 14);
    if (isSyn) {
      // verify_tcp_window_scaling: scaling is used only if both SYNs carried the option.
      if (fwd.winScale === -1) {
        fwd.winScale = -2;
        rev.winScale = -2;
      } else if (isAck && rev.winScale === -2) {
        fwd.winScale = -2;
      }
      if (!isAck) conv.lastSynTimeNs = f.timestampNs;
      fwd.isFirstAck = true;
    }
    if (!isSyn && isAck) {
      if (conv.lastSynTimeNs !== 0n && conv.firstRttNs === 0n) {
        conv.firstRttNs = f.timestampNs - conv.lastSynTimeNs;
      }
      fwd.isFirstAck = false;
    }
    if ((f.flags & (TcpFlag.FIN | TcpFlag.ACK)) === (TcpFlag.FIN | TcpFlag.ACK)) conv.sawFinAck = true;
    if (f.flags & TcpFlag.RST) conv.sawRst = true;
  }
}
