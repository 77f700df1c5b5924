/**
 * `npm run bench:proxy`: the same keep-alive HTTPS load against a local HTTPS server, directly and
 * through three intercepting proxies (NetLab with recording on, mitmproxy's mitmdump, mockttp), each
 * in its own process. Reports requests/s, p50/p99 latency, new connections/s (CONNECT + two TLS
 * handshakes each) and NetLab's cold leaf-mint p95. Traffic stays on 127.0.0.1; every phase is
 * bounded in time.
 *
 * wrk cannot speak CONNECT, so the load generator is here: raw HTTP/1.1 over TLS sockets that were
 * tunnelled with CONNECT, one request in flight per connection, like a keep-alive browser pool.
 *
 * Options: --seconds N (per target, default 8), --connections N (default 20), --json FILE.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CertificateAuthority } from '../src/main/proxy/ca/certificate-authority';
import { LeafMinter } from '../src/main/proxy/ca/leaf-minter';
import { testPki } from '../src/main/proxy/test-support/test-pki.test-support';
import {
  measureKeepAlive,
  measureNewConnections,
  percentile,
  RESPONSE_BODY,
  type Target,
} from './bench-proxy-load';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');

interface Result {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  newConnectionsPerSecond: number;
  errors: number;
  /** CPU time the proxy process spent per request (user + system), in ms. */
  proxyCpuMsPerRequest: number | null;
  /** p50 with a single connection: the latency a proxy adds when it is not queueing. */
  singleConnectionP50Ms: number;
}

// ---------------------------------------------------------------- child roles

async function runTargetServer(keyPem: string, certPem: string): Promise<void> {
  const server = https.createServer({ key: keyPem, cert: certPem, keepAliveTimeout: 60_000 }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(RESPONSE_BODY) });
    res.end(RESPONSE_BODY);
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`READY ${(server.address() as net.AddressInfo).port}\n`);
  });
}

async function runMockttp(dir: string, labCaPem: string): Promise<void> {
  const mockttp = await import('mockttp');
  const ca = await mockttp.generateCACertificate({ subject: { commonName: 'mockttp bench CA' } });
  writeFileSync(join(dir, 'mockttp-ca.pem'), ca.cert);
  const server = mockttp.getLocal({ https: { key: ca.key, cert: ca.cert } });
  await server.forAnyRequest().thenPassThrough({ additionalTrustedCAs: [{ cert: labCaPem }] });
  await server.start();
  process.stdout.write(`READY ${server.port}\n`);
}

