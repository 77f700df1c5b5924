/**
 * Everything the tracker remembers about one connection (one tcp.stream): roles, vantage, the
 * endpoint model, phases, situations, Zeek summary and counters. Pure bookkeeping, no I/O.
 */
import { TcpFlag, type TcpSegmentFacts } from '../../shared/model/packet';
import type {
  TcpConnectionSummary,
  TcpDirectionStats,
  TcpEndpointAddress,
  TcpEndpointStateView,
  TcpPhase,
  TcpPhaseSpan,
  TcpRole,
  TcpSituation,
  TcpVantage,
} from '../../shared/model/tcp';
import { EndpointModel } from './endpoint-model';
import { u32 } from './seq-math';
import { ZeekSummary } from './zeek-summary';

/** Ports below this are taken to be servers' when no SYN tells us who opened the connection. */
const WELL_KNOWN_PORT_LIMIT = 1024;

export interface ConnectionRoles {
  client: TcpEndpointAddress;
  server: TcpEndpointAddress;
  guessed: boolean;
}

export function guessRoles(f: TcpSegmentFacts): ConnectionRoles {
  const src = { addr: f.srcAddr, port: f.srcPort };
  const dst = { addr: f.dstAddr, port: f.dstPort };
  const synOnly = (f.flags & (TcpFlag.SYN | TcpFlag.ACK)) === TcpFlag.SYN;
  const synAck = (f.flags & (TcpFlag.SYN | TcpFlag.ACK)) === (TcpFlag.SYN | TcpFlag.ACK);
  if (synOnly) return { client: src, server: dst, guessed: false };
  if (synAck) return { client: dst, server: src, guessed: false };
  // Mid-stream: the lower, well-known-looking port is the server's; else the first sender is the client.
  const srcLooksServer = f.srcPort < f.dstPort && f.srcPort < WELL_KNOWN_PORT_LIMIT;
  return srcLooksServer
    ? { client: dst, server: src, guessed: true }
    : { client: src, server: dst, guessed: true };
}

/** How many times longer one handshake delay must be than the other to tell the capture point. */
const VANTAGE_RATIO = 4n;
/**
 * ...and by at least this much. Between hosts on one machine (veth, loopback) both delays are
 * scheduling noise, and a busy host delays a kernel ACK by a few milliseconds now and then (seen on
 * a loaded 2-core CI machine), which must not be taken for a network round trip. Below 10 ms the
 * guess stays 'unknown': the safe answer.
 */
const VANTAGE_MIN_GAP_NS = 10_000_000n;

const newStats = (): TcpDirectionStats => ({ packets: 0, bytes: 0, payloadBytes: 0 });

export class ConnectionRecord {
  readonly model: EndpointModel;
  readonly zeek = new ZeekSummary();
  readonly stats: Record<TcpRole, TcpDirectionStats> = { client: newStats(), server: newStats() };
  readonly situations: { situation: TcpSituation; frame: number }[] = [];
  readonly phases: TcpPhaseSpan[] = [];
  readonly handshake: TcpConnectionSummary['handshake'] = {};
  readonly analysisCounts: TcpConnectionSummary['analysisCounts'] = {};
  /** Both endpoints' states after the last segment added. */
  states: Record<TcpRole, TcpEndpointStateView>;
  firstFrame = 0;
  lastFrame = 0;
  startNs = 0n;
  lastNs = 0n;
  initialRttNs = 0n;
  vantageGuessed = false;
  handshakeDone = false;
  teardownStarted = false;
  synTimesNs: bigint[] = [];
  private synAckTimeNs = 0n;
  private synAckCount = 0;
  private serverSentSomething = false;
  private clientPureAckAfterSynAck = false;
  private readonly marked = new Set<TcpSituation>();

  constructor(
    readonly stream: number,
    readonly ipVersion: 4 | 6,
    readonly roles: ConnectionRoles,
    vantage: TcpVantage | 'auto',
  ) {
    this.model = new EndpointModel(vantage === 'auto' ? 'unknown' : vantage);
    this.vantageGuessed = vantage === 'auto';
    if (roles.guessed) this.model.midStream = true;
    this.states = { client: this.model.state('client'), server: this.model.state('server') };
  }

