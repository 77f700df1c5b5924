/**
 * The proxy API as the UI uses it: inputs validated by the contract's schemas, the proxy started on
 * a free port, traffic listed with filters, one exchange with its body bytes, HAR and curl, the CA
 * exported as bytes, and the events the UI subscribes to.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, type MethodName, type MethodOutput } from '../../../shared/api/contract';
import type { ExchangeEvent, ProxyStatus } from '../../../shared/model/proxy';
import { ProxyService } from '../../proxy/proxy-service';
import { run } from '../../proxy/test-support/proxy-harness.test-support';
import { testPki } from '../../proxy/test-support/test-pki.test-support';
import { startHttpsServer, type RunningServer } from '../../proxy/test-support/test-servers.test-support';
import type { BackendContext } from '../backend-context';
import { EventBus } from '../event-bus';
import { connectProxyEvents, proxyHandlers } from './proxy-handlers';

const dir = mkdtempSync(join(tmpdir(), 'netlab-proxy-api-'));
const events = new EventBus(5);
const proxy = new ProxyService({ dataDir: dir, extraUpstreamCaPems: [testPki().caPem] });
connectProxyEvents(proxy, events);
const handlers = proxyHandlers({
  version: '0.0.0-test',
  dataDir: dir,
  events,
  proxy,
} as unknown as BackendContext);
let server: RunningServer;

/** Calls a method the way the router does: schema first, then the handler. */
async function call<M extends MethodName & keyof typeof handlers>(
  name: M,
  input: unknown,
): Promise<MethodOutput<M>> {
  const parsed = methods[name].input.parse(input);
  const handler = handlers[name] as (i: unknown, ctx: { transport: 'websocket' }) => unknown;
  return (await handler(parsed, { transport: 'websocket' })) as MethodOutput<M>;
}

beforeAll(async () => {
  const pki = testPki();
  server = await startHttpsServer(pki.serverKeyPem, pki.goodPem);
});

afterAll(async () => {
  await proxy.dispose();
  events.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('proxy API', () => {
  it('refuses a non-loopback listen address unless explicitly allowed', async () => {
    await expect(call('proxy.start', { host: '0.0.0.0', port: 0 })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(() => methods['proxy.start'].input.parse({ port: 70000 })).toThrow();
  });

  it('starts, records traffic, lists it with filters and returns one exchange with its bytes', async () => {
    const statuses: ProxyStatus[] = [];
    const exchangeEvents: ExchangeEvent[] = [];
    events.subscribe('proxy.status', (items) => statuses.push(...items));
    events.subscribe('proxy.exchange', (items) => exchangeEvents.push(...items));
    const status = await call('proxy.start', { port: 0 });
    expect(status.running).toBe(true);
    const caFile = join(dir, 'ca.pem');
    const pem = await call('proxy.ca.export', { format: 'pem' });
    writeFileSync(caFile, pem.bytes);
    for (const path of ['/gzip', '/hello']) {
      const r = await run('curl', [
        '-sS',
        '-x',
        `http://127.0.0.1:${status.port}`,
        '--cacert',
        caFile,
        `https://localhost:${server.port}${path}`,
      ]);
      expect(r.code).toBe(0);
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(statuses.some((s) => s.running)).toBe(true);
    expect(exchangeEvents.filter((e) => e.type === 'added')).toHaveLength(2);
    expect(exchangeEvents.some((e) => e.type === 'updated' && e.exchange.statusCode === 200)).toBe(true);

    const page = await call('proxy.exchanges', { filter: { text: 'gzip' } });
    expect(page.total).toBe(1);
    const all = await call('proxy.exchanges', { filter: { status: '2xx', host: 'LOCAL' } });
    expect(all.total).toBe(2);
    const detail = await call('proxy.exchange', { id: page.items[0].id });
    expect(detail.bodies.responseRaw).toBeInstanceOf(Uint8Array);
    expect(gunzipSync(detail.bodies.responseRaw).toString()).toBe('hello through gzip');
    expect(Buffer.from(detail.bodies.responseDecoded ?? []).toString()).toBe('hello through gzip');
    expect(detail.exchange.serverTls?.certificates[0].subjectAltNames).toContain('DNS:localhost');

    const curlCommand = await call('proxy.curl', { id: page.items[0].id });
    expect(curlCommand.command).toMatch(
      new RegExp(
        `^curl --http2 'https://localhost:${server.port}/gzip' -H 'user-agent: curl/[\\d.]+' -H 'accept: \\*/\\*'$`,
      ),
    );
    const har = await call('proxy.har.export', {});
    expect(JSON.parse(har.json).log.entries).toHaveLength(2);
    await expect(call('proxy.exchange', { id: 99999 })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('exports the CA as bytes in each format and reports it', async () => {
    const info = await call('proxy.ca.info', {});
    expect(info.exists).toBe(true);
    const der = await call('proxy.ca.export', { format: 'der' });
    expect(der.suggestedFileName).toBe('netlab-ca.cer');
    expect(der.bytes[0]).toBe(0x30);
    const p12 = await call('proxy.ca.export', { format: 'p12', password: 'x' });
    expect(p12.mimeType).toBe('application/x-pkcs12');
    const regenerated = await call('proxy.ca.regenerate', {});
    expect(regenerated.fingerprintSha256).not.toBe(info.fingerprintSha256);
    expect((await call('proxy.status', {})).running).toBe(true);
  });

  it('imports a HAR and clears the record', async () => {
    const exported = await call('proxy.har.export', {});
    await call('proxy.clear', {});
    expect((await call('proxy.exchanges', {})).total).toBe(0);
    const imported = await call('proxy.har.import', { json: exported.json });
    expect(imported.imported).toBe(2);
    await expect(call('proxy.har.import', { json: '{"nope": 1}' })).rejects.toMatchObject({
      code: 'bad-input',
    });
    expect((await call('proxy.stop', {})).running).toBe(false);
  });

  it('keeps settings changed through the API for the next start of the app', async () => {
    const settingsDir = join(dir, 'persisted');
    const first = new ProxyService({ dataDir: settingsDir, persistSettings: true });
    const api = proxyHandlers({ proxy: first } as unknown as BackendContext);
    const input = methods['proxy.settings'].input.parse({ port: 9099, passthroughHosts: ['*.bank.example'] });
    await api['proxy.settings'](input, { transport: 'websocket' });
    const second = new ProxyService({ dataDir: settingsDir, persistSettings: true });
    expect(second.settings).toMatchObject({
      port: 9099,
      passthroughHosts: ['*.bank.example'],
      host: '127.0.0.1',
    });
  });
});
