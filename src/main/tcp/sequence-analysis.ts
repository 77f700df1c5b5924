/**
 * Wireshark's TCP sequence analysis (tcp_analyze_sequence_number in epan/dissectors/packet-tcp.c),
 * rewritten in TypeScript with the same conditions in the same order, because learners compare our
 * flags with Wireshark's and tshark is our test oracle. It follows Wireshark 4.0 (the tshark we test
 * against); where later versions differ, a comment says how. Quirks that change results are kept.
 *
 * One `FlowSeqState` per direction of a conversation; `fwd` is the sender of the segment under
 * analysis, `rev` its peer. All sequence numbers here are raw 32-bit values.
 */
import { TcpFlag } from '../../shared/model/packet';
import { gtSeq, leSeq, ltSeq, u32 } from './seq-math';

export const A = {
  RETRANSMISSION: 0x0001,
  LOST_PACKET: 0x0002,
  ACK_LOST_PACKET: 0x0004,
  KEEP_ALIVE: 0x0008,
  DUPLICATE_ACK: 0x0010,
  ZERO_WINDOW: 0x0020,
  ZERO_WINDOW_PROBE: 0x0040,
  ZERO_WINDOW_PROBE_ACK: 0x0080,
  KEEP_ALIVE_ACK: 0x0100,
  OUT_OF_ORDER: 0x0200,
  FAST_RETRANSMISSION: 0x0400,
  WINDOW_UPDATE: 0x0800,
  WINDOW_FULL: 0x1000,
  REUSED_PORTS: 0x2000,
  SPURIOUS_RETRANSMISSION: 0x4000,
} as const;

/** packet-tcp.c stops remembering unacknowledged segments past this many (TCP_MAX_UNACKED_SEGMENTS). */
const MAX_UNACKED_SEGMENTS = 10000;
/** A retransmission within 20 ms of the last duplicate ACK counts as a fast retransmission. */
const FAST_RETRANSMISSION_WINDOW_NS = 20_000_000n;
/** Out-of-order threshold when no handshake RTT is known. */
const DEFAULT_OOO_THRESHOLD_NS = 3_000_000n;

/**
 * Time since `earlier`. The C code subtracts into an unsigned 64-bit value, so a timestamp going
 * backwards becomes huge and matches no "recent" rule.
 */
const elapsed = (now: bigint, earlier: bigint): bigint => (now >= earlier ? now - earlier : 1n << 62n);

interface UnackedSegment {
  frame: number;
  seq: number;
  nextSeq: number;
  timeNs: bigint;
}

export interface FlowSeqState {
  baseSeq: number;
  baseSeqSet: boolean;
  /** Highest next-sequence seen; 0 means "nothing seen yet", exactly as in the C code. */
  nextSeq: number;
  nextSeqTimeNs: bigint;
  maxSeqToBeAcked: number;
  lastAck: number;
  lastAckTimeNs: bigint;
  dupAckNum: number;
  /** Last raw window value sent in this direction; UINT32_MAX before any segment. */
  window: number;
  /** -1 unknown, -2 no scaling, else the shift this side announced. */
  winScale: number;
  isFirstAck: boolean;
  lastSegmentFlags: number;
  validBytesInFlight: boolean;
  /** Oldest first. */
  segments: UnackedSegment[];
}

export function newFlowSeqState(): FlowSeqState {
  return {
    baseSeq: 0,
    baseSeqSet: false,
    nextSeq: 0,
    nextSeqTimeNs: 0n,
    maxSeqToBeAcked: 0,
    lastAck: 0,
    lastAckTimeNs: 0n,
    dupAckNum: 0,
    window: 0xffffffff,
    winScale: -1,
    isFirstAck: false,
    lastSegmentFlags: 0,
    validBytesInFlight: false,
    segments: [],
  };
}

export interface AnalyzedSegment {
  seq: number;
  ack: number;
  seglen: number;
  flags: number;
  window: number;
  timeNs: bigint;
  frame: number;
}

export interface SequenceVerdict {
  flags: number;
  dupAckNum: number;
  /** Wireshark would keep a per-frame analysis record (it then prints tcp.analysis.initial_rtt). */
  hasRecord: boolean;
}

const SYN_FIN_RST = TcpFlag.SYN | TcpFlag.FIN | TcpFlag.RST;

/**
 * Analyse one segment and update both directions' state. `firstRttNs` is the conversation's
 * handshake RTT so far (0n if none): Wireshark uses it as the out-of-order threshold.
 */
