/**
 * The phases of one exchange for the waterfall: connect, TLS, send, wait (time to first byte) and
 * transfer, each as offsets from the start. A reused connection has no connect or TLS phase; a failed
 * exchange stops where it failed.
 */
import type { ExchangeTimings } from '../../../../shared/model/proxy';

export type PhaseKey = 'connect' | 'tls' | 'send' | 'wait' | 'transfer';

export interface TimingPhase {
  key: PhaseKey;
  /** Milliseconds after `timings.start`. */
  from: number;
  to: number;
}

export interface TimingWaterfall {
  phases: TimingPhase[];
  /** From start to the last known point. */
  totalMs: number;
}

export function timingWaterfall(t: ExchangeTimings): TimingWaterfall {
  const phases: TimingPhase[] = [];
  const add = (key: PhaseKey, from: number | null, to: number | null) => {
    if (from === null || to === null || to < from) return;
    phases.push({ key, from: from - t.start, to: to - t.start });
  };
  add('connect', t.start, t.connected);
  add('tls', t.connected, t.tlsHandshakeDone);
  add('send', t.tlsHandshakeDone ?? t.connected ?? t.start, t.requestSent);
  add('wait', t.requestSent, t.firstByte);
  add('transfer', t.firstByte, t.end);
  const known = [t.connected, t.tlsHandshakeDone, t.requestSent, t.firstByte, t.end].filter(
    (v): v is number => v !== null,
  );
  const last = known.length > 0 ? Math.max(...known) : t.start;
  return { phases, totalMs: Math.max(0, last - t.start) };
}
