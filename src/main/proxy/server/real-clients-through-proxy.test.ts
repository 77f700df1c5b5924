/**
 * Real clients (curl, Node's https, openssl s_client, a WebSocket client) through the real proxy to
 * local servers that use their own lab CA. Asserts what a learner would see: correct bodies, both
 * legs' protocols, recorded exchanges and decoded bodies. (The 50 MB download runs in cli-proxy.test.ts,
 * where the proxy has its own process and its memory can be measured alone.)
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { exchangeBodies } from '../record/exchange-bodies';
import { curl, eventually, run, startProxy, type Harness } from '../test-support/proxy-harness.test-support';
import { testPki } from '../test-support/test-pki.test-support';
import {
  startHttpServer,
  startHttpsServer,
  type RunningServer,
} from '../test-support/test-servers.test-support';

let h: Harness;
let h2Server: RunningServer;
let h1Server: RunningServer;
let plain: RunningServer;

beforeAll(async () => {
  const pki = testPki();
  [h, h2Server, h1Server, plain] = await Promise.all([
    startProxy(),
    startHttpsServer(pki.serverKeyPem, pki.goodPem, true),
    startHttpsServer(pki.serverKeyPem, pki.goodPem, false),
    startHttpServer(),
  ]);
});

afterAll(async () => {
  await Promise.all([h?.close(), h2Server?.close(), h1Server?.close(), plain?.close()]);
});

function lastExchangeFor(path: string) {
  return eventually(() =>
    h.proxy.store
      .all()
      .reverse()
      .find((e) => e.start.path === path && e.state !== 'pending'),
  );
}

describe('curl through NetLab trusting the exported CA', () => {
  it('gets a gzip body over HTTP/1.1 and records it decoded', async () => {
    const r = await curl(h, `https://localhost:${h2Server.port}/gzip`, ['--http1.1', '--compressed']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('hello through gzip');
    const e = await lastExchangeFor('/gzip');
    expect(e.start.clientHttpVersion).toBe('HTTP/1.1');
    expect(e.upstreamHttpVersion).toBe('HTTP/2');
    const bodies = exchangeBodies(e);
    expect(bodies.responseDecodeState).toBe('decoded');
    expect(Buffer.from(bodies.responseDecoded ?? []).toString()).toBe('hello through gzip');
    // Both TLS legs are described, with the forged leaf on the client side and the real one upstream.
    const d = e.detail();
    expect(d.clientTls?.certificates[0].issuer).toContain('NetLab CA');
    expect(d.serverTls?.certificates[0].issuer).toContain('NetLab Test Lab CA');
    expect(d.serverTls?.verified).toBe(true);
    expect(d.clientTls?.certificates[0].spkiSha256).not.toBe(d.serverTls?.certificates[0].spkiSha256);
  });

  it('gets a brotli body over HTTP/2 on both legs', async () => {
    const r = await curl(h, `https://localhost:${h2Server.port}/br`, ['--http2', '--compressed']);
    expect(JSON.parse(r.stdout)).toEqual({ hello: 'through brotli' });
    const e = await lastExchangeFor('/br');
    expect(e.start.clientHttpVersion).toBe('HTTP/2');
    expect(e.detail().clientTls?.alpn).toBe('h2');
    expect(Buffer.from(exchangeBodies(e).responseDecoded ?? []).toString()).toContain('through brotli');
  });

  it('relays a chunked response from an HTTP/1.1-only server and posts a body', async () => {
    const chunked = await curl(h, `https://localhost:${h1Server.port}/chunked`, ['--http1.1']);
    expect(chunked.stdout).toBe('first,second');
    const post = await curl(h, `https://localhost:${h1Server.port}/echo`, ['--http2', '-d', 'ping=1']);
    expect(post.stdout).toBe('POST /echo over HTTP/1.1 body=ping=1');
    const e = await lastExchangeFor('/echo');
    expect(e.upstreamHttpVersion).toBe('HTTP/1.1');
    expect(e.requestBody.bytes().toString()).toBe('ping=1');
  });

  it('forwards plain HTTP (absolute-form) and an IP-address HTTPS target without SNI', async () => {
    const r = await run('curl', [
      '-sS',
      '-x',
      `http://127.0.0.1:${h.port}`,
      `http://127.0.0.1:${plain.port}/plain`,
    ]);
    expect(r.stdout).toBe('GET /plain over HTTP/1.1 body=');
    const ip = await curl(h, `https://127.0.0.1:${h2Server.port}/by-ip`);
    expect(ip.stdout).toContain('GET /by-ip');
    const e = await lastExchangeFor('/by-ip');
    expect(e.detail().clientTls?.certificates[0].subjectAltNames).toEqual(['IP Address:127.0.0.1']);
  });
});

/** Opens a CONNECT tunnel through the proxy. */
function connectTunnel(port: number, target: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(h.port, '127.0.0.1', () =>
      socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`),
    );
    socket.once('data', (d) =>
      d.toString().startsWith('HTTP/1.1 200') ? resolve(socket) : reject(new Error(d.toString())),
    );
    socket.once('error', reject);
    void port;
  });
}

describe('other real clients', () => {
  it("Node's https client over a CONNECT tunnel", async () => {
    const tunnel = await connectTunnel(h.port, `localhost:${h2Server.port}`);
    const ca = h.proxy.ca().certificatePem;
    const body = await new Promise<string>((resolve, reject) => {
      const req = https.request(
        {
          host: 'localhost',
          port: h2Server.port,
          path: '/node-client',
          ca,
          createConnection: () => tls.connect({ socket: tunnel, servername: 'localhost', ca }),
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(body).toContain('GET /node-client');
  });

  it('openssl s_client sees NetLab\u2019s certificate and gets a response', async () => {
    const request = `GET /openssl HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`;
    const r = await new Promise<string>((resolve) => {
      // s_client speaks CONNECT itself with -proxy.
      const child = spawn('openssl', [
        's_client',
        '-proxy',
        `127.0.0.1:${h.port}`,
        '-connect',
        `localhost:${h2Server.port}`,
        '-servername',
        'localhost',
        '-CAfile',
        h.caFile,
        '-verify_return_error',
        '-quiet',
      ]);
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d));
      child.stderr.on('data', (d: Buffer) => (out += d));
      child.on('close', () => resolve(out));
      child.stdin.write(request);
    });
    expect(r).toContain('HTTP/1.1 200');
    expect(r).toContain('GET /openssl');
  });

  it('relays a WebSocket echo and records the messages in both directions', async () => {
    const tunnel = await connectTunnel(h.port, `localhost:${h2Server.port}`);
    const ca = h.proxy.ca().certificatePem;
    const ws = new WebSocket(`wss://localhost:${h2Server.port}/ws`, {
      createConnection: () =>
        tls.connect({ socket: tunnel, servername: 'localhost', ca, ALPNProtocols: ['http/1.1'] }),
    } as WebSocket.ClientOptions);
    const replies: string[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => {
        ws.send('hello websocket');
        ws.send(Buffer.from([1, 2, 3, 4]));
      });
      ws.on('message', (data) => {
        replies.push(data.toString('hex'));
        if (replies.length === 2) ws.close(1000, 'done');
      });
      ws.on('close', () => resolve());
      ws.on('error', reject);
    });
    expect(replies[0]).toBe(Buffer.from('hello websocket').toString('hex'));
    const e = await eventually(() =>
      h.proxy.store.all().find((x) => x.start.kind === 'websocket' && x.state !== 'pending'),
    );
    const messages = e.websocketMessages;
    expect(e.response?.statusCode).toBe(101);
    const sent = messages.filter((m) => m.direction === 'client-to-server');
    const received = messages.filter((m) => m.direction === 'server-to-client');
    expect(sent[0]).toMatchObject({ opcode: 'text', size: 15, preview: 'hello websocket' });
    expect(sent[1]).toMatchObject({ opcode: 'binary', size: 4, preview: '01020304' });
    expect(received[0]).toMatchObject({ opcode: 'text', preview: 'hello websocket' });
    expect(received[1]).toMatchObject({ opcode: 'binary', preview: '01020304' });
    expect(sent.some((m) => m.opcode === 'close' && m.closeCode === 1000)).toBe(true);
  });
});

