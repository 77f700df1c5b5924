/**
 * Infers the RFC 9293 state of both endpoints after every captured segment.
 *
 * The state is derived from facts, not from a transition table, because a capture taken at one end
 * shows what was sent, not what the other end received. A fact about what an endpoint SENT is
 * always observed. A fact about what it RECEIVED is observed only when the capture was taken at
 * that endpoint (vantage) or when the endpoint later proves it (its ACK covers the segment, or it
 * retransmits something only its old state would send); otherwise it is inferred. A derived state
 * is 'observed' when every fact it rests on is observed.
 *
 * Later evidence corrects earlier inferences: a retransmitted SYN-ACK shows that the server never
 * got the final ACK, whatever the capture showed leaving the client.
 */
import { TcpFlag } from '../../shared/model/packet';
import type { TcpEndpointStateView, TcpRole, TcpVantage } from '../../shared/model/tcp';
import { geSeq, u32 } from './seq-math';

interface Fact {
  on: boolean;
  sure: boolean;
}
const fact = (): Fact => ({ on: false, sure: true });

type ReceiptFact = 'peerSyn' | 'ownSynAcked' | 'peerFin' | 'ownFinAcked' | 'resetRcvd';

interface PendingReceipt {
  endSeq: number;
  facts: ReceiptFact[];
}

/** Receipts waiting for the receiver's ACK to confirm them, per endpoint. */
const MAX_PENDING = 64;

export interface EndpointFacts {
  synSent: boolean;
  synAckSent: boolean;
  iss: number;
  finSent: boolean;
  finSeq: number;
  /** This endpoint's FIN acknowledged the peer's FIN: it closed second (passive close). */
  passiveClose: boolean;
  resetSent: boolean;
  peerSyn: Fact;
  ownSynAcked: Fact;
  peerFin: Fact;
  ownFinAcked: Fact;
  resetRcvd: Fact;
  peerIss: number;
  peerFinSeq: number;
  pending: PendingReceipt[];
  gaveUp: boolean;
}

function newEndpoint(): EndpointFacts {
  return {
    synSent: false,
    synAckSent: false,
    iss: 0,
    finSent: false,
    finSeq: 0,
    passiveClose: false,
    resetSent: false,
    peerSyn: fact(),
    ownSynAcked: fact(),
    peerFin: fact(),
    ownFinAcked: fact(),
    resetRcvd: fact(),
    peerIss: 0,
    peerFinSeq: 0,
    pending: [],
    gaveUp: false,
  };
}

export interface ModelSegment {
  from: TcpRole;
  seq: number;
  ack: number;
  flags: number;
  payloadLength: number;
}

export class EndpointModel {
  readonly ends: Record<TcpRole, EndpointFacts> = { client: newEndpoint(), server: newEndpoint() };
  /** No SYN was seen before data: both ends are assumed synchronized. */
  midStream = false;

  constructor(public vantage: TcpVantage) {}

  apply(s: ModelSegment): void {
    const to: TcpRole = s.from === 'client' ? 'server' : 'client';
    this.applySend(this.ends[s.from], s);
    this.applyReceive(this.ends[to], s, this.vantage === to);
  }

  /** The vantage became known: what that endpoint received was seen arriving, so it is observed. */
  setVantage(vantage: TcpVantage): void {
    this.vantage = vantage;
    if (vantage === 'unknown') return;
    const x = this.ends[vantage];
    for (const name of ['peerSyn', 'ownSynAcked', 'peerFin', 'ownFinAcked', 'resetRcvd'] as const)
      x[name].sure = true;
    x.pending = [];
  }

  state(role: TcpRole): TcpEndpointStateView {
    return deriveState(this.ends[role], role, this.midStream);
  }

  private applySend(x: EndpointFacts, s: ModelSegment): void {
    const syn = (s.flags & TcpFlag.SYN) !== 0;
    const ack = (s.flags & TcpFlag.ACK) !== 0;
    if (syn && !ack) {
      if (x.synSent && x.iss === s.seq) {
        // Retransmitting the SYN: it has not received a SYN-ACK.
        x.peerSyn = fact();
        x.ownSynAcked = fact();
      }
      x.synSent = true;
      x.iss = s.seq;
    }
    if (syn && ack) {
      if (x.synAckSent && x.iss === s.seq) x.ownSynAcked = fact(); // still SYN-RECEIVED
      x.synSent = true;
      x.synAckSent = true;
      x.iss = s.seq;
      x.peerSyn = { on: true, sure: true };
    }
    if (ack) this.confirmReceipts(x, s.ack);
    if (!syn && (s.payloadLength > 0 || s.flags & TcpFlag.FIN) && x.ownSynAcked.on) {
      // Sending data or a FIN shows it is synchronized (a SYN-RECEIVED end does not send data).
      x.ownSynAcked.sure = true;
    }
    if (s.flags & TcpFlag.FIN) {
      const finSeq = u32(s.seq + s.payloadLength);
      if (x.finSent && x.finSeq === finSeq) x.ownFinAcked = fact(); // FIN retransmitted: not acked yet
      if (!x.finSent) {
        x.passiveClose = ack && x.peerFin.on && geSeq(s.ack, u32(x.peerFinSeq + 1));
      }
      x.finSent = true;
      x.finSeq = finSeq;
    }
    if (s.flags & TcpFlag.RST) x.resetSent = true;
  }