export function analyzeSequence(
  s: AnalyzedSegment,
  fwd: FlowSeqState,
  rev: FlowSeqState,
  firstRttNs: bigint,
  preset: number,
): SequenceVerdict {
  const { seq, ack, seglen, flags, window } = s;
  let ta = preset;
  let record = preset !== 0;
  let dupAckNum = 0;
  const hasSynFinRst = (flags & SYN_FIN_RST) !== 0;

  if (flags & TcpFlag.ACK) rev.validBytesInFlight = true;

  // The checks before `finishedFwd` mirror the C code's goto structure: a labelled block.
  finishedFwd: {
    // ZERO WINDOW PROBE: 1 byte at the next expected sequence while the peer's window is 0.
    if (seglen === 1 && seq === fwd.nextSeq && rev.window === 0) {
      ta |= A.ZERO_WINDOW_PROBE;
      break finishedFwd;
    }
    // ZERO WINDOW: window 0 on anything but SYN/FIN/RST.
    if (window === 0 && !hasSynFinRst) ta |= A.ZERO_WINDOW;

    // LOST PACKET: the segment starts beyond what we have seen.
    if (fwd.nextSeq && gtSeq(seq, fwd.nextSeq) && !(flags & TcpFlag.RST)) {
      ta |= A.LOST_PACKET;
      fwd.validBytesInFlight = false;
    }
    // KEEP ALIVE: 0 or 1 byte starting one before the next expected sequence.
    if ((seglen === 0 || seglen === 1) && seq === u32(fwd.nextSeq - 1) && !hasSynFinRst) {
      ta |= A.KEEP_ALIVE;
    }
    const sameSeqAck = seq === fwd.nextSeq && ack === fwd.lastAck;
    // WINDOW UPDATE: no data, same seq/ack as before, a new non-zero window.
    if (seglen === 0 && window && window !== fwd.window && sameSeqAck && !hasSynFinRst) {
      ta |= A.WINDOW_UPDATE;
    }
    // WINDOW FULL: data that fills the peer's advertised window exactly (scale known).
    if (seglen > 0 && rev.winScale !== -1 && !hasSynFinRst) {
      const shift = rev.isFirstAck ? 0 : rev.winScale === -2 ? 0 : rev.winScale;
      const edge = u32(rev.lastAck + rev.window * 2 ** shift);
      if (u32(seq + seglen) === edge) ta |= A.WINDOW_FULL;
    }
    // KEEP ALIVE ACK: repeats the previous ACK right after a keep-alive from the peer.
    if (
      seglen === 0 &&
      window &&
      window === fwd.window &&
      sameSeqAck &&
      rev.lastSegmentFlags & A.KEEP_ALIVE &&
      !hasSynFinRst
    ) {
      ta |= A.KEEP_ALIVE_ACK;
      break finishedFwd;
    }
    // ZERO WINDOW PROBE ACK: answers a probe, still with a zero window. (Wireshark 4.2+ also accepts
    // ack = lastAck + 1, for receivers that take the probe's byte.)
    if (
      seglen === 0 &&
      window === 0 &&
      window === fwd.window &&
      sameSeqAck &&
      rev.lastSegmentFlags & A.ZERO_WINDOW_PROBE &&
      !hasSynFinRst
    ) {
      ta |= A.ZERO_WINDOW_PROBE_ACK;
      break finishedFwd;
    }
    // DUPLICATE ACK: no data, same window, seq and ack as the previous segment. A count of -1 (set
    // by "ACKed unseen segment" below) restarts at 1.
    if (seglen === 0 && window && window === fwd.window && sameSeqAck && !hasSynFinRst) {
      fwd.dupAckNum = fwd.dupAckNum === -1 ? 1 : fwd.dupAckNum + 1;
      ta |= A.DUPLICATE_ACK;
      dupAckNum = fwd.dupAckNum;
    }
  }

  if (ack !== fwd.lastAck) fwd.dupAckNum = 0;

  // ACKED LOST PACKET: acknowledges data we never saw in the other direction. Wireshark 4.0 reports
  // it once per lost segment: it lowers the peer's limit to what was seen, or, when the peer only
  // sends pure ACKs, marks the peer's duplicate-ACK count -1. (4.2+ walks the unacked list instead.)
  if (rev.maxSeqToBeAcked && gtSeq(ack, rev.maxSeqToBeAcked) && flags & TcpFlag.ACK) {
    record = true;
    if (ltSeq(rev.maxSeqToBeAcked, rev.nextSeq)) {
      rev.maxSeqToBeAcked = rev.nextSeq;
      ta |= A.ACK_LOST_PACKET;
    } else {
      if (rev.dupAckNum === 0) ta |= A.ACK_LOST_PACKET;
      rev.dupAckNum = -1;
    }
  }

  ta = classifyRetransmission(s, fwd, rev, firstRttNs, ta);

  updateAfterAnalysis(s, fwd, rev, ta);
  const acked = removeAcked(rev, ack);
  const bytesInFlight = seglen !== 0 && fwd.segments.length > 0 && fwd.validBytesInFlight;
  record = record || ta !== 0 || acked || bytesInFlight;
  return { flags: ta, dupAckNum, hasRecord: record };
}