describe('plain ws:// through the proxy', () => {
  it('relays an absolute-form WebSocket upgrade and records the masked message and its echo', async () => {
    const socket = net.connect(h.port, '127.0.0.1');
    const target = `127.0.0.1:${plain.port}`;
    socket.write(
      `GET http://${target}/ws HTTP/1.1\r\nHost: ${target}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    const mask = [0x11, 0x22, 0x33, 0x44];
    const text = Buffer.from('plain hello');
    const frame = Buffer.from([0x81, 0x80 | text.length, ...mask, ...text.map((b, i) => b ^ mask[i % 4])]);
    const received = await new Promise<Buffer>((resolve) => {
      let all = Buffer.alloc(0);
      let sent = false;
      socket.on('data', (d: Buffer) => {
        all = Buffer.concat([all, d]);
        const headEnd = all.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        if (!sent) {
          expect(all.subarray(0, 12).toString()).toBe('HTTP/1.1 101');
          socket.write(frame);
          sent = true;
        }
        const rest = all.subarray(headEnd + 4);
        if (rest.length >= 2 + text.length) resolve(rest);
      });
    });
    expect(received.subarray(2, 2 + text.length).toString()).toBe('plain hello');
    socket.destroy();
    const e = await eventually(() =>
      h.proxy.store
        .all()
        .find((x) => x.start.kind === 'websocket' && x.start.scheme === 'http' && x.state !== 'pending'),
    );
    expect(e.websocketMessages.map((m) => [m.direction, m.opcode, m.preview])).toEqual([
      ['client-to-server', 'text', 'plain hello'],
      ['server-to-client', 'text', 'plain hello'],
    ]);
  });
});

describe('what is not intercepted', () => {
  it('tunnels passthrough and non-intercept-only hosts untouched: the client sees the real certificate', async () => {
    const labCa = join(h.dir, 'lab-ca.pem');
    writeFileSync(labCa, testPki().caPem);
    for (const settings of [{ passthroughHosts: ['localhost'] }, { interceptOnlyHosts: ['*.example.org'] }]) {
      h.proxy.updateSettings(settings);
      try {
        const before = h.proxy.store.size;
        // Trusting only the lab CA: this succeeds only if NetLab did not put its own certificate in.
        const r = await run('curl', [
          '-sS',
          '-x',
          `http://127.0.0.1:${h.port}`,
          '--cacert',
          labCa,
          `https://localhost:${h2Server.port}/tunnelled`,
        ]);
        expect(r.stdout).toContain('GET /tunnelled');
        expect(h.proxy.store.size).toBe(before);
      } finally {
        h.proxy.updateSettings({ passthroughHosts: [], interceptOnlyHosts: [] });
      }
    }
    expect(h.log.some((line) => line.startsWith('passthrough tunnel to localhost'))).toBe(true);
  });

  it('serves its own page with the CA to download when opened directly', async () => {
    const page = await run('curl', ['-sS', `http://127.0.0.1:${h.port}/`]);
    expect(page.stdout).toContain('This is the NetLab proxy');
    const pem = await run('curl', ['-sS', `http://127.0.0.1:${h.port}/netlab-ca.pem`]);
    expect(pem.stdout).toBe(h.proxy.ca().certificatePem);
  });
});
