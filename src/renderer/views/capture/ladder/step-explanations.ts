/**
 * Which plain-language explanations belong beside which segment of a connection. Pure and
 * incremental (one `next(row)` per segment, in order) so a live ladder explains new segments as
 * they arrive. The texts live in i18n: `timeline:step.*` for the steps of an ordinary open and
 * close, `tcp:situation.*` for the named situations the tracker detects, `tcp:flag.*` for
 * Wireshark's analysis flags (each flag explained the first time it appears; every later
 * occurrence is still marked on its arrow).
 */
import type { TcpSegmentRow } from '../../../../shared/api/tcp';
import type { TcpAnalysisFlag, TcpRole } from '../../../../shared/model/tcp';
import { hasFlag, TCP_FLAG } from './segment-label';

export type StepId =
  'syn' | 'synAck' | 'handshakeAck' | 'firstData' | 'firstFin' | 'finAcked' | 'secondFin' | 'lastAck';

export type StepNote =
  | {
      kind: 'step';
      step: StepId;
      params: { role: TcpRole; peer: TcpRole; seq: number; next: number; len: number };
    }
  | { kind: 'situation'; situation: TcpSegmentRow['situations'][number] }
  | { kind: 'flag'; flag: TcpAnalysisFlag };

/** Flags worth a note the first time (the rest, like window_update, are marked but not explained). */
const EXPLAINED_FLAGS: TcpAnalysisFlag[] = [
  'retransmission',
  'spurious_retransmission',
  'out_of_order',
  'lost_segment',
  'ack_lost_segment',
  'duplicate_ack',
  'zero_window',
  'zero_window_probe',
  'window_full',
  'keep_alive',
  'reused_ports',
];

/** Situations that already explain a retransmission, so the generic flag note would repeat them. */
const RETRANSMISSION_SITUATIONS = new Set([
  'syn-retransmitted',
  'synack-retransmitted',
  'fast-retransmission',
]);

const other = (role: TcpRole): TcpRole => (role === 'client' ? 'server' : 'client');

export class StepExplainer {
  private readonly done = new Set<string>();
  private previous: TcpSegmentRow['states'] | null = null;

  /** The notes for the next segment of the connection. */
  next(row: TcpSegmentRow): StepNote[] {
    const notes: StepNote[] = [];
    const step = this.stepOf(row);
    for (const situation of row.situations) notes.push({ kind: 'situation', situation });
    if (step && !this.coveredBySituation(step, row)) {
      notes.unshift({
        kind: 'step',
        step,
        params: {
          role: row.from,
          peer: other(row.from),
          seq: row.seq,
          next: row.nextSeq,
          len: row.payloadLength,
        },
      });
    }
    for (const flag of row.analysis) {
      if (!EXPLAINED_FLAGS.includes(flag) || this.done.has(`flag:${flag}`)) continue;
      if (flag === 'retransmission' && row.situations.some((s) => RETRANSMISSION_SITUATIONS.has(s))) continue;
      this.done.add(`flag:${flag}`);
      notes.push({ kind: 'flag', flag });
    }
    this.previous = row.states;
    return notes;
  }

  private stepOf(row: TcpSegmentRow): StepId | null {
    const syn = hasFlag(row.flags, TCP_FLAG.SYN);
    const ack = hasFlag(row.flags, TCP_FLAG.ACK);
    const fin = hasFlag(row.flags, TCP_FLAG.FIN);
    if (hasFlag(row.flags, TCP_FLAG.RST)) return null;
    const sender = row.states[row.from].state;
    const before = this.previous?.[row.from].state;
    const peerNow = row.states[other(row.from)].state;
    const peerBefore = this.previous?.[other(row.from)].state;
    let step: StepId | null = null;
    if (syn && !ack && row.from === 'client') step = 'syn';
    else if (syn && ack && row.from === 'server') step = 'synAck';
    else if (!syn && row.from === 'client' && this.done.has('synAck') && !this.done.has('handshakeAck'))
      step = 'handshakeAck';
    else if (fin && sender === 'FIN-WAIT-1' && before !== 'FIN-WAIT-1') step = 'firstFin';
    else if (fin && sender === 'LAST-ACK' && before !== 'LAST-ACK') step = 'secondFin';
    else if (!fin && peerNow === 'FIN-WAIT-2' && peerBefore !== 'FIN-WAIT-2') step = 'finAcked';
    // The ACK of the peer's FIN (the sender may already have been inferred in TIME-WAIT when the
    // FIN passed the capture point).
    else if (sender === 'TIME-WAIT' && !fin) step = 'lastAck';
    else if (row.payloadLength > 0 && !this.done.has(`firstData:${row.from}`)) {
      this.done.add(`firstData:${row.from}`);
      return 'firstData';
    }
    // Each step of the ordinary open and close is explained once (a retransmitted SYN gets its
    // situation note instead of the step text again).
    if (!step || this.done.has(step)) return null;
    this.done.add(step);
    return step;
  }

  private coveredBySituation(step: StepId, row: TcpSegmentRow): boolean {
    if (step === 'secondFin' || step === 'finAcked') return row.situations.includes('three-segment-close');
    if (step === 'handshakeAck') return row.situations.includes('final-ack-lost');
    return false;
  }
}
