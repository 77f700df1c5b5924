/**
 * Hostile or broken input on either side: each gets the right status and an explanatory page, is
 * recorded, and the proxy keeps serving the next client with nothing already recorded lost.
 */
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curl, eventually, startProxy, type Harness } from '../test-support/proxy-harness.test-support';
import { testPki } from '../test-support/test-pki.test-support';
import {
  startHttpServer,
  startHttpsServer,
  startSilentServer,
  type RunningServer,
} from '../test-support/test-servers.test-support';

let h: Harness;
let plain: RunningServer;
let silent: RunningServer;
const upstreams: Record<string, RunningServer> = {};

beforeAll(async () => {
  const pki = testPki();
  [h, plain, silent] = await Promise.all([
    startProxy({ headersTimeoutMs: 800, maxHeaderBytes: 4096, upstreamResponseTimeoutMs: 800 }),
    startHttpServer(),
    startSilentServer(),
  ]);
  const certs = {
    expired: pki.expiredPem,
    wrongHost: pki.wrongHostPem,
    selfSigned: pki.selfSignedPem,
    unknownIssuer: pki.unknownIssuerPem,
  };
  for (const [name, pem] of Object.entries(certs))
    upstreams[name] = await startHttpsServer(pki.serverKeyPem, pem);
});

afterAll(async () => {
  await Promise.all([
    h?.close(),
    plain?.close(),
    silent?.close(),
    ...Object.values(upstreams).map((s) => s.close()),
  ]);
});

/** Sends raw bytes to the proxy and returns everything it answers until it closes. */
function rawExchange(bytes: string | Buffer, waitMs = 3000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(h.port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (d) => (answer += d.toString('latin1')));
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.on('error', () => undefined);
  });
}

async function expectStillServing(): Promise<void> {
  const before = h.proxy.store.size;
  const r = await curl(h, `http://127.0.0.1:${plain.port}/still-alive`);
  expect(r.stdout).toBe('GET /still-alive over HTTP/1.1 body=');
  expect(h.proxy.store.size).toBeGreaterThan(before);
}

describe('bad client input', () => {
  it('answers a malformed request line with 400', async () => {
    const answer = await rawExchange('GET\u0001 nonsense\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('malformed');
    await expectStillServing();
  });

  it('answers an oversized head with 431', async () => {
    const answer = await rawExchange(
      `GET http://127.0.0.1:${plain.port}/ HTTP/1.1\r\nHost: x\r\nCookie: ${'a'.repeat(8000)}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    await expectStillServing();
  });

  it('rejects Content-Length together with Transfer-Encoding (request smuggling) with 400', async () => {
    const answer = await rawExchange(
      `POST http://127.0.0.1:${plain.port}/ HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('request smuggling');
    const recorded = h.proxy.store.all().find((e) => e.error?.kind === 'request-smuggling');
    expect(recorded?.error?.answeredStatus).toBe(400);
    await expectStillServing();
  });

  it('times out a client that sends its head too slowly', async () => {
    const started = Date.now();
    const answer = await rawExchange(`GET http://127.0.0.1:${plain.port}/ HTTP/1.1\r\nHost: x\r\n`, 5000);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(Date.now() - started).toBeLessThan(4000);
    await expectStillServing();
  });

  it('times out a slow client inside an intercepted TLS tunnel too', async () => {
    const socket = net.connect(h.port, '127.0.0.1');
    socket.write('CONNECT localhost:443 HTTP/1.1\r\nHost: localhost:443\r\n\r\n');
    await new Promise((resolve) => socket.once('data', resolve));
    const secure = tls.connect({ socket, servername: 'localhost', ca: h.proxy.ca().certificatePem });
    await new Promise((resolve) => secure.once('secureConnect', resolve));
    const started = Date.now();
    secure.write('GET /slow HTTP/1.1\r\nHost: localhost\r\n');
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      secure.on('data', (d) => (text += d));
      secure.on('close', () => resolve(text));
      secure.on('error', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('closes a tunnel that carries garbage instead of a ClientHello and records it', async () => {
    const answer = await rawExchange(
      Buffer.concat([Buffer.from('CONNECT localhost:443 HTTP/1.1\r\n\r\n'), Buffer.from([0xff, 0, 1, 2, 3])]),
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    const failure = await eventually(() =>
      h.proxy.store.tlsFailures().find((f) => f.cause === 'client-not-tls'),
    );
    expect(failure.message).toContain('ff00010203');
    expect(h.log.some((line) => line.includes('neither TLS nor HTTP'))).toBe(true);
    await expectStillServing();
  });
});

describe('upstream failures', () => {
  it('answers a refused connection with 502 and an explanation', async () => {
    const closed = await startSilentServer();
    const port = closed.port;
    await closed.close();
    const r = await curl(h, `http://127.0.0.1:${port}/`, ['-w', '\n%{http_code}']);
    expect(r.stdout.trim().endsWith('502')).toBe(true);
    expect(r.stdout).toContain('refused the connection');
    await expectStillServing();
  });

  it('answers a server that never responds with 504', async () => {
    const r = await curl(h, `http://127.0.0.1:${silent.port}/`, ['-w', '\n%{http_code}']);
    expect(r.stdout.trim().endsWith('504')).toBe(true);
    expect(r.stdout).toContain('did not answer in time');
    await expectStillServing();
  });

  it.each([
    ['expired', 'expired', 'CERT_HAS_EXPIRED'],
    ['wrongHost', 'hostname-mismatch', 'ERR_TLS_CERT_ALTNAME_INVALID'],
    ['selfSigned', 'self-signed', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    ['unknownIssuer', 'unknown-issuer', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
  ])('refuses a %s server certificate with 502 and records a TLS failure', async (name, problem, code) => {
    const port = upstreams[name].port;
    const r = await curl(h, `https://localhost:${port}/`, ['-w', '\n%{http_code}']);
    expect(r.stdout.trim().endsWith('502')).toBe(true);
    expect(r.stdout).toContain('certificate was not accepted');
    const failure = await eventually(() =>
      h.proxy.store.tlsFailures().find((f) => f.side === 'upstream' && f.port === port),
    );
    expect(failure.upstreamProblem).toBe(problem);
    expect(failure.errorCode).toBe(code);
    expect(failure.cause).toBe('upstream-certificate-invalid');
  });

  it('connects anyway to a host on the insecure list, and still shows that verification failed', async () => {
    h.proxy.updateSettings({ insecureUpstreamHosts: ['localhost'] });
    try {
      const r = await curl(h, `https://localhost:${upstreams.selfSigned.port}/insecure-ok`);
      expect(r.stdout).toContain('GET /insecure-ok');
      const e = await eventually(() =>
        h.proxy.store.all().find((x) => x.start.path === '/insecure-ok' && x.state === 'complete'),
      );
      expect(e.serverTls?.verified).toBe(false);
      expect(e.serverTls?.verifyError).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    } finally {
      h.proxy.updateSettings({ insecureUpstreamHosts: [] });
    }
  });
});
