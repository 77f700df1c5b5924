/**
 * Random but TCP-shaped traffic for differential fuzzing against tshark: many interleaved
 * connections whose segments go through every branch of the sequence analysis (data, pure and
 * duplicate ACKs, losses, retransmissions, keep-alives, zero windows and probes, window updates,
 * FIN, RST, port reuse, sequence wrap-around), driven by a seeded generator so failures replay.
 */
import { TcpFlag, type TcpSegmentFacts } from '../../../shared/model/packet';

/** Small deterministic PRNG (mulberry32): the same seed gives the same capture. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Side {
  addr: string;
  port: number;
  next: number;
  acked: number;
  window: number;
  sent: { seq: number; len: number }[];
}

type Draft = Omit<TcpSegmentFacts, 'number' | 'timestampNs'> & { gapNs: bigint };

const GAPS_NS = [50_000n, 400_000n, 2_000_000n, 15_000_000n, 40_000_000n, 300_000_000n];

function connection(rand: () => number, id: number): Draft[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const isn = (): number =>
    (rand() < 0.2 ? 0xffffffff - Math.floor(rand() * 3000) : Math.floor(rand() * 2 ** 32)) >>> 0;
  const c: Side = {
    addr: `10.1.${id % 200}.1`,
    port: 30000 + id,
    next: isn(),
    acked: 0,
    window: 501,
    sent: [],
  };
  const s: Side = { addr: '10.2.0.1', port: 80, next: isn(), acked: 0, window: 509, sent: [] };
  const out: Draft[] = [];
  const emit = (
    from: Side,
    to: Side,
    flags: number,
    seq: number,
    len: number,
    window = from.window,
  ): void => {
    out.push({
      ipVersion: 4,
      srcAddr: from.addr,
      dstAddr: to.addr,
      srcPort: from.port,
      dstPort: to.port,
      seq: seq >>> 0,
      ack: flags & TcpFlag.ACK ? from.acked >>> 0 : 0,
      flags,
      window,
      payloadLength: len,
      capturedPayloadLength: len,
      options: {},
      gapNs: pick(GAPS_NS),
    });
  };
  const handshake = rand() < 0.85;
  if (handshake) {
    emit(c, s, TcpFlag.SYN, c.next, 0);
    if (rand() < 0.15) emit(c, s, TcpFlag.SYN, c.next, 0); // retransmitted SYN
    c.next = (c.next + 1) >>> 0;
    s.acked = c.next;
    emit(s, c, TcpFlag.SYN | TcpFlag.ACK, s.next, 0);
    s.next = (s.next + 1) >>> 0;
    c.acked = s.next;
    emit(c, s, TcpFlag.ACK, c.next, 0);
  } else {
    c.acked = s.next;
    s.acked = c.next;
  }
  const steps = 5 + Math.floor(rand() * 35);
  for (let i = 0; i < steps; i++) {
    const [from, to] = rand() < 0.6 ? [c, s] : [s, c];
    const action = rand();
    if (action < 0.3) {
      const len = pick([1, 100, 536, 1000, 1448]);
      from.sent.push({ seq: from.next, len });
      emit(from, to, TcpFlag.ACK | (rand() < 0.5 ? TcpFlag.PSH : 0), from.next, len);
      from.next = (from.next + len) >>> 0;
      if (rand() < 0.7) to.acked = from.next;
    } else if (action < 0.45) {
      emit(from, to, TcpFlag.ACK, from.next, 0); // pure or duplicate ACK
    } else if (action < 0.52 && from.sent.length > 0) {
      const old = pick(from.sent);
      emit(from, to, TcpFlag.ACK, old.seq, old.len); // retransmission of something sent before
    } else if (action < 0.58) {
      from.next = (from.next + pick([100, 1448])) >>> 0; // a segment the capture never saw
    } else if (action < 0.64) {
      emit(from, to, TcpFlag.ACK, (from.next - 1) >>> 0, rand() < 0.5 ? 0 : 1); // keep-alive
    } else if (action < 0.7) {
      from.window = 0;
      emit(from, to, TcpFlag.ACK, from.next, 0); // zero window
    } else if (action < 0.76) {
      emit(from, to, TcpFlag.ACK, from.next, 1); // probe-like single byte
      if (rand() < 0.5) from.next = (from.next + 1) >>> 0;
    } else if (action < 0.84) {
      from.window = pick([0, 64, 501, 1024, 65535]);
      emit(from, to, TcpFlag.ACK, from.next, 0); // window change
    } else if (action < 0.9) {
      to.acked = (from.next + pick([0, 1, 1448])) >>> 0; // the peer acknowledges (maybe unseen data)
      emit(to, from, TcpFlag.ACK, to.next, 0);
    } else {
      to.acked = from.next;
    }
  }
  const end = rand();
  if (end < 0.5) {
    emit(c, s, TcpFlag.FIN | TcpFlag.ACK, c.next, 0);
    c.next = (c.next + 1) >>> 0;
    s.acked = c.next;
    emit(s, c, TcpFlag.FIN | TcpFlag.ACK, s.next, 0);
    s.next = (s.next + 1) >>> 0;
    c.acked = s.next;
    emit(c, s, TcpFlag.ACK, c.next, 0);
  } else if (end < 0.7) {
    const who = pick([c, s]);
    emit(who, who === c ? s : c, TcpFlag.RST | TcpFlag.ACK, who.next, 0);
  }
  return out;
}

/** `count` connections, interleaved at random; some reuse the ports of an earlier one. */
export function randomTraffic(seed: number, count: number): TcpSegmentFacts[] {
  const rand = prng(seed);
  const queues: Draft[][] = [];
  for (let i = 0; i < count; i++) {
    const reuseOf = i > 0 && rand() < 0.1 ? Math.floor(rand() * i) : i;
    queues.push(connection(rand, reuseOf));
  }
  const out: TcpSegmentFacts[] = [];
  let t = 1_700_000_000_000_000_000n;
  const active = queues.map((q) => [...q]);
  while (active.some((q) => q.length > 0)) {
    const live = active.filter((q) => q.length > 0);
    const q = live[Math.floor(rand() * Math.min(live.length, 4))];
    const d = q.shift() as Draft;
    t += d.gapNs / 8n;
    const { gapNs: _gap, ...facts } = d;
    out.push({ ...facts, number: out.length + 1, timestampNs: t });
  }
  return out;
}
