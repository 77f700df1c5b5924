/**
 * The load generator of bench:proxy: keep-alive HTTP/1.1 over TLS, through a CONNECT tunnel when a
 * proxy is given, one request in flight per connection (like a browser's connection pool).
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';

export const RESPONSE_BODY = 'hello from the bench server\n';

export interface Target {
  name: string;
  /** The proxy's process, whose CPU time per request is measured (contention-proof, unlike req/s). */
  pid: number | null;
  /** null: straight to the server. */
  proxyPort: number | null;
  /** CA the client trusts for this path (the proxy's, or the lab CA when direct). */
  caPem: string;
}

/** User + system CPU time of a process so far, in ms (Linux /proc; clock ticks are 1/100 s). */
export function cpuMs(pid: number | null): number | null {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

function openTunnel(proxyPort: number, authority: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(proxyPort, '127.0.0.1', () =>
      socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`),
    );
    let head = '';
    const onData = (d: Buffer) => {
      head += d.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      if (!/^HTTP\/1\.[01] 200/.test(head))
        return reject(new Error(`CONNECT refused: ${head.split('\r\n')[0]}`));
      socket.pause();
      resolve(socket);
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

async function openConnection(target: Target, serverPort: number): Promise<tls.TLSSocket> {
  const raw = target.proxyPort ? await openTunnel(target.proxyPort, `localhost:${serverPort}`) : undefined;
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      ...(raw ? { socket: raw } : { host: '127.0.0.1', port: serverPort }),
      servername: 'localhost',
      ca: target.caPem,
      ALPNProtocols: ['http/1.1'],
    });
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
  });
}

const REQUEST = Buffer.from('GET /bench HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n');

/** Sends one request at a time on `socket` until `deadline`, recording latencies (ms). */
export function keepAliveLoop(socket: tls.TLSSocket, deadline: number, latencies: number[]): Promise<number> {
  return new Promise((resolve) => {
    let chunks: Buffer[] = [];
    let buffered = 0;
    let started = 0;
    let errors = 0;
    const send = () => {
      if (Date.now() >= deadline) {
        socket.destroy();
        return resolve(errors);
      }
      started = performance.now();
      socket.write(REQUEST);
    };
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      buffered += d.length;
      const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, buffered);
      chunks = [all];
      if (!isCompleteResponse(all)) return;
      // Only a real 200 from the server counts: an error page from a proxy must not pass as throughput.
      if (all.subarray(0, 12).toString('latin1') !== 'HTTP/1.1 200' || !all.includes(RESPONSE_BODY)) errors++;
      else latencies.push(performance.now() - started);
      chunks = [];
      buffered = 0;
      send();
    });
    socket.on('error', () => {
      errors++;
      resolve(errors);
    });
    socket.resume();
    send();
  });
}

function isCompleteResponse(all: Buffer): boolean {
  const headEnd = all.indexOf('\r\n\r\n');
  if (headEnd < 0) return false;
  const head = all.subarray(0, headEnd).toString('latin1').toLowerCase();
  const length = /content-length:\s*(\d+)/.exec(head);
  if (length) return all.length >= headEnd + 4 + Number(length[1]);
  if (head.includes('transfer-encoding: chunked')) return all.subarray(headEnd).includes('\r\n0\r\n\r\n');
  return true;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

export async function measureKeepAlive(
  target: Target,
  serverPort: number,
  connections: number,
  seconds: number,
) {
  const sockets = await Promise.all(
    Array.from({ length: connections }, () => openConnection(target, serverPort)),
  );
  // One second of warm-up: pools, JIT and caches settle before we count.
  const warm: number[] = [];
  await Promise.all(sockets.map((s) => keepAliveLoop(s, Date.now() + 1000, warm)));
  const fresh = await Promise.all(
    Array.from({ length: connections }, () => openConnection(target, serverPort)),
  );
  const latencies: number[] = [];
  const start = performance.now();
  const cpuBefore = cpuMs(target.pid);
  const errors = await Promise.all(
    fresh.map((s) => keepAliveLoop(s, Date.now() + seconds * 1000, latencies)),
  );
  const cpuAfter = cpuMs(target.pid);
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    proxyCpuMsPerRequest:
      cpuBefore !== null && cpuAfter !== null && latencies.length > 0
        ? (cpuAfter - cpuBefore) / latencies.length
        : null,
    requestsPerSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    errors: errors.reduce((a, b) => a + b, 0),
  };
}

/** Each iteration: new TCP (+ CONNECT) + TLS handshake(s) + one request, then close. */
export async function measureNewConnections(
  target: Target,
  serverPort: number,
  seconds: number,
): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  const worker = async () => {
    while (Date.now() < deadline) {
      try {
        const socket = await openConnection(target, serverPort);
        await keepAliveLoop(socket, Date.now() + 1, []);
        done++;
      } catch {
        // Counted as not done.
      }
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: 8 }, worker));
  return done / ((performance.now() - start) / 1000);
}
