/**
 * Why some apps cannot be captured: a client that pins the real server's public key refuses
 * NetLab's forged certificate even though it trusts NetLab's CA, and a client that does not trust
 * the CA refuses it with an unknown_ca alert. NetLab records both with the explanation and both pins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPin, spkiSha256 } from '../ca/describe-certificate';
import { curl, eventually, run, startProxy, type Harness } from '../test-support/proxy-harness.test-support';
import { testPki } from '../test-support/test-pki.test-support';
import { startHttpsServer, type RunningServer } from '../test-support/test-servers.test-support';
import { X509Certificate } from 'node:crypto';

let h: Harness;
let server: RunningServer;
let realPin: string;

beforeAll(async () => {
  const pki = testPki();
  [h, server] = await Promise.all([startProxy(), startHttpsServer(pki.serverKeyPem, pki.goodPem)]);
  realPin = formatPin(spkiSha256(new X509Certificate(pki.goodPem).publicKey));
});

afterAll(async () => {
  await Promise.all([h?.close(), server?.close()]);
});

describe('certificate pinning through the proxy', () => {
  it('the same request succeeds without the pin, so the pin alone makes the difference', async () => {
    const r = await curl(h, `https://localhost:${server.port}/unpinned`);
    expect(r.stdout).toContain('GET /unpinned');
  });

  it('curl pinning the real public key refuses NetLab and NetLab explains it with both pins', async () => {
    const r = await curl(h, `https://localhost:${server.port}/pinned`, ['--pinnedpubkey', realPin]);
    // 90: SSL public key does not match pinned public key.
    expect(r.code).toBe(90);
    const failure = await eventually(() =>
      h.proxy.store.tlsFailures().find((f) => f.cause === 'client-closed-after-handshake'),
    );
    expect(failure.side).toBe('client');
    expect(failure.host).toBe('localhost');
    expect(failure.possibleReasons).toEqual(['certificate-pinned', 'ca-not-trusted']);
    expect(failure.realSpkiPin).toBe(realPin);
    expect(failure.forgedSpkiPin).toMatch(/^sha256\/\/[A-Za-z0-9+/]{43}=$/);
    expect(failure.forgedSpkiPin).not.toBe(realPin);
    expect(failure.realCertificate?.issuer).toContain('NetLab Test Lab CA');
    expect(failure.forgedCertificate?.issuer).toContain('NetLab CA');
    // No HTTP exchange happened for the pinned attempt.
    expect(h.proxy.store.all().some((e) => e.start.path === '/pinned')).toBe(false);
  });

  it('a client that does not trust NetLab\u2019s CA sends unknown_ca, recorded with the same explanation', async () => {
    const r = await run('curl', [
      '-sS',
      '-m',
      '10',
      '-x',
      `http://127.0.0.1:${h.port}`,
      `https://localhost:${server.port}/`,
    ]);
    expect(r.code).toBe(60);
    const failure = await eventually(() =>
      h.proxy.store.tlsFailures().find((f) => f.cause === 'client-rejected-certificate'),
    );
    expect(failure.alert).toEqual({ code: 48, name: 'unknown_ca' });
    expect(failure.errorCode).toBe('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA');
    expect(failure.possibleReasons).toEqual(['ca-not-trusted', 'certificate-pinned']);
    expect(failure.realSpkiPin).toBe(realPin);
  });
});
