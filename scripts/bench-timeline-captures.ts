/**
 * Synthetic captures for `npm run bench:timeline`: 100k short connections, and one connection of
 * 100k segments with a lost segment every 5000 and an idle 1.5 s every 20,000. Synthetic frames
 * (Ethernet + IPv4 + TCP, zero payload bytes) are enough for a UI benchmark.
 */
import { writeFileSync } from 'node:fs';
import { writePcapngBuffer } from '../src/main/capture/files';
import type { RawFrame } from '../src/shared/model/packet';

export const CONNECTIONS = 100_000;
export const SEGMENTS = 100_000;

const SYN = 0x02;
const ACK = 0x10;
const FIN = 0x01;
const PSH = 0x08;

interface Seg {
  t: number;
  src: [number, number];
  dst: [number, number];
  seq: number;
  ack: number;
  flags: number;
  len: number;
}

/** Ethernet + IPv4 + TCP (+ MSS/WS/SACK-perm on SYNs) + zero payload. */
function frame(s: Seg): RawFrame {
  // MSS, NOP, window scale, SACK permitted, NOP, NOP: 12 bytes, a whole number of 32-bit words.
  const options = s.flags & SYN ? [2, 4, 0x05, 0xb4, 1, 3, 3, 7, 4, 2, 1, 1] : [];
  const tcpLen = 20 + options.length;
  const ipLen = 20 + tcpLen + s.len;
  const b = new Uint8Array(14 + ipLen);
  const dv = new DataView(b.buffer);
  b.set([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00], 0);
  b.set([0x45, 0, ipLen >> 8, ipLen & 0xff, 0, 0, 0x40, 0, 64, 6, 0, 0], 14);
  dv.setUint32(26, s.src[0]);
  dv.setUint32(30, s.dst[0]);
  dv.setUint16(34, s.src[1]);
  dv.setUint16(36, s.dst[1]);
  dv.setUint32(38, s.seq >>> 0);
  dv.setUint32(42, s.ack >>> 0);
  dv.setUint16(46, ((tcpLen / 4) << 12) | s.flags);
  dv.setUint16(48, 65535);
  b.set(options, 54);
  return {
    timestampNs: BigInt(Math.round(s.t * 1e6)) * 1000n,
    originalLength: b.length,
    data: b,
    interfaceId: 0,
  };
}

export function writeCapture(file: string, segments: Iterable<Seg>): void {
  const frames = (function* () {
    for (const s of segments) yield frame(s);
  })();
  writeFileSync(file, writePcapngBuffer({ interfaces: [{ linkType: 1, snapLength: 65535 }] }, frames));
}

const T0 = 1_700_000_000;

/** 100k connections: handshake, one request, four-segment close, 1 ms apart. */
export function* manyConnections(): Generator<Seg> {
  const server: [number, number] = [0x0a000002, 80];
  for (let i = 0; i < CONNECTIONS; i++) {
    const client: [number, number] = [0x0a000100 + (i >> 14), 10000 + (i & 0x3fff)];
    const t = T0 + i * 0.001;
    const c = 1000 + i;
    const s = 5000 + i;
    yield { t, src: client, dst: server, seq: c, ack: 0, flags: SYN, len: 0 };
    yield { t: t + 0.0001, src: server, dst: client, seq: s, ack: c + 1, flags: SYN | ACK, len: 0 };
    yield { t: t + 0.0002, src: client, dst: server, seq: c + 1, ack: s + 1, flags: ACK, len: 0 };
    yield { t: t + 0.0003, src: client, dst: server, seq: c + 1, ack: s + 1, flags: PSH | ACK, len: 20 };
    yield { t: t + 0.0004, src: client, dst: server, seq: c + 21, ack: s + 1, flags: FIN | ACK, len: 0 };
    yield { t: t + 0.0005, src: server, dst: client, seq: s + 1, ack: c + 22, flags: ACK, len: 0 };
    yield { t: t + 0.0006, src: server, dst: client, seq: s + 1, ack: c + 22, flags: FIN | ACK, len: 0 };
  }
}

/** One connection of 100k segments: data one way, ACKs back, a lost segment every 5000 rounds. */
export function* oneLongConnection(): Generator<Seg> {
  const client: [number, number] = [0x0a000001, 40000];
  const server: [number, number] = [0x0a000002, 443];
  let t = T0;
  yield { t, src: client, dst: server, seq: 100, ack: 0, flags: SYN, len: 0 };
  yield { t: (t += 0.0001), src: server, dst: client, seq: 900, ack: 101, flags: SYN | ACK, len: 0 };
  yield { t: (t += 0.0001), src: client, dst: server, seq: 101, ack: 901, flags: ACK, len: 0 };
  let seq = 101;
  let count = 3;
  const data = (at: number, from: number): Seg => ({
    t: at,
    src: client,
    dst: server,
    seq: from,
    ack: 901,
    flags: PSH | ACK,
    len: 100,
  });
  const ackTo = (at: number, to: number): Seg => ({
    t: at,
    src: server,
    dst: client,
    seq: 901,
    ack: to,
    flags: ACK,
    len: 0,
  });
  for (let round = 1; count < SEGMENTS; round++) {
    // Every 20,000 segments an idle 1.5 s: the ladder draws a break mark.
    t += round % 10_000 === 0 ? 1.5 : 0.0001;
    if (round % 2500 === 0) {
      // The segment at `seq` is lost: the next one shows the gap, the receiver repeats its ACK,
      // the sender retransmits, and one ACK covers both.
      yield data(t, seq + 100);
      yield ackTo((t += 0.00005), seq);
      yield data((t += 0.0002), seq);
      yield ackTo((t += 0.00005), seq + 200);
      seq += 200;
      count += 4;
    } else {
      yield data(t, seq);
      yield ackTo((t += 0.00005), seq + 100);
      seq += 100;
      count += 2;
    }
  }
}
