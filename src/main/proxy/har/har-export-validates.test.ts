/**
 * HAR export validated against the HAR 1.2 JSON schema (har-schema + ajv), TLS failures included
 * as entries; then read back by the importer. Also: "copy as curl" replays the recorded request.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import harSchemas from 'har-schema';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { TlsFailure } from '../../../shared/model/proxy';
import { toCurlCommand } from '../record/curl-command';
import { ExchangeStore } from '../record/exchange-store';
import { exchangeBodies } from '../record/exchange-bodies';
import { run } from '../test-support/proxy-harness.test-support';
import { buildHar } from './har-export';
import { importHar } from './har-import';

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addMetaSchema(draft06);
  for (const [name, schema] of Object.entries(harSchemas)) {
    ajv.addSchema(schema, `${name}.json`);
  }
  return ajv.getSchema('har.json#')!;
}

function recordedStore(): ExchangeStore {
  const store = new ExchangeStore(100, 1024);
  const e = store.create({
    kind: 'http',
    method: 'POST',
    scheme: 'https',
    host: 'api.example.com',
    port: 443,
    target: '/v1/items?q=net lab',
    path: '/v1/items?q=net%20lab',
    clientHttpVersion: 'HTTP/2',
    requestHeaders: [
      { name: ':authority', value: 'api.example.com' },
      { name: 'content-type', value: 'application/json' },
      { name: 'cookie', value: 'a=1; b=two' },
      { name: 'accept-encoding', value: 'gzip, br' },
      { name: 'x-quote', value: "it's" },
    ],
    clientAddress: '127.0.0.1:5000',
    clientTls: null,
    intercepted: true,
  });
  e.requestBody.add(Buffer.from('{"name":"lab"}'));
  e.response = {
    statusCode: 201,
    statusMessage: 'Created',
    httpVersion: 'HTTP/2',
    headers: [
      { name: 'content-type', value: 'application/json' },
      { name: 'content-encoding', value: 'gzip' },
      { name: 'set-cookie', value: 'session=xyz; HttpOnly' },
    ],
  };
  e.responseBody.add(gzipSync('{"id":7}'));
  e.serverAddress = '::ffff:127.0.0.1';
  e.timings.connected = e.timings.start + 2;
  e.timings.tlsHandshakeDone = e.timings.start + 5;
  e.timings.requestSent = e.timings.start + 6;
  e.timings.firstByte = e.timings.start + 10;
  e.timings.end = e.timings.start + 12;
  e.state = 'complete';
  const binary = store.create({
    ...e.start,
    method: 'GET',
    path: '/blob',
    target: '/blob',
    requestHeaders: [],
  });
  binary.response = {
    statusCode: 200,
    statusMessage: 'OK',
    httpVersion: 'HTTP/1.1',
    headers: [{ name: 'Content-Type', value: 'image/png' }],
  };
  binary.responseBody.add(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]));
  binary.state = 'complete';
  const failure: Omit<TlsFailure, 'id'> = {
    time: Date.now(),
    side: 'client',
    cause: 'client-rejected-certificate',
    host: 'pinned.example.com',
    port: 443,
    sni: 'pinned.example.com',
    clientAddress: '127.0.0.1:5001',
    alert: { code: 48, name: 'unknown_ca' },
    errorCode: 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
    message: 'alert',
    possibleReasons: ['ca-not-trusted', 'certificate-pinned'],
    upstreamProblem: null,
    forgedCertificate: null,
    realCertificate: null,
    forgedSpkiPin: 'sha256//forged=',
    realSpkiPin: 'sha256//real=',
  };
  store.addTlsFailure(failure);
  return store;
}

describe('HAR export', () => {
  it('validates against the HAR 1.2 schema, TLS failures included', () => {
    const store = recordedStore();
    const har = buildHar(store.all(), store.tlsFailures(), '0.1.0');
    const validate = validator();
    const ok = validate(JSON.parse(JSON.stringify(har)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const [first, second, third] = har.log.entries;
    expect(first.response.content).toMatchObject({ text: '{"id":7}', mimeType: 'application/json' });
    expect(first.request.cookies).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: 'two' },
    ]);
    expect(first.serverIPAddress).toBe('127.0.0.1');
    expect(first.timings).toMatchObject({ connect: 2, ssl: 3, send: 1, wait: 4, receive: 2 });
    expect(second.response.content).toMatchObject({ encoding: 'base64', text: 'iVBORwD/' });
    expect(third._netlabTlsFailure?.cause).toBe('client-rejected-certificate');
    expect(third.comment).toContain('sha256//real=');
  });

  it('imports its own export back, bodies and TLS failures included', () => {
    const source = recordedStore();
    const json = JSON.stringify(buildHar(source.all(), source.tlsFailures(), '0.1.0'));
    const target = new ExchangeStore(100, 1024);
    const outcome = importHar(json, target);
    expect(outcome).toEqual({ imported: 3, skipped: [] });
    const [e] = target.all();
    expect(e.url).toBe('https://api.example.com/v1/items?q=net%20lab');
    expect(e.response?.statusCode).toBe(201);
    expect(Buffer.from(exchangeBodies(e).responseRaw).toString()).toBe('{"id":7}');
    expect(target.tlsFailures()[0].realSpkiPin).toBe('sha256//real=');
    expect(() => importHar('{"log":{}}', target)).toThrow(/not a HAR file/);
  });
});

describe('copy as curl', () => {
  it('builds a command that repeats the request exactly', async () => {
    let seen: { method?: string; url?: string; headers?: IncomingMessage['headers']; body?: string } = {};
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen = { method: req.method, url: req.url, headers: req.headers, body };
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const store = new ExchangeStore(10, 1024);
      const e = store.create({
        kind: 'http',
        method: 'PUT',
        scheme: 'http',
        host: '127.0.0.1',
        port: (server.address() as AddressInfo).port,
        target: '/x?y=1',
        path: '/x?y=1',
        clientHttpVersion: 'HTTP/1.1',
        requestHeaders: [
          { name: 'Host', value: `127.0.0.1:${(server.address() as AddressInfo).port}` },
          { name: 'X-Quote', value: "it's $HOME" },
          { name: 'Content-Length', value: '9' },
        ],
        clientAddress: '',
        clientTls: null,
        intercepted: false,
      });
      e.requestBody.add(Buffer.from("a'b\nc\u0001d", 'latin1'));
      const command = toCurlCommand(e);
      const r = await run('bash', ['-c', `${command} -sS`]);
      expect(r.stdout).toBe('ok');
      expect(seen).toMatchObject({ method: 'PUT', url: '/x?y=1', body: "a'b\nc\u0001d" });
      expect(seen.headers?.['x-quote']).toBe("it's $HOME");
    } finally {
      server.close();
    }
  });
});
