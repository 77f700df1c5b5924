/**
 * How many packets per second the live-capture pipeline (libpcap → agent → batches → main) sustains
 * on loopback, and whether packets are lost. Loopback only.
 *
 *   npx tsx scripts/bench-capture.ts [--agent out/main/capture-agent.js] [--seconds 3]
 *
 * 1. UDP sweep: a child process sends datagrams to a port nobody listens on, paced to a target
 *    rate; loss = sent - captured (the filter matches only that traffic). libpcap's own drop counter
 *    is not reachable through `cap`, so counting is the only honest loss figure.
 * 2. HTTP with wrk: wrk drives a local node:http server; tcpdump runs alongside as the reference count.
 */
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { resolve } from 'node:path';
import { LiveCaptureController } from '../src/main/capture/live/live-capture-controller';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const agentScript = resolve(option('agent', 'src/main/capture/agent/agent-main.ts'));
const seconds = Number(option('seconds', '3'));

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
  const { port } = s.address() as AddressInfo;
  await new Promise((done) => s.close(done));
  return port;
}

const SENDER = `
const dgram = require('dgram');
const [port, rate, seconds] = process.argv.slice(1).map(Number);
const s = dgram.createSocket('udp4'); const payload = Buffer.alloc(64, 1);
let sent = 0; const start = Date.now(); const end = start + seconds * 1000;
function tick() {
  const now = Date.now();
  if (now >= end) { s.close(); process.stdout.write(String(sent)); return; }
  const due = Math.floor(((now - start) / 1000) * rate) - sent;
  for (let i = 0; i < due; i++) { s.send(payload, port, '127.0.0.1'); sent++; }
  setImmediate(tick);
}
tick();`;

function controller(counter: { frames: number }) {
  return new LiveCaptureController(
    { onFrames: (f) => (counter.frames += f.length) },
    { launch: { agentScript } },
  );
}

async function udpRun(rate: number) {
  const port = await freePort();
  const counter = { frames: 0 };
  const c = controller(counter);
  await c.start({
    interface: 'lo',
    filter: `udp dst port ${port}`,
    snaplen: 0,
    promiscuous: true,
    bufferSize: 64 << 20,
  });
  const t0 = process.hrtime.bigint();
  // Asynchronous on purpose: the main process must keep reading the agent's batches meanwhile.
  const sent = await new Promise<number>((done) => {
    let out = '';
    const sender = spawn(process.execPath, ['-e', SENDER, String(port), String(rate), String(seconds)]);
    sender.stdout.on('data', (d: Buffer) => (out += d.toString()));
    sender.on('close', () => done(Number(out)));
  });
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  const counters = await c.stop();
  return {
    rate,
    sentPerSec: Math.round(sent / elapsed),
    sent,
    captured: counter.frames,
    lost: sent - counter.frames,
    pps: Math.round(counter.frames / elapsed),
    batches: counters.batches,
    droppedByAgent: counters.droppedByAgent,
  };
}

async function wrkRun() {
  const server = createHttpServer((_req, res) => res.end('ok'));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  const counter = { frames: 0 };
  const c = controller(counter);
  await c.start({
    interface: 'lo',
    filter: `tcp port ${port}`,
    snaplen: 0,
    promiscuous: true,
    bufferSize: 64 << 20,
  });
  const tcpdump = spawn('tcpdump', ['-i', 'lo', '-n', '-w', '/dev/null', '-B', '65536', `tcp port ${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let tcpdumpReport = '';
  tcpdump.stderr.on('data', (d: Buffer) => (tcpdumpReport += d.toString()));
  await new Promise((done) => setTimeout(done, 500));
  const t0 = process.hrtime.bigint();
  const wrk = await new Promise<string>((done) => {
    let out = '';
    const w = spawn('wrk', ['-t1', '-c20', `-d${seconds}s`, `http://127.0.0.1:${port}/`]);
    w.stdout.on('data', (d: Buffer) => (out += d.toString()));
    w.on('close', () => done(out));
  });
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  const counters = await c.stop();
  await new Promise((done) => setTimeout(done, 300));
  tcpdump.kill('SIGINT');
  await new Promise((done) => tcpdump.on('close', done));
  server.close();
  const requests = /Requests\/sec:\s+([\d.]+)/.exec(wrk)?.[1];
  const tcpdumpCaptured = Number(/(\d+) packets captured/.exec(tcpdumpReport)?.[1] ?? NaN);
  const tcpdumpDropped = Number(/(\d+) packets dropped by kernel/.exec(tcpdumpReport)?.[1] ?? NaN);
  return {
    requestsPerSec: Number(requests),
    captured: counter.frames,
    pps: Math.round(counter.frames / elapsed),
    batches: counters.batches,
    tcpdumpCaptured,
    tcpdumpDropped,
  };
}

async function main() {
  console.log(`agent: ${agentScript}`);
  for (const rate of [20_000, 50_000, 100_000, 200_000, 400_000]) {
    console.log('udp', JSON.stringify(await udpRun(rate)));
  }
  console.log('wrk', JSON.stringify(await wrkRun()));
}

void main();
