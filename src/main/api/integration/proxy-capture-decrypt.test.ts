/**
 * The whole chain the notes promise: NetLab captures the client leg of an HTTPS exchange that goes
 * through its own proxy, saves the capture as pcapng, and Wireshark (tshark) decrypts it from the
 * TLS secrets NetLab embedded as a Decryption Secrets Block, with no key log file given.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../backend';
import { eventually, run } from '../../proxy/test-support/proxy-harness.test-support';
import { startHttpsServer, type RunningServer } from '../../proxy/test-support/test-servers.test-support';
import { testPki } from '../../proxy/test-support/test-pki.test-support';
import type { MethodName } from '../../../shared/api/contract';

let dir: string;
let backend: Backend;
let server: RunningServer;

async function call<T>(method: MethodName, input: unknown): Promise<T> {
  const r = await backend.router.call(method, input, { transport: 'websocket' });
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.result as T;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netlab-decrypt-'));
  backend = createBackend({ version: 'test', dataDir: join(dir, 'data') });
  const pki = testPki();
  server = await startHttpsServer(pki.serverKeyPem, pki.goodPem, false);
});

afterAll(async () => {
  await backend?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('capture through the proxy, save, decrypt in tshark', () => {
  it('tshark reads the decrypted HTTP request from the saved pcapng alone', async () => {
    const status = await call<{ port: number }>('proxy.start', {
      port: 0,
      insecureUpstreamHosts: ['127.0.0.1'],
    });
    const proxyPort = status.port;
    await call('capture.start', { interface: 'lo', filter: `tcp port ${proxyPort}` });
    await eventually(() => backend.context.capture.status().state === 'running', 10_000);

    const caFile = join(dir, 'ca.pem');
    const ca = await call<{ bytes: Uint8Array }>('proxy.ca.export', { format: 'pem' });
    writeFileSync(caFile, ca.bytes);
    const url = `https://127.0.0.1:${server.port}/netlab-decrypt-check`;
    const result = await run('curl', [
      '-sS',
      '-m',
      '15',
      '--http1.1',
      '-x',
      `http://127.0.0.1:${proxyPort}`,
      '--cacert',
      caFile,
      url,
    ]);
    expect(result.code, result.stderr).toBe(0);

    // Let the last segments reach the session, then stop.
    await new Promise((r) => setTimeout(r, 500));
    await call('capture.stop', {});
    const info = await call<{ packetCount: number; tlsSecretLines: number }>('session.info', {});
    expect(info.packetCount).toBeGreaterThan(8);
    expect(info.tlsSecretLines).toBeGreaterThan(0);

    const out = join(dir, 'through-proxy.pcapng');
    await call('session.savePcapng', { path: out });
    const decrypted = execFileSync(
      'tshark',
      [
        '-r',
        out,
        '-o',
        `tcp.try_heuristic_first:TRUE`,
        '-d',
        `tcp.port==${proxyPort},http`,
        '-Y',
        'http.request',
        '-T',
        'fields',
        '-e',
        'http.request.uri',
      ],
      { encoding: 'utf8' },
    );
    expect(decrypted).toContain('/netlab-decrypt-check');

    // Without the embedded secrets the same bytes stay opaque: strip the DSB with editcap.
    const stripped = join(dir, 'stripped.pcapng');
    await run('editcap', ['--discard-all-secrets', out, stripped]);
    const opaque = execFileSync(
      'tshark',
      [
        '-r',
        stripped,
        '-d',
        `tcp.port==${proxyPort},http`,
        '-Y',
        'http.request.uri contains "netlab-decrypt-check"',
      ],
      { encoding: 'utf8' },
    );
    expect(opaque.trim()).toBe('');
  });
});
