/**
 * Wireshark's TCP sequence analysis (tcp_analyze_sequence_number in epan/dissectors/packet-tcp.c),
 * rewritten in TypeScript with the same conditions in the same order, because learners compare our
 * flags with Wireshark's and tshark is our test oracle. Where the C code has a quirk that changes the
 * result we keep the quirk and say so in a comment.
 *
 * One `FlowSeqState` per direction of a conversation; `fwd` is the sender of the segment under
 * analysis, `rev` its peer. All sequence numbers here are raw 32-bit values.
 */
import { TcpFlag } from '../../shared/model/packet';
import { geSeq, gtSeq, leSeq, ltSeq, u32 } from './seq-math';

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
  /** Payload length of the segment that last advanced nextSeq (0: it was a pure ACK). */
  lastAckLen: number;
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
  sackRanges: { left: number; right: number }[];
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
    lastAckLen: 0,
    dupAckNum: 0,
    window: 0xffffffff,
    winScale: -1,
    isFirstAck: false,
    lastSegmentFlags: 0,
    validBytesInFlight: false,
    segments: [],
    sackRanges: [],
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
    // ZERO WINDOW PROBE ACK: answers a probe, still with a zero window.
    if (
      seglen === 0 &&
      window === 0 &&
      window === fwd.window &&
      seq === fwd.nextSeq &&
      (ack === fwd.lastAck || ack === u32(fwd.lastAck + 1)) &&
      rev.lastSegmentFlags & A.ZERO_WINDOW_PROBE &&
      !hasSynFinRst
    ) {
      ta |= A.ZERO_WINDOW_PROBE_ACK;
      // Some receivers take the probe's byte; only now do we know it (Wireshark issue 10745).
      if (ack === u32(fwd.lastAck + 1)) {
        rev.nextSeq = ack;
        rev.maxSeqToBeAcked = ack;
      }
      break finishedFwd;
    }
    // DUPLICATE ACK: no data, same window, seq and ack as the previous segment.
    if (seglen === 0 && window && window === fwd.window && sameSeqAck && !hasSynFinRst) {
      fwd.dupAckNum++;
      ta |= A.DUPLICATE_ACK;
      dupAckNum = fwd.dupAckNum;
      break finishedFwd;
    }
    // Wireshark's "broom wagon": keeps a record for other ACKs (visible only through iRTT printing).
    if (seglen === 0 && window && ack >= fwd.lastAck && !hasSynFinRst) record = true;
  }

  if (ack !== fwd.lastAck) fwd.dupAckNum = 0;

  // ACKED LOST PACKET: acknowledges data we never saw in the other direction.
  if (rev.maxSeqToBeAcked && gtSeq(ack, rev.maxSeqToBeAcked) && flags & TcpFlag.ACK) {
    record = true;
    if (ack === u32(fwd.lastAck + 1) && seq === fwd.nextSeq && rev.lastSegmentFlags & A.ZERO_WINDOW_PROBE) {
      // Leaving a zero window: the probe's byte was taken.
      rev.nextSeq = ack;
      rev.maxSeqToBeAcked = ack;
      ta |= A.WINDOW_UPDATE;
    } else {
      rev.maxSeqToBeAcked = pushAckedTail(rev, ack);
      ta |= A.ACK_LOST_PACKET;
    }
  }

  ta = classifyRetransmission(s, fwd, rev, firstRttNs, ta);

  updateAfterAnalysis(s, fwd, rev, ta);
  const acked = removeAcked(rev, ack);
  const bytesInFlight = seglen !== 0 && fwd.segments.length > 0 && fwd.validBytesInFlight;
  record = record || ta !== 0 || acked || bytesInFlight;
  return { flags: ta, dupAckNum, hasRecord: record };
}

/** The C code walks the peer's unacked list to see how far contiguous data above `ack` reaches. */
function pushAckedTail(rev: FlowSeqState, ack: number): number {
  let tailLe = 0;
  let tailRe = 0;
  for (let i = rev.segments.length - 1; i >= 0; i--) {
    const ual = rev.segments[i];
    if (tailLe === tailRe) {
      tailLe = ual.seq;
      tailRe = ual.nextSeq;
    }
    if (geSeq(ual.seq, ack)) {
      if (ual.nextSeq === tailLe) tailLe = ual.seq;
      else {
        tailLe = ual.seq;
        tailRe = ual.nextSeq;
      }
    }
  }
  return ack === tailLe && gtSeq(tailRe, ack) ? tailRe : ack;
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

  const nextSeq = u32(seq + seglen);
  const t = s.timeNs > rev.lastAckTimeNs ? s.timeNs - rev.lastAckTimeNs : 0n;

  // FAST RETRANSMISSION: at least two duplicate ACKs asked for exactly this sequence, recently.
  if (t < FAST_RETRANSMISSION_WINDOW_NS && rev.dupAckNum >= 2 && rev.lastAck === seq) {
    return ta | A.FAST_RETRANSMISSION;
  }
  if (t < FAST_RETRANSMISSION_WINDOW_NS && rev.dupAckNum >= 2 && rev.sackRanges.length > 0) {
    const sacked = rev.sackRanges.some((r) => geSeq(seq, r.left) && leSeq(nextSeq, r.right));
    if (!sacked) return ta | A.FAST_RETRANSMISSION;
  }

  // OUT-OF-ORDER: data arriving within one handshake RTT (3 ms if unknown) of the segment that
  // carried the highest sequence number, and not ending where that one ended. This is Wireshark 4.0's
  // rule (our oracle). Newer versions time it from the peer's last ACK instead, skip segments already
  // seen (issues 13284, 13843) and count a SYN/FIN's sequence number (issue 17214).
  const oooThreshold = firstRttNs === 0n ? DEFAULT_OOO_THRESHOLD_NS : firstRttNs;
  const sinceHighest = s.timeNs > fwd.nextSeqTimeNs ? s.timeNs - fwd.nextSeqTimeNs : 0n;
  if (seglen > 0 && sinceHighest < oooThreshold && fwd.nextSeq !== u32(seq + seglen)) {
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
  if (!fwd.nextSeq || gtSeq(nextSeq, u32(fwd.nextSeq + synFin))) fwd.lastAckLen = seglen;
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

/** Drop the peer's segments this ACK covers; true when it acknowledges one exactly or partly. */
function removeAcked(rev: FlowSeqState, ack: number): boolean {
  let acked = false;
  const kept: UnackedSegment[] = [];
  for (const ual of rev.segments) {
    if (ack === ual.nextSeq) {
      acked = true;
      continue;
    }
    if (gtSeq(ack, ual.seq) && leSeq(ack, ual.nextSeq)) {
      acked = true;
      ual.seq = ack;
      kept.push(ual);
      continue;
    }
    if (gtSeq(ual.nextSeq, ack)) {
      kept.push(ual);
      continue;
    }
  }
  rev.segments = kept;
  return acked;
}