// ---------------------------------------------------------------- process helpers

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}: ${seen.slice(-500)}`)),
      timeoutMs,
    );
    const onData = (d: Buffer) => {
      seen += d.toString();
      const m = pattern.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`process exited (${code}) before ready: ${seen.slice(-500)}`)),
    );
  });
}

function self(role: string, ...args: string[]): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--role', role, ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

async function stop(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------- load generator

function measureMint(dir: string): { p50: number; p95: number; cpuP95: number } {
  const minter = new LeafMinter(CertificateAuthority.loadOrCreate(join(dir, 'mint')));
  for (let i = 0; i < 20; i++) minter.mint(`warm-${i}.bench`);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    minter.mint(`cold-${i}.bench.example`);
    const used = process.cpuUsage(c);
    times.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), cpuP95: percentile(cpu, 0.95) };
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      seconds: { type: 'string', default: '8' },
      connections: { type: 'string', default: '20' },
      json: { type: 'string', default: join(ROOT, 'bench-output', 'proxy.json') },
      dir: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const pki = testPki();
  if (values.role === 'server')
    return runTargetServer(
      readFileSync(join(values.dir!, 'key.pem'), 'utf8'),
      readFileSync(join(values.dir!, 'cert.pem'), 'utf8'),
    );
  if (values.role === 'mockttp')
    return runMockttp(values.dir!, readFileSync(join(values.dir!, 'lab-ca.pem'), 'utf8'));

  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const dir = mkdtempSync(join(tmpdir(), 'netlab-bench-'));
  writeFileSync(join(dir, 'key.pem'), pki.serverKeyPem);
  writeFileSync(join(dir, 'cert.pem'), pki.goodPem);
  writeFileSync(join(dir, 'lab-ca.pem'), pki.caPem);
  const children: ChildProcess[] = [];
  const results: Result[] = [];
  try {
    const server = self('server', '--dir', dir);
    children.push(server);
    const serverPort = Number((await waitForLine(server, /READY (\d+)/))[1]);
    console.log(
      `target HTTPS server on 127.0.0.1:${serverPort}; ${connections} keep-alive connections, ${seconds} s per target`,
    );

    const targets: { name: string; start: () => Promise<Target | null> }[] = [
      {
        name: 'direct',
        start: async () => ({ name: 'direct', pid: null, proxyPort: null, caPem: pki.caPem }),
      },
      {
        name: 'NetLab',
        start: async () => {
          const child = spawn(
            process.execPath,
            [
              ...(process.env.NETLAB_BENCH_NODE_ARGS?.split(' ') ?? []),
              '--import',
              'tsx',
              join(ROOT, 'src/main/cli.ts'),
              'proxy',
              '--port',
              '0',
              '--quiet',
              '--data-dir',
              join(dir, 'netlab'),
              '--upstream-ca',
              join(dir, 'lab-ca.pem'),
            ],
            { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
          );
          children.push(child);
          const port = Number((await waitForLine(child, /listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]);
          const caPem = readFileSync(join(dir, 'netlab', 'ca', 'netlab-ca.pem'), 'utf8');
          return { name: 'NetLab', pid: child.pid ?? null, proxyPort: port, caPem };
        },
      },
      {
        name: 'mitmproxy',
        start: async () => {
          const port = await freePort();
          const confdir = join(dir, 'mitm');
          mkdirSync(confdir, { recursive: true });
          const child = spawn(
            'mitmdump',
            [
              '-q',
              '--listen-host',
              '127.0.0.1',
              '--listen-port',
              String(port),
              '--set',
              `confdir=${confdir}`,
              '--set',
              `ssl_verify_upstream_trusted_ca=${join(dir, 'lab-ca.pem')}`,
            ],
            { stdio: ['ignore', 'pipe', 'pipe'] },
          );
          children.push(child);
          await waitForPort(port, child);
          return {
            name: 'mitmproxy',
            pid: child.pid ?? null,
            proxyPort: port,
            caPem: readFileSync(join(confdir, 'mitmproxy-ca-cert.pem'), 'utf8'),
          };
        },
      },
      {
        name: 'mockttp',
        start: async () => {
          const child = self('mockttp', '--dir', dir);
          children.push(child);
          const port = Number((await waitForLine(child, /READY (\d+)/))[1]);
          return {
            name: 'mockttp',
            pid: child.pid ?? null,
            proxyPort: port,
            caPem: readFileSync(join(dir, 'mockttp-ca.pem'), 'utf8'),
          };
        },
      },
    ];

    const only = values.only?.split(',');
    for (const t of targets.filter((x) => !only || only.includes(x.name))) {
      let target: Target | null = null;
      try {
        target = await t.start();
      } catch (error) {
        console.log(`${t.name}: could not start (${(error as Error).message.split('\n')[0]}); skipped`);
        continue;
      }
      if (!target) continue;
      const keepAlive = await measureKeepAlive(target, serverPort, connections, seconds);
      const newConnectionsPerSecond = await measureNewConnections(target, serverPort, Math.min(3, seconds));
      const single = await measureKeepAlive(target, serverPort, 1, Math.min(2, seconds));
      const result: Result = {
        name: t.name,
        ...keepAlive,
        newConnectionsPerSecond,
        singleConnectionP50Ms: single.p50Ms,
      };
      results.push(result);
      console.log(
        `${t.name.padEnd(10)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms  ` +
          `${result.newConnectionsPerSecond.toFixed(0)} new conn/s  1-conn p50 ${result.singleConnectionP50Ms.toFixed(2)} ms  ` +
          `${result.proxyCpuMsPerRequest === null ? '' : `proxy CPU ${result.proxyCpuMsPerRequest.toFixed(3)} ms/req  `}errors ${result.errors}`,
      );
      if (t.name !== 'direct') await stop(children.pop() ?? null);
    }

    const mint = measureMint(dir);
    console.log(
      `NetLab cold leaf mint: p50 ${mint.p50.toFixed(2)} ms, p95 ${mint.p95.toFixed(2)} ms wall, ` +
        `${mint.cpuP95.toFixed(2)} ms CPU (target ≤ 20 ms)`,
    );
    const by = (name: string) => results.find((r) => r.name === name);
    const netlab = by('NetLab');
    const ratios = {
      netlabVsMitmproxy:
        netlab && by('mitmproxy') ? netlab.requestsPerSecond / by('mitmproxy')!.requestsPerSecond : null,
      netlabVsMockttp:
        netlab && by('mockttp') ? netlab.requestsPerSecond / by('mockttp')!.requestsPerSecond : null,
      netlabShareOfDirect:
        netlab && by('direct') ? netlab.requestsPerSecond / by('direct')!.requestsPerSecond : null,
      netlabAddedP50Ms: netlab && by('direct') ? netlab.p50Ms - by('direct')!.p50Ms : null,
      netlabAddedP50MsSingleConnection:
        netlab && by('direct') ? netlab.singleConnectionP50Ms - by('direct')!.singleConnectionP50Ms : null,
      cpuPerRequestMitmproxyOverNetlab:
        netlab?.proxyCpuMsPerRequest && by('mitmproxy')?.proxyCpuMsPerRequest
          ? by('mitmproxy')!.proxyCpuMsPerRequest! / netlab.proxyCpuMsPerRequest
          : null,
      cpuPerRequestMockttpOverNetlab:
        netlab?.proxyCpuMsPerRequest && by('mockttp')?.proxyCpuMsPerRequest
          ? by('mockttp')!.proxyCpuMsPerRequest! / netlab.proxyCpuMsPerRequest
          : null,
    };
    console.log(
      `ratios: NetLab/mitmproxy ${fmt(ratios.netlabVsMitmproxy)}× (target ≥ 10×), NetLab/mockttp ${fmt(ratios.netlabVsMockttp)}× (target > 1×), ` +
        `NetLab/direct ${fmt(ratios.netlabShareOfDirect && ratios.netlabShareOfDirect * 100)}% (target ≥ 40%), ` +
        `added p50 ${fmt(ratios.netlabAddedP50Ms)} ms at ${connections} connections, ` +
        `${fmt(ratios.netlabAddedP50MsSingleConnection)} ms at 1 (target ≤ 1 ms); CPU per request: mitmproxy ` +
        `${fmt(ratios.cpuPerRequestMitmproxyOverNetlab)}× NetLab's, mockttp ${fmt(ratios.cpuPerRequestMockttpOverNetlab)}× NetLab's`,
    );
    console.log(
      `machine load average during the run: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
    );
    mkdirSync(dirname(values.json!), { recursive: true });
    writeFileSync(
      values.json!,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          connections,
          seconds,
          loadAverage: loadavg(),
          results,
          mint,
          ratios,
        },
        null,
        2,
      ),
    );
    console.log(`wrote ${values.json}`);
  } finally {
    for (const child of children.reverse()) await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

function fmt(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(2);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`port ${port} did not open`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
