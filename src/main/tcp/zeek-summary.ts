/**
 * Zeek-style connection summary: the `history` letters and `conn_state` of Zeek's conn.log
 * (base/protocols/conn/main.zeek), computed from the segments we track. The originator is our
 * client role; letters from the originator are upper case, from the responder lower case.
 *
 * History letters: S syn, H syn-ack, A pure ack, D data, F fin, R rst, T retransmitted payload,
 * W zero window (T: payload overlapping payload already seen in that direction), I inconsistent (SYN with RST), Q multi-flag (SYN with FIN), ^ direction flipped.
 * A, D, I, Q are recorded once per direction; S, H, F, R again when their sequence number differs
 * from the last one of that kind; T and W logarithmically (1st, 10th, 100th ... occurrence).
 */
import { TcpFlag } from '../../shared/model/packet';
import type { TcpRole, ZeekConnState } from '../../shared/model/tcp';

type ZeekEndpointState =
  'inactive' | 'syn-sent' | 'syn-ack-sent' | 'partial' | 'established' | 'closed' | 'reset';

interface DirectionHistory {
  /** Payload ranges seen so far, in relative sequence numbers, merged and sorted. */
  seen: [number, number][];
  once: Set<string>;
  lastSeqOf: Map<string, number>;
  counts: Map<string, number>;
  state: ZeekEndpointState;
  payloadBytes: number;
}

const newDirection = (): DirectionHistory => ({
  seen: [],
  once: new Set(),
  lastSeqOf: new Map(),
  counts: new Map(),
  state: 'inactive',
  payloadBytes: 0,
});

export interface ZeekSegment {
  from: TcpRole;
  seq: number;
  /** Relative sequence number, to find payload this direction already carried (Zeek's 't'). */
  relSeq: number;
  flags: number;
  payloadLength: number;
  zeroWindow: boolean;
}

/** Records [start, end) in the merged, sorted list; true when it overlaps payload seen before. */
function addRange(seen: [number, number][], start: number, end: number): boolean {
  const last = seen[seen.length - 1];
  if (!last || start > last[1]) {
    seen.push([start, end]); // in order, after a gap or first: the common case
    return false;
  }
  if (start === last[1]) {
    last[1] = end;
    return false;
  }
  const overlaps = seen.some(([a, b]) => start < b && end > a);
  seen.push([start, end]);
  seen.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const r of seen) {
    const top = merged[merged.length - 1];
    if (top && r[0] <= top[1]) top[1] = Math.max(top[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  seen.splice(0, seen.length, ...merged);
  return overlaps;
}

export class ZeekSummary {
  private history = '';
  private readonly dirs: Record<TcpRole, DirectionHistory> = {
    client: newDirection(),
    server: newDirection(),
  };
  private first = true;

  add(s: ZeekSegment): void {
    if (this.first && s.from === 'server') this.history += '^';
    this.first = false;
    const d = this.dirs[s.from];
    const syn = (s.flags & TcpFlag.SYN) !== 0;
    const ack = (s.flags & TcpFlag.ACK) !== 0;
    const fin = (s.flags & TcpFlag.FIN) !== 0;
    const rst = (s.flags & TcpFlag.RST) !== 0;
    if (syn && rst) this.once(s, 'i');
    if (syn && fin) this.once(s, 'q');
    if (syn) this.bySeq(s, ack ? 'h' : 's');
    if (fin) this.bySeq(s, 'f');
    if (rst) this.bySeq(s, 'r');
    if (s.payloadLength > 0) this.once(s, 'd');
    else if (ack && !syn && !fin && !rst) this.once(s, 'a');
    const again = s.payloadLength > 0 && addRange(d.seen, s.relSeq, s.relSeq + s.payloadLength);
    if (again) this.logarithmic(s, 't');
    if (s.zeroWindow) this.logarithmic(s, 'w');
    if (!again) d.payloadBytes += s.payloadLength;
    this.updateStates(s, syn, ack, fin, rst);
  }

  private letter(s: ZeekSegment, c: string): string {
    return s.from === 'client' ? c.toUpperCase() : c;
  }

  private once(s: ZeekSegment, c: string): void {
    const d = this.dirs[s.from];
    if (d.once.has(c)) return;
    d.once.add(c);
    this.history += this.letter(s, c);
  }

  private bySeq(s: ZeekSegment, c: string): void {
    const d = this.dirs[s.from];
    if (d.lastSeqOf.get(c) === s.seq) return;
    d.lastSeqOf.set(c, s.seq);
    this.history += this.letter(s, c);
  }

  /** The 1st, 10th, 100th ... occurrence adds a letter. */
  private logarithmic(s: ZeekSegment, c: string): void {
    const d = this.dirs[s.from];
    const n = (d.counts.get(c) ?? 0) + 1;
    d.counts.set(c, n);
    if (Number.isInteger(Math.log10(n))) this.history += this.letter(s, c);
  }

  private updateStates(s: ZeekSegment, syn: boolean, ack: boolean, fin: boolean, rst: boolean): void {
    const d = this.dirs[s.from];
    const peer = this.dirs[s.from === 'client' ? 'server' : 'client'];
    if (rst) d.state = 'reset';
    else if (fin) d.state = d.state === 'reset' ? d.state : 'closed';
    else if (syn) {
      if (d.state === 'inactive') d.state = ack ? 'syn-ack-sent' : 'syn-sent';
    } else if (d.state === 'inactive') d.state = 'partial';
    else if (ack && d.state === 'syn-sent' && peer.state === 'syn-ack-sent') {
      d.state = 'established';
      peer.state = 'established';
    }
  }

  get historyString(): string {
    return this.history;
  }

  connState(): ZeekConnState {
    const os = this.dirs.client.state;
    const rs = this.dirs.server.state;
    const oInactive = os === 'inactive' || os === 'partial';
    const rInactive = rs === 'inactive' || rs === 'partial';
    const sizes0 = this.dirs.client.payloadBytes === 0 && this.dirs.server.payloadBytes === 0;
    if (rs === 'reset') {
      if (os === 'syn-sent' || os === 'syn-ack-sent' || (os === 'reset' && sizes0)) return 'REJ';
      return oInactive ? 'RSTRH' : 'RSTR';
    }
    if (os === 'reset') {
      if (rInactive) return /^\^?S[^HAFGIQ]*R/.test(this.history) ? 'RSTOS0' : 'OTH';
      return 'RSTO';
    }
    if (rs === 'closed' && os === 'closed') return 'SF';
    if (os === 'closed') return rInactive ? 'SH' : 'S2';
    if (rs === 'closed') return oInactive ? 'SHR' : 'S3';
    if (os === 'syn-sent' && rs === 'inactive') return 'S0';
    if (os === 'established' && rs === 'established') return 'S1';
    return 'OTH';
  }
}
