/** Starts a NetLab proxy for a test in a temporary data folder, trusting the test lab CA upstream. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProxySettings } from '../../../shared/model/proxy';
import { ProxyService } from '../proxy-service';
import { testPki } from './test-pki.test-support';

export interface Harness {
  proxy: ProxyService;
  port: number;
  dir: string;
  /** NetLab's CA certificate written to a file, for curl --cacert. */
  caFile: string;
  log: string[];
  close(): Promise<void>;
}

export async function startProxy(settings: Partial<ProxySettings> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'netlab-proxy-test-'));
  const log: string[] = [];
  const proxy = new ProxyService({
    dataDir: join(dir, 'data'),
    settings: { port: 0, ...settings },
    extraUpstreamCaPems: [testPki().caPem],
    log: (line) => log.push(line),
  });
  const status = await proxy.start();
  const caFile = join(dir, 'netlab-ca.pem');
  writeFileSync(caFile, proxy.ca().certificatePem);
  return {
    proxy,
    port: status.port ?? 0,
    dir,
    caFile,
    log,
    close: async () => {
      await proxy.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], timeoutMs = 20_000): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** curl through the proxy, trusting NetLab's CA. */
export function curl(h: Harness, url: string, extra: string[] = []): Promise<CommandResult> {
  return run('curl', [
    '-sS',
    '-m',
    '15',
    '-x',
    `http://127.0.0.1:${h.port}`,
    '--cacert',
    h.caFile,
    ...extra,
    url,
  ]);
}

/** Waits until `check` passes (records are written asynchronously, e.g. after a real-cert fetch). */
export async function eventually<T>(check: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
