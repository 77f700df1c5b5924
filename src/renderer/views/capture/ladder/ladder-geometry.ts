/**
 * Where an arrow starts and ends. A capture gives one timestamp per segment: the moment it passed
 * the capture point. That end of the arrow is pinned to the timestamp's row; the other end is
 * `slope` pixels away in time (the drawn transit): later at the receiver for a segment the
 * captured side sent, earlier at the sender for a segment the captured side received.
 */
import type { TcpAnalysisFlag, TcpRole, TcpVantage } from '../../../../shared/model/tcp';
import { hasFlag, TCP_FLAG } from './segment-label';

export interface Arrow {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export function arrowFor(
  from: TcpRole,
  y: number,
  slope: number,
  vantage: TcpVantage,
  x: Record<TcpRole, number>,
): Arrow {
  const to: TcpRole = from === 'client' ? 'server' : 'client';
  // Received at the capture point: it left the far end `slope` earlier.
  const receivedAtVantage = vantage !== 'unknown' && vantage !== from;
  const start = receivedAtVantage ? y - slope : y;
  return { x1: x[from], y1: start, x2: x[to], y2: start + slope };
}

/** Where the sender's and the receiver's state changes are written for this arrow. */
export function stateAnchors(from: TcpRole, arrow: Arrow): Record<TcpRole, number> {
  return from === 'client' ? { client: arrow.y1, server: arrow.y2 } : { server: arrow.y1, client: arrow.y2 };
}

export type SegmentKind = 'syn' | 'fin' | 'rst' | 'data' | 'ack';

export function segmentKind(flags: number, payloadLength: number): SegmentKind {
  if (hasFlag(flags, TCP_FLAG.RST)) return 'rst';
  if (hasFlag(flags, TCP_FLAG.SYN)) return 'syn';
  if (hasFlag(flags, TCP_FLAG.FIN)) return 'fin';
  return payloadLength > 0 ? 'data' : 'ack';
}

export type MarkTone = 'problem' | 'warning' | 'info';

export interface SegmentMark {
  flag: TcpAnalysisFlag;
  icon: string;
  tone: MarkTone;
}

/**
 * Icon and tone per analysis flag: problems never rely on colour alone (icon + word too). Icons are
 * plain Unicode symbols found in common text fonts (no emoji font needed).
 */
const MARKS: Partial<Record<TcpAnalysisFlag, Omit<SegmentMark, 'flag'>>> = {
  retransmission: { icon: '↻', tone: 'problem' },
  fast_retransmission: { icon: '↻', tone: 'problem' },
  spurious_retransmission: { icon: '↻', tone: 'warning' },
  lost_segment: { icon: '⚠', tone: 'problem' },
  ack_lost_segment: { icon: '⚠', tone: 'warning' },
  out_of_order: { icon: '⇅', tone: 'warning' },
  duplicate_ack: { icon: '⇄', tone: 'warning' },
  zero_window: { icon: '⊘', tone: 'problem' },
  zero_window_probe: { icon: '⊘', tone: 'warning' },
  zero_window_probe_ack: { icon: '⊘', tone: 'info' },
  window_full: { icon: '▮', tone: 'warning' },
  window_update: { icon: '▯', tone: 'info' },
  keep_alive: { icon: '♥', tone: 'info' },
  keep_alive_ack: { icon: '♥', tone: 'info' },
  reused_ports: { icon: '⟳', tone: 'info' },
};

export function segmentMarks(analysis: readonly TcpAnalysisFlag[]): SegmentMark[] {
  const out: SegmentMark[] = [];
  for (const flag of analysis) {
    const mark = MARKS[flag];
    if (mark) out.push({ flag, ...mark });
  }
  return out;
}
