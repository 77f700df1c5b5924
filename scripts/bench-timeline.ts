/**
 * `npm run bench:timeline`: how smooth the Capture & Timeline view stays on big sessions. Not a test:
 * the figures are for people.
 *
 * Makes two synthetic pcapng files (bench-output/): 100,000 short TCP connections (7 segments each)
 * and one connection of 100,000 segments (with a retransmission and duplicate ACKs now and then).
 * Starts `node out/main/cli.js serve` with a temporary data dir, opens each file through the API
 * (`session.openPath`), drives Debian's Chromium with Playwright, and records 'longtask' entries
 * (PerformanceObserver) and frame times (requestAnimationFrame) while it
 *   1. scrolls the connection list from top to bottom and back in big jumps,
 *   2. loads the 100k-segment ladder, then pans it top to bottom and zooms it.
 * Target: no long task over 50 ms while scrolling and panning. Needs `npm run build` first.
 */
import { chromium, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { writePcapngBuffer } from '../src/main/capture/files';
import type { RawFrame } from '../src/shared/model/packet';

const ROOT = join(__dirname, '..');
const OUT_DIR = join(ROOT, 'bench-output');
const CONNECTIONS = 100_000;
const SEGMENTS = 100_000;

// ---- synthetic capture files -------------------------------------------------------------------

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
  const options = s.flags & SYN ? [2, 4, 0x05, 0xb4, 4, 2, 3, 3, 7, 0] : [];
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

function writeCapture(file: string, segments: Iterable<Seg>): void {
  const frames = (function* () {
    for (const s of segments) yield frame(s);
  })();
  writeFileSync(file, writePcapngBuffer({ interfaces: [{ linkType: 1, snapLength: 65535 }] }, frames));
}

const T0 = 1_700_000_000;

/** 100k connections: handshake, one request, four-segment close, 1 ms apart. */
function* manyConnections(): Generator<Seg> {
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

/** One connection of 100k segments: data one way, ACKs back, a lost segment every 5000. */
function* oneLongConnection(): Generator<Seg> {
  const client: [number, number] = [0x0a000001, 40000];
  const server: [number, number] = [0x0a000002, 443];
  let t = T0;
  yield { t, src: client, dst: server, seq: 100, ack: 0, flags: SYN, len: 0 };
  yield { t: (t += 0.0001), src: server, dst: client, seq: 900, ack: 101, flags: SYN | ACK, len: 0 };
  yield { t: (t += 0.0001), src: client, dst: server, seq: 101, ack: 901, flags: ACK, len: 0 };
  let seq = 101;
  let count = 3;
  while (count < SEGMENTS) {
    const lose = count % 5000 === 0;
    // Every 20,000 segments an idle second: the ladder draws a break mark.
    t += count % 20_000 === 0 ? 1.5 : 0.0001;
    if (!lose) yield { t, src: client, dst: server, seq, ack: 901, flags: PSH | ACK, len: 100 };
    seq += 100;
    yield {
      t: (t += 0.00005),
      src: server,
      dst: client,
      seq: 901,
      ack: lose ? seq - 100 : seq,
      flags: ACK,
      len: 0,
    };
    count += lose ? 1 : 2;
    if (lose) {
      yield {
        t: (t += 0.0002),
        src: client,
        dst: server,
        seq: seq - 100,
        ack: 901,
        flags: PSH | ACK,
        len: 100,
      };
      count++;
    }
  }
}

// ---- NetLab server and API ---------------------------------------------------------------------

async function startServe(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'out/main/cli.js'), 'serve', '--no-open', '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += String(d);
      const m = /NetLab is running at (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`netlab serve exited with ${code}`)));
  });
  return { child, url };
}

