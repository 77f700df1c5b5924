/**
 * `netlab proxy` and `netlab ca` as a user runs them: a separate process that prints one ready line,
 * logs each exchange, streams a 50 MB download with flat memory, and on SIGTERM writes a HAR
 * (TLS failures included) and exits 0.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../cli/command';
import { caCommand } from '../cli/commands/ca';
import { CertificateAuthority } from './ca/certificate-authority';
import { run } from './test-support/proxy-harness.test-support';
import { testPki } from './test-support/test-pki.test-support';
import {
  BIG_DOWNLOAD_BYTES,
  startHttpsServer,
  type RunningServer,
} from './test-support/test-servers.test-support';

const CLI = join(__dirname, '..', 'cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'netlab-cli-proxy-'));
const dataDir = join(dir, 'data');
let server: RunningServer;

function netlab(args: string[]): ChildProcessWithoutNullStreams {
  // A small young generation: by default V8 lets it grow to ~32 MB under a fast stream of
  // short-lived 64 KiB chunks, which would hide (or fake) the growth this test looks for.
  return spawn(process.execPath, ['--max-semi-space-size=2', '--import', 'tsx', CLI, ...args], {
    cwd: join(__dirname, '..', '..', '..'),
  });
}

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

beforeAll(async () => {
  const pki = testPki();
  server = await startHttpsServer(pki.serverKeyPem, pki.goodPem, false);
  writeFileSync(join(dir, 'lab-ca.pem'), pki.caPem);
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('netlab ca', () => {
  it('exports PEM, DER and PKCS#12 of the same CA and prints its fingerprint', async () => {
    const pem = join(dir, 'ca.pem');
    const der = join(dir, 'ca.cer');
    const p12 = join(dir, 'ca.p12');
    const printed: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((text) => {
      printed.push(String(text));
      return true;
    });
    try {
      for (const [format, out] of [
        ['pem', pem],
        ['der', der],
        ['p12', p12],
      ]) {
        const args = ['export', '--format', format, '--out', out, '--password', 'pw', '--data-dir', dataDir];
        expect(await caCommand.run(args)).toBe(0);
      }
      expect(await caCommand.run(['fingerprint', '--data-dir', dataDir])).toBe(0);
      await expect(
        caCommand.run(['export', '--format', 'jpg', '--out', pem, '--data-dir', dataDir]),
      ).rejects.toThrow(UsageError);
    } finally {
      spy.mockRestore();
    }
    const fromPem = new X509Certificate(readFileSync(pem));
    expect(new X509Certificate(readFileSync(der)).fingerprint256).toBe(fromPem.fingerprint256);
    const openssl = await run('openssl', ['pkcs12', '-in', p12, '-nokeys', '-passin', 'pass:pw']);
    expect(openssl.stdout).toContain('NetLab CA');
    expect(openssl.stdout).not.toContain('PRIVATE KEY');
    expect(printed.join('')).toContain(fromPem.fingerprint256);
  });
});

describe('netlab proxy', () => {
  it('serves, logs, streams 50 MB with flat memory and writes the HAR on SIGTERM', async () => {
    const har = join(dir, 'out.har');
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, CertificateAuthority.loadOrCreate(dataDir).certificatePem);
    const child = netlab([
      'proxy',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--har',
      har,
      '--upstream-ca',
      join(dir, 'lab-ca.pem'),
    ]);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stdout += d));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line: ${stdout}`)), 15_000);
      child.stdout.on('data', () => {
        const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
    });
    const proxyArgs = ['-sS', '-m', '30', '-x', `http://127.0.0.1:${port}`];
    const warm = await run('curl', [
      ...proxyArgs,
      '--cacert',
      caFile,
      `https://localhost:${server.port}/warm`,
    ]);
    expect(warm.stdout).toContain('GET /warm');

    const before = rssBytes(child.pid ?? 0);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(child.pid ?? 0))), 10);
    const big = await run('curl', [
      ...proxyArgs,
      '--cacert',
      caFile,
      '-o',
      '/dev/null',
      '-w',
      '%{size_download}',
      `https://localhost:${server.port}/big`,
    ]);
    clearInterval(sampler);
    expect(Number(big.stdout)).toBe(BIG_DOWNLOAD_BYTES);
    // 1 MiB is recorded; the other 49 MiB must only pass through.
    expect(peak - before).toBeLessThan(20 * 1024 * 1024);

    // A client without NetLab's CA refuses the certificate: a TLS failure the HAR must include.
    const refused = await run('curl', [...proxyArgs, `https://localhost:${server.port}/untrusted`]);
    expect(refused.code).toBe(60);
    await new Promise((r) => setTimeout(r, 300));

    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^200 GET https:\/\/localhost:\d+\/warm \d+ B \d+ ms HTTP\/2→HTTP\/1\.1$/m);
    expect(stdout).toMatch(
      /TLS failure \(client\) localhost:\d+: client-rejected-certificate alert unknown_ca\(48\)/,
    );
    const written = JSON.parse(readFileSync(har, 'utf8'));
    const urls = written.log.entries.map((e: { request: { url: string } }) => e.request.url);
    expect(urls).toContain(`https://localhost:${server.port}/big`);
    expect(
      written.log.entries.some(
        (e: { _netlabTlsFailure?: { cause: string } }) =>
          e._netlabTlsFailure?.cause === 'client-rejected-certificate',
      ),
    ).toBe(true);
  });
});