  private applyReceive(y: EndpointFacts, s: ModelSegment, atVantage: boolean): void {
    const facts: ReceiptFact[] = [];
    const set = (name: ReceiptFact): void => {
      y[name] = { on: true, sure: atVantage };
      facts.push(name);
    };
    if (s.flags & TcpFlag.RST) {
      set('resetRcvd');
      return;
    }
    if (s.flags & TcpFlag.SYN) {
      set('peerSyn');
      y.peerIss = s.seq;
    }
    if (s.flags & TcpFlag.ACK) {
      // Set again while still unconfirmed, so that confirming this segment confirms the fact too.
      const open = (f: Fact): boolean => !f.on || !f.sure;
      if (y.synSent && geSeq(s.ack, u32(y.iss + 1)) && open(y.ownSynAcked)) set('ownSynAcked');
      if (y.finSent && geSeq(s.ack, u32(y.finSeq + 1)) && open(y.ownFinAcked)) set('ownFinAcked');
    }
    if (s.flags & TcpFlag.FIN && !y.peerFin.on) {
      set('peerFin');
      y.peerFinSeq = u32(s.seq + s.payloadLength);
    }
    const synFin = s.flags & (TcpFlag.SYN | TcpFlag.FIN) ? 1 : 0;
    const end = u32(s.seq + s.payloadLength + synFin);
    if (!atVantage && facts.length > 0 && end !== s.seq) y.pending.push({ endSeq: end, facts });
  }

  /** The endpoint acknowledged up to `ack`: it certainly received the segments below it. */
  private confirmReceipts(x: EndpointFacts, ack: number): void {
    if (x.pending.length === 0) return;
    let confirmedAny = false;
    for (const p of x.pending) {
      if (!geSeq(ack, p.endSeq)) continue;
      for (const name of p.facts) if (x[name].on) x[name].sure = true;
      p.facts = [];
      confirmedAny = true;
    }
    if (confirmedAny) x.pending = x.pending.filter((p) => p.facts.length > 0);
    // Never let unconfirmable receipts grow without bound: only the latest ones can still matter.
    if (x.pending.length > MAX_PENDING) x.pending = x.pending.slice(-MAX_PENDING);
  }
}

function view(state: TcpEndpointStateView['state'], ...facts: Fact[]): TcpEndpointStateView {
  return { state, certainty: facts.every((f) => f.sure) ? 'observed' : 'inferred' };
}

export function deriveState(x: EndpointFacts, role: TcpRole, midStream: boolean): TcpEndpointStateView {
  if (x.resetSent) return { state: 'CLOSED', certainty: 'observed' };
  if (x.resetRcvd.on) return view('CLOSED', x.resetRcvd);
  if (x.gaveUp) return { state: 'CLOSED', certainty: 'inferred' };
  const synchronized = midStream || (x.peerSyn.on && x.ownSynAcked.on);
  if (!synchronized) {
    if (x.peerSyn.on) return view('SYN-RECEIVED', x.peerSyn);
    if (x.synSent) return { state: 'SYN-SENT', certainty: 'observed' };
    return role === 'server'
      ? { state: 'LISTEN', certainty: 'inferred' }
      : { state: 'CLOSED', certainty: 'observed' };
  }
  const base = midStream ? [{ on: true, sure: false }] : [x.peerSyn, x.ownSynAcked];
  if (!x.finSent) return x.peerFin.on ? view('CLOSE-WAIT', ...base, x.peerFin) : view('ESTABLISHED', ...base);
  if (x.passiveClose) return x.ownFinAcked.on ? view('CLOSED', x.ownFinAcked) : view('LAST-ACK', x.peerFin);
  if (!x.peerFin.on) return x.ownFinAcked.on ? view('FIN-WAIT-2', x.ownFinAcked) : view('FIN-WAIT-1');
  return x.ownFinAcked.on ? view('TIME-WAIT', x.peerFin, x.ownFinAcked) : view('CLOSING', x.peerFin);
}
