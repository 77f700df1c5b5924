/**
 * Test helpers for real captures on loopback: agent launch from source, a tiny TCP exchange, UDP
 * bursts, and a minimal Ethernet/IPv4/TCP reader so the tests check bytes on their own.
 */
import { createSocket } from 'node:dgram';
import { createServer, connect, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { RawFrame } from '../../../../shared/model/packet';
import type { AgentLaunchOptions } from '../agent-launcher';

export const SOURCE_AGENT: AgentLaunchOptions = {
  agentScript: resolve(__dirname, '../../agent/agent-main.ts'),
};

export interface TcpSegmentView {
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  flags: number;
  payload: string;
}

/** Reads an Ethernet II + IPv4 + TCP frame (what Linux loopback gives libpcap). */
export function readTcpOverEthernet(frame: RawFrame): TcpSegmentView | null {
  const d = Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength);
  if (d.length < 14 + 20 + 20 || d.readUInt16BE(12) !== 0x0800) return null;
  const ip = 14;
  const ihl = (d[ip] & 0x0f) * 4;
  if (d[ip + 9] !== 6) return null;
  const totalLength = d.readUInt16BE(ip + 2);
  const tcp = ip + ihl;
  const dataOffset = (d[tcp + 12] >> 4) * 4;
  const addr = (o: number) => `${d[o]}.${d[o + 1]}.${d[o + 2]}.${d[o + 3]}`;
  return {
    src: addr(ip + 12),
    dst: addr(ip + 16),
    srcPort: d.readUInt16BE(tcp),
    dstPort: d.readUInt16BE(tcp + 2),
    flags: d.readUInt16BE(tcp + 12) & 0x01ff,
    payload: d.subarray(tcp + dataOffset, ip + totalLength).toString('latin1'),
  };
}

/** Connects, sends `ask`, gets `answer`, then both sides close: a full TCP life on 127.0.0.1. */
export async function tcpExchange(
  ask: string,
  answer: string,
): Promise<{ serverPort: number; clientPort: number }> {
  const server = createServer((socket) => {
    socket.once('data', () => socket.write(answer));
    socket.on('end', () => socket.end());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const serverPort = (server.address() as AddressInfo).port;
  try {
    return await new Promise((done, fail) => {
      const client = connect(serverPort, '127.0.0.1', () => client.write(ask));
      const clientPort = () => client.localPort ?? 0;
      client.once('data', () => client.end());
      client.on('error', fail);
      client.on('close', () => done({ serverPort, clientPort: clientPort() }));
    });
  } finally {
    server.close();
  }
}

/** A free port number on 127.0.0.1 (the listener is closed again at once). */
export async function freeTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** Sends `count` UDP datagrams of `size` bytes to 127.0.0.1:port, `perTick` at a time. */
export async function sendUdpBurst(port: number, count: number, size = 100, perTick = 50): Promise<void> {
  const socket = createSocket('udp4');
  const payload = Buffer.alloc(size, 0x61);
  try {
    for (let sent = 0; sent < count;) {
      const n = Math.min(perTick, count - sent);
      await Promise.all(
        Array.from(
          { length: n },
          () => new Promise<void>((done) => socket.send(payload, port, '127.0.0.1', () => done())),
        ),
      );
      sent += n;
      await new Promise((done) => setImmediate(done));
    }
  } finally {
    socket.close();
  }
}

export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for condition');
    await new Promise((done) => setTimeout(done, 20));
  }
}