function apiClient(url: string) {
  const u = new URL(url);
  const token = new URLSearchParams(u.hash.slice(1)).get('token');
  const ws = new WebSocket(`ws://${u.host}/api?token=${token}`, { origin: u.origin });
  let id = 0;
  const waiting = new Map<number, (m: { ok: boolean; result?: unknown; error?: unknown }) => void>();
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as {
      t: string;
      id: number;
      ok: boolean;
      result?: unknown;
      error?: unknown;
    };
    if (m.t === 'res') waiting.get(m.id)?.(m);
  });
  const opened = new Promise((resolve) => ws.once('open', resolve));
  return {
    async call<T>(method: string, input: unknown): Promise<T> {
      await opened;
      const n = ++id;
      const answer = await new Promise<{ ok: boolean; result?: unknown; error?: unknown }>((resolve) => {
        waiting.set(n, resolve);
        ws.send(JSON.stringify({ t: 'req', id: n, method, input }));
      });
      if (!answer.ok) throw new Error(`${method}: ${JSON.stringify(answer.error)}`);
      return answer.result as T;
    },
    close: () => ws.close(),
  };
}

async function openCapture(
  api: ReturnType<typeof apiClient>,
  file: string,
  packets: number,
): Promise<number> {
  const start = Date.now();
  await api.call('session.openPath', { path: file });
  for (;;) {
    const info = await api.call<{ packetCount: number }>('session.info', {});
    if (info.packetCount >= packets) return (Date.now() - start) / 1000;
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ---- measuring in the page ---------------------------------------------------------------------

/** Installed before the app loads: collects long tasks and frame gaps of the current phase. */
const PROBE = `
  window.__bench = { longTasks: [], frames: [], last: 0, on: false };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (window.__bench.on) window.__bench.longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: false });
  const tick = (t) => {
    const b = window.__bench;
    if (b.on && b.last) b.frames.push(t - b.last);
    b.last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
`;

interface Phase {
  name: string;
  longTasks: number[];
  frames: number[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** BENCH_PROFILE=1: the functions with the most self time during a phase (CDP profiler). */
async function withProfile(page: Page, name: string, action: () => Promise<void>): Promise<void> {
  if (!process.env.BENCH_PROFILE) return action();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  await action();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  console.log(`profile of "${name}" (self time, ms):`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(`  ${ms.toFixed(0).padStart(6)}  ${key}`);
}

async function measure(page: Page, name: string, action: () => Promise<void>): Promise<Phase> {
  await page.evaluate(() => {
    const b = (
      window as unknown as { __bench: { longTasks: number[]; frames: number[]; on: boolean; last: number } }
    ).__bench;
    b.longTasks = [];
    b.frames = [];
    b.last = 0;
    b.on = true;
  });
  await withProfile(page, name, action);
  const result = await page.evaluate(() => {
    const b = (window as unknown as { __bench: { longTasks: number[]; frames: number[]; on: boolean } })
      .__bench;
    b.on = false;
    return { longTasks: b.longTasks, frames: b.frames };
  });
  return { name, ...result };
}

/**
 * Scrolls an element through its whole height in `steps` frames, back in bigger jumps, then
 * wheel-sized steps. A string, not a function: tsx would wrap inner functions in a helper that
 * does not exist in the page.
 */
const SWEEP = `async ({ selector, steps, wheel }) => {
  const el = document.querySelector(selector);
  if (!el) throw new Error(selector + ' not found');
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const max = el.scrollHeight - el.clientHeight;
  if (wheel) {
    el.scrollTop = max / 2;
    await frame();
    for (let i = 0; i < steps; i++) { el.scrollTop += 100; await frame(); }
    return;
  }
  for (let i = 0; i <= steps; i++) { el.scrollTop = (max * i) / steps; await frame(); }
  for (let i = steps; i >= 0; i -= 4) { el.scrollTop = (max * i) / steps; await frame(); }
}`;

/** Drag-the-scrollbar jumps across the whole height (every frame shows all-new rows). */
async function sweep(page: Page, selector: string, steps: number): Promise<void> {
  await page.evaluate(`(${SWEEP})(${JSON.stringify({ selector, steps, wheel: false })})`);
}

/** Wheel-sized steps of 100 px per frame: how reading a long list or ladder feels. */
async function wheel(page: Page, selector: string, steps: number): Promise<void> {
  await page.evaluate(`(${SWEEP})(${JSON.stringify({ selector, steps, wheel: true })})`);
}

function report(phase: Phase): void {
  const frames = [...phase.frames].sort((a, b) => a - b);
  const pct = (p: number) => frames[Math.min(frames.length - 1, Math.floor(frames.length * p))] ?? 0;
  const max = Math.max(0, ...phase.longTasks);
  const over50 = phase.longTasks.filter((d) => d > 50).length;
  console.log(
    `${phase.name.padEnd(44)} frames ${String(frames.length).padStart(5)}  median ${pct(0.5).toFixed(1)} ms  p95 ${pct(0.95).toFixed(1)} ms  max ${pct(1).toFixed(1)} ms | long tasks ${phase.longTasks.length} (max ${max.toFixed(0)} ms, >50 ms: ${over50})`,
  );
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'out/main/cli.js'))) throw new Error('Run `npm run build` first.');
  mkdirSync(OUT_DIR, { recursive: true });
  const manyFile = join(OUT_DIR, `timeline-${CONNECTIONS}-connections.pcapng`);
  const longFile = join(OUT_DIR, `timeline-${SEGMENTS}-segment-connection.pcapng`);
  console.log(
    `load average at the start: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} CPUs`,
  );
  console.log('writing synthetic captures...');
  if (!existsSync(manyFile)) writeCapture(manyFile, manyConnections());
  if (!existsSync(longFile)) writeCapture(longFile, oneLongConnection());

  const dataDir = mkdtempSync(join(tmpdir(), 'netlab-bench-timeline-'));
  const { child, url } = await startServe(dataDir);
  const api = apiClient(url);
  const browser = await chromium.launch({
    executablePath: process.env.NETLAB_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const phases: Phase[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.addInitScript(PROBE);
    await page.goto(url);
    await page.getByTestId('view-capture').waitFor();

    const importSeconds = await openCapture(api, manyFile, CONNECTIONS * 7);
    console.log(
      `opened ${CONNECTIONS} connections (${CONNECTIONS * 7} packets) in ${importSeconds.toFixed(1)} s`,
    );
    await page
      .getByTestId('connection-count')
      .filter({ hasText: String(CONNECTIONS).slice(0, 3) })
      .waitFor();
    phases.push(
      await measure(page, 'connection list: wheel scroll (100 px/frame)', () =>
        wheel(page, '.connection-scroll', 300),
      ),
    );
    phases.push(
      await measure(page, 'connection list: jump through 100k rows', () =>
        sweep(page, '.connection-scroll', 300),
      ),
    );
    phases.push(
      await measure(page, 'connection list: sort by bytes, sweep', async () => {
        await page.getByTestId('connection-sort-bytes').click();
        await sweep(page, '.connection-scroll', 150);
      }),
    );

    const longImport = await openCapture(api, longFile, SEGMENTS - 10);
    console.log(`opened one ${SEGMENTS}-segment connection in ${longImport.toFixed(1)} s`);
    await page.getByTestId('connection-row').first().waitFor();
    let loadSeconds = 0;
    phases.push(
      await measure(page, 'ladder: load 100k segments (2000, then 25000/page)', async () => {
        const start = Date.now();
        await page.getByTestId('connection-row').first().click();
        await page.getByTestId('ladder-segment').first().waitFor();
        await page.waitForFunction(
          () => !document.querySelector('[data-testid="timeline"] .pane-empty'),
          null,
          {
            timeout: 120_000,
          },
        );
        loadSeconds = (Date.now() - start) / 1000;
      }),
    );
    console.log(`ladder loaded in ${loadSeconds.toFixed(1)} s`);
    await page.getByTestId('ladder-follow').uncheck();
    phases.push(
      await measure(page, 'ladder: wheel pan (100 px/frame)', () => wheel(page, '.ladder-scroll', 400)),
    );
    phases.push(
      await measure(page, 'ladder: jump through 100k segments', () => sweep(page, '.ladder-scroll', 400)),
    );
    phases.push(
      await measure(page, 'ladder: zoom in x4 (relayout 100k rows), pan', async () => {
        await page.getByTestId('ladder-zoom-in').click();
        await page.getByTestId('ladder-zoom-in').click();
        await sweep(page, '.ladder-scroll', 200);
      }),
    );
    const drawn = await page.getByTestId('ladder-segment').count();
    console.log(`segments in the DOM at once: ${drawn}`);
  } finally {
    await browser.close();
    api.close();
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log('\nCapture & Timeline view (Chromium, --disable-gpu); target: no long task over 50 ms');
  console.log(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} CPUs`,
  );
  for (const phase of phases) report(phase);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