  roleOf(f: TcpSegmentFacts): TcpRole {
    return f.srcAddr === this.roles.client.addr && f.srcPort === this.roles.client.port ? 'client' : 'server';
  }

  /** Records the segment; returns the situations it shows. */
  add(f: TcpSegmentFacts, from: TcpRole, frameLength: number | undefined, analysis: number): TcpSituation[] {
    const first = this.firstFrame === 0;
    if (first) {
      this.firstFrame = f.number;
      this.startNs = f.timestampNs;
    }
    this.lastFrame = f.number;
    this.lastNs = f.timestampNs;
    const st = this.stats[from];
    st.packets++;
    st.payloadBytes += f.payloadLength;
    st.bytes += frameLength ?? f.payloadLength;

    const before = this.states;
    const found = this.situationsBefore(f, from, before.server.state, before.client.state);
    if (first && this.roles.guessed) found.unshift('mid-stream-pickup');
    this.model.apply({
      from,
      seq: u32(f.seq),
      ack: u32(f.ack),
      flags: f.flags,
      payloadLength: f.payloadLength,
    });
    this.guessVantage(f, from);
    this.states = { client: this.model.state('client'), server: this.model.state('server') };
    for (const role of ['client', 'server'] as const) {
      if (this.states[role].state === 'TIME-WAIT' && before[role].state !== 'TIME-WAIT')
        found.push('time-wait');
    }
    void analysis;
    return found.filter((s) => this.mark(s));
  }

  private mark(s: TcpSituation): boolean {
    if (this.marked.has(s) && s !== 'syn-retransmitted' && s !== 'synack-retransmitted') return false;
    this.marked.add(s);
    this.situations.push({ situation: s, frame: this.lastFrame });
    return true;
  }

  private situationsBefore(
    f: TcpSegmentFacts,
    from: TcpRole,
    server: string,
    client: string,
  ): TcpSituation[] {
    const out: TcpSituation[] = [];
    const syn = (f.flags & TcpFlag.SYN) !== 0;
    const ack = (f.flags & TcpFlag.ACK) !== 0;
    const fin = (f.flags & TcpFlag.FIN) !== 0;
    const rst = (f.flags & TcpFlag.RST) !== 0;
    const me = this.model.ends[from];
    const peer = this.model.ends[from === 'client' ? 'server' : 'client'];
    if (syn && !ack) {
      if (me.synSent && me.iss === u32(f.seq)) out.push('syn-retransmitted');
      else if (peer.synSent && !peer.synAckSent) out.push('simultaneous-open');
      this.synTimesNs.push(f.timestampNs);
      this.handshake.synFrame ??= f.number;
    }
    if (syn && ack) {
      if (me.synAckSent && me.iss === u32(f.seq)) {
        out.push('synack-retransmitted');
        // More SYN-ACKs than SYNs: this one answers no SYN, so the server's timer fired: the ACK was lost.
        const answersNoSyn = this.synAckCount + 1 > this.synTimesNs.length;
        if (this.clientPureAckAfterSynAck && answersNoSyn) out.push('final-ack-lost');
      }
      this.synAckCount++;
      this.handshake.synAckFrame ??= f.number;
      this.synAckTimeNs = f.timestampNs;
    }
    if (
      !syn &&
      ack &&
      from === 'client' &&
      this.handshake.synAckFrame !== undefined &&
      !this.handshake.ackFrame
    ) {
      this.handshake.ackFrame ??= f.number;
      if (f.payloadLength === 0) this.clientPureAckAfterSynAck = true;
      if (f.payloadLength > 0 && server === 'SYN-RECEIVED') out.push('data-completes-handshake');
    }
    if (rst) {
      if (from === 'server' && !this.serverSentSomething && me.synSent === false)
        out.push('connection-refused');
      else out.push('reset-abort');
    }
    if (fin && !me.finSent) {
      const passive = ack && peer.finSent && me.peerFin.on;
      if (peer.finSent && !(ack && ((u32(f.ack) - u32(peer.finSeq + 1)) | 0) >= 0))
        out.push('simultaneous-close');
      else if (passive && !this.peerFinAckedSeparately(from)) out.push('three-segment-close');
    }
    const myState = from === 'client' ? client : server;
    if (f.payloadLength > 0 && myState === 'CLOSE-WAIT') out.push('half-close');
    if (!syn && !rst) this.serverSentSomething ||= from === 'server';
    if (syn && from === 'server') this.serverSentSomething = true;
    return out;
  }

