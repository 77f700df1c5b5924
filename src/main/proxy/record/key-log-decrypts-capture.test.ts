/**
 * The key log NetLab writes holds the secrets of BOTH TLS legs, in the NSS format Wireshark reads:
 * with it, tshark decrypts a real tcpdump capture of the client↔proxy leg and sees the HTTP inside.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curl, run, startProxy, type Harness } from '../test-support/proxy-harness.test-support';
import { testPki } from '../test-support/test-pki.test-support';
import { startHttpsServer, type RunningServer } from '../test-support/test-servers.test-support';

let h: Harness;
let server: RunningServer;
let keyLogFile: string;

beforeAll(async () => {
  const pki = testPki();
  server = await startHttpsServer(pki.serverKeyPem, pki.goodPem);
  h = await startProxy();
  keyLogFile = join(h.dir, 'keys.log');
  h.proxy.updateSettings({ keyLogPath: keyLogFile });
});

afterAll(async () => {
  await Promise.all([h?.close(), server?.close()]);
});

async function capture(file: string, port: number, during: () => Promise<void>): Promise<void> {
  const tcpdump = spawn(
    'tcpdump',
    ['-i', 'lo', '-U', '--immediate-mode', '-n', '-w', file, `tcp port ${port}`],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('tcpdump did not start')), 10_000);
    tcpdump.stderr.on('data', (d: Buffer) => {
      if (d.toString().includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  try {
    await during();
  } finally {
    await new Promise((r) => setTimeout(r, 200));
    tcpdump.kill('SIGINT');
    await new Promise((resolve) => tcpdump.on('close', resolve));
  }
}

describe('TLS key log', () => {
  it('has secrets for both legs and lets tshark decrypt the client leg of a capture', async () => {
    const pcap = join(h.dir, 'client-leg.pcap');
    await capture(pcap, h.port, async () => {
      const r = await curl(h, `https://localhost:${server.port}/decrypt-me`, ['--http1.1']);
      expect(r.stdout).toContain('GET /decrypt-me');
    });

    const log = h.proxy.getKeyLog();
    const lines = log.trim().split('\n');
    expect(lines.every((l) => /^[A-Z0-9_]+ [0-9a-f]{64} [0-9a-f]+$/.test(l))).toBe(true);
    // TLS 1.3 writes five secrets per session; two sessions (client leg, server leg) → two client randoms.
    const randoms = new Set(
      lines.filter((l) => l.startsWith('CLIENT_HANDSHAKE_TRAFFIC_SECRET')).map((l) => l.split(' ')[1]),
    );
    expect(randoms.size).toBeGreaterThanOrEqual(2);
    expect(lines.some((l) => l.startsWith('CLIENT_TRAFFIC_SECRET_0'))).toBe(true);
    await h.proxy.keyLog.close();
    expect(readFileSync(keyLogFile, 'utf8')).toBe(log);

    const tshark = await run('tshark', [
      '-r',
      pcap,
      '-o',
      `tls.keylog_file:${keyLogFile}`,
      '-Y',
      'http.request.uri == "/decrypt-me" || http.response.code == 200',
      '-T',
      'fields',
      '-e',
      'http.request.uri',
      '-e',
      'http.response.code',
    ]);
    expect(tshark.stderr).not.toMatch(/error/i);
    expect(tshark.stdout).toContain('/decrypt-me');

    // Without the key log, the request stays hidden inside TLS.
    const blind = await run('tshark', [
      '-r',
      pcap,
      '-Y',
      'http.request.uri == "/decrypt-me"',
      '-T',
      'fields',
      '-e',
      'http.request.uri',
    ]);
    expect(blind.stdout.trim()).toBe('');
  });
});
