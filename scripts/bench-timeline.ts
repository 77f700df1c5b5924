/**
 * `npm run bench:timeline`: how smooth the Capture & Timeline view stays on big sessions. Not a test:
 * the figures are for people.
 *
 * Makes two synthetic pcapng files (bench-output/, see bench-timeline-captures.ts): 100,000 short TCP
 * connections (7 segments each) and one connection of 100,000 segments (a lost segment, its
 * duplicate ACK and retransmission every 5,000 segments, an idle 1.5 s every 20,000). Starts
 * `node out/main/cli.js serve` with a temporary data dir, opens each file through the API
 * (`session.openPath`), drives Debian's Chromium with Playwright, and records 'longtask' entries
 * (PerformanceObserver) and frame times (requestAnimationFrame) while it
 *   1. wheel-scrolls the connection list, jumps through all of it, sorts it and jumps again,
 *   2. loads the 100k-segment ladder, wheel-pans it, jumps through it, zooms it and pans again.
 * BENCH_PROFILE=1 prints the functions with the most self time per phase; BENCH_SCREENSHOT=<prefix>
 * saves pictures of the ladder around the first lost segment.
 * Target: no long task over 50 ms while scrolling and panning. Needs `npm run build` first.
 */
import { chromium, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import {
  CONNECTIONS,
  SEGMENTS,
  manyConnections,
  oneLongConnection,
  writeCapture,
} from './bench-timeline-captures';

const ROOT = join(__dirname, '..');
const OUT_DIR = join(ROOT, 'bench-output');

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
    if (process.env.BENCH_SCREENSHOT) {
      // Around the first lost segment (segment ~5000 of 100,000).
      for (const [i, at] of [0.0495, 0.05, 0.0505].entries()) {
        await page.evaluate(
          `document.querySelector('.ladder-scroll').scrollTop = document.querySelector('.ladder-scroll').scrollHeight * ${at}`,
        );
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${process.env.BENCH_SCREENSHOT}-${i}.png` });
      }
    }
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