  /** Whether `from` acknowledged the peer's FIN in an earlier segment than its own FIN. */
  private peerFinAckedSeparately(from: TcpRole): boolean {
    return this.ackedPeerFinEarlier[from];
  }
  private readonly ackedPeerFinEarlier: Record<TcpRole, boolean> = { client: false, server: false };

  /** Call after `add`: remembers a non-FIN segment that acknowledged the peer's FIN. */
  noteFinAcknowledgment(f: TcpSegmentFacts, from: TcpRole): void {
    const peer = this.model.ends[from === 'client' ? 'server' : 'client'];
    const plain =
      (f.flags & (TcpFlag.SYN | TcpFlag.FIN | TcpFlag.RST)) === 0 && (f.flags & TcpFlag.ACK) !== 0;
    if (plain && peer.finSent && ((u32(f.ack) - u32(peer.finSeq + 1)) | 0) >= 0)
      this.ackedPeerFinEarlier[from] = true;
  }

  phaseOf(f: TcpSegmentFacts): TcpPhase {
    const syn = (f.flags & TcpFlag.SYN) !== 0;
    let phase: TcpPhase;
    if (syn) phase = 'handshake';
    else if (f.flags & (TcpFlag.FIN | TcpFlag.RST) || this.teardownStarted) {
      phase = 'teardown';
      this.teardownStarted = true;
    } else if (f.payloadLength > 0 || this.handshakeDone || this.roles.guessed) phase = 'data';
    else phase = this.handshake.synAckFrame !== undefined ? 'handshake' : 'data';
    // The first non-SYN segment after the SYN-ACK completes the handshake.
    if (!syn && this.handshake.synAckFrame !== undefined) this.handshakeDone = true;
    const last = this.phases[this.phases.length - 1];
    if (last && last.phase === phase) last.lastFrame = f.number;
    else this.phases.push({ phase, firstFrame: f.number, lastFrame: f.number });
    return phase;
  }

  /**
   * At the client the SYN-ACK arrives one RTT after the SYN and the ACK leaves at once; at the
   * server the SYN-ACK leaves at once and the ACK arrives one RTT later.
   */
  private guessVantage(f: TcpSegmentFacts, from: TcpRole): void {
    if (!this.vantageGuessed || this.model.vantage !== 'unknown') return;
    const pureHandshakeAck = from === 'client' && (f.flags & (TcpFlag.SYN | TcpFlag.ACK)) === TcpFlag.ACK;
    if (!pureHandshakeAck || this.synAckTimeNs === 0n || this.synTimesNs.length === 0) return;
    const synToSynAck = this.synAckTimeNs - this.synTimesNs[this.synTimesNs.length - 1];
    const synAckToAck = f.timestampNs - this.synAckTimeNs;
    if (synToSynAck < 0n || synAckToAck < 0n) return;
    // Only a clear difference counts: on a LAN or veth both delays are host noise of a few µs.
    const clear = (long: bigint, short: bigint) =>
      short * VANTAGE_RATIO <= long && long - short >= VANTAGE_MIN_GAP_NS;
    if (clear(synToSynAck, synAckToAck)) this.model.setVantage('client');
    else if (clear(synAckToAck, synToSynAck)) this.model.setVantage('server');
  }
}