function classifyRetransmission(
  s: AnalyzedSegment,
  fwd: FlowSeqState,
  rev: FlowSeqState,
  firstRttNs: bigint,
  taIn: number,
): number {
  const { seq, seglen, flags } = s;
  let ta = taIn;
  let seqNotAdvanced = fwd.nextSeq !== 0 && ltSeq(seq, fwd.nextSeq);
  if (!(seglen > 0 || flags & (TcpFlag.SYN | TcpFlag.FIN))) return ta;
  if (ta & A.KEEP_ALIVE) return ta;
  // A segment starting one before nextSeq with real new data follows a zero window probe.
  if (seglen > 1 && u32(fwd.nextSeq - 1) === seq) seqNotAdvanced = false;

  // SPURIOUS: everything in it was already acknowledged by the peer.
  if (seglen > 0 && rev.lastAck && leSeq(u32(seq + seglen), rev.lastAck)) {
    return ta | A.SPURIOUS_RETRANSMISSION;
  }
  if (!seqNotAdvanced) return ta;

  // FAST RETRANSMISSION: at least two duplicate ACKs asked for exactly this sequence, within 20 ms.
  // (Wireshark 4.2+ also uses SACK blocks here.)
  const sinceAck = elapsed(s.timeNs, rev.lastAckTimeNs);
  // dupacknum is unsigned in the C code: the -1 marker reads as a huge count here.
  const peerDupAcks = rev.dupAckNum === -1 ? 0xffffffff : rev.dupAckNum;
  if (sinceAck < FAST_RETRANSMISSION_WINDOW_NS && peerDupAcks >= 2 && rev.lastAck === seq) {
    return ta | A.FAST_RETRANSMISSION;
  }
  // OUT-OF-ORDER: within one handshake RTT (3 ms if unknown) of the segment that carried the highest
  // sequence number, and not ending where that one ended. (Later versions time it from the peer's
  // last ACK, skip segments already seen (issues 13284, 13843) and also flag a segment closing a run
  // of disordered ones after a pure ACK (issue 17214); tshark 4.0.17 does none of these.)
  const oooThreshold = firstRttNs === 0n ? DEFAULT_OOO_THRESHOLD_NS : firstRttNs;
  const synFin = flags & (TcpFlag.SYN | TcpFlag.FIN) ? 1 : 0;
  if (elapsed(s.timeNs, fwd.nextSeqTimeNs) < oooThreshold && fwd.nextSeq !== u32(seq + seglen + synFin)) {
    return ta | A.OUT_OF_ORDER;
  }
  ta |= A.RETRANSMISSION;
  return ta;
}

function updateAfterAnalysis(s: AnalyzedSegment, fwd: FlowSeqState, rev: FlowSeqState, ta: number): void {
  const { seq, seglen, flags } = s;
  const synFin = flags & (TcpFlag.SYN | TcpFlag.FIN) ? 1 : 0;
  let nextSeq = u32(seq + seglen);
  if ((seglen || synFin) && fwd.segments.length < MAX_UNACKED_SEGMENTS) {
    nextSeq = u32(nextSeq + synFin);
    fwd.segments.push({ frame: s.frame, seq, nextSeq, timeNs: s.timeNs });
  }
  const isProbe = (ta & A.ZERO_WINDOW_PROBE) !== 0;
  if ((gtSeq(nextSeq, fwd.nextSeq) || !fwd.nextSeq) && !isProbe) {
    fwd.nextSeq = nextSeq;
    fwd.nextSeqTimeNs = s.timeNs;
  }
  if ((seq === fwd.maxSeqToBeAcked || !fwd.maxSeqToBeAcked) && !isProbe) {
    fwd.maxSeqToBeAcked = fwd.nextSeq;
  }
  fwd.window = s.window;
  fwd.lastAck = s.ack;
  fwd.lastAckTimeNs = s.timeNs;
  fwd.lastSegmentFlags = ta;
  void rev;
}

/** Drop the peer's segments this ACK covers; true when it acknowledges one exactly. */
function removeAcked(rev: FlowSeqState, ack: number): boolean {
  let acked = false;
  let kept: UnackedSegment[] | undefined; // allocated only when something is dropped
  const list = rev.segments;
  for (let i = 0; i < list.length; i++) {
    const ual = list[i];
    let drop = false;
    if (ack === ual.nextSeq) {
      acked = true;
      drop = true;
    } else if (gtSeq(ack, ual.seq) && leSeq(ack, ual.nextSeq)) {
      ual.seq = ack; // a partial ACK: Wireshark 4.0 keeps no record for it
    } else if (!gtSeq(ual.nextSeq, ack)) {
      drop = true; // old
    }
    if (drop && !kept) kept = list.slice(0, i);
    else if (!drop && kept) kept.push(ual);
  }
  if (kept) rev.segments = kept;
  return acked;
}
