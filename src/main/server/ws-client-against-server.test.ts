/**
 * The renderer's WebSocket client (src/renderer/api/ws-client.ts) against the real browser-mode
 * server and backend. It lives here because src/renderer may not import src/main.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { HeartbeatEvent } from '../../shared/api/app';
import { ApiError } from '../../shared/api/define';
import { createWebSocketApi, type WebSocketApi, type WebSocketLike } from '../../renderer/api/ws-client';
import { startBrowserServer } from './browser-server';
import { startTestServer } from './test-server';

const createSocket = (url: string) => new WebSocket(url) as unknown as WebSocketLike;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serverAndClient(extra: { requestTimeoutMs?: number } = {}) {
  const running = await startTestServer();
  cleanups.push(() => running.stop());
  const statuses: string[] = [];
  const api = createWebSocketApi({
    url: `ws://127.0.0.1:${running.server.port}/api?token=${running.server.token}`,
    createSocket,
    reconnectDelaysMs: [50],
    onStatus: (s) => statuses.push(s),
    ...extra,
  });
  cleanups.push(() => api.close());
  return { running, api, statuses };
}

function nextBatch<T>(subscribe: (onBatch: (items: T[]) => void) => () => void): Promise<T[]> {
  return new Promise((resolve) => {
    const stop = subscribe((items) => {
      stop();
      resolve(items);
    });
  });
}

async function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('renderer WebSocket client', () => {
  it('calls methods end to end, queuing calls made before the socket opens', async () => {
    const { api } = await serverAndClient();
    const [pong, info] = await Promise.all([
      api.invoke('app.ping', { echo: 'x' }),
      api.invoke('app.info', {}),
    ]);
    expect(pong.echo).toBe('x');
    expect(info).toMatchObject({ name: 'NetLab', transport: 'websocket', version: '9.9.9-test' });
  });

  it('rejects with the router ApiError for bad input', async () => {
    const { api } = await serverAndClient();
    const error = await api.invoke('app.ping', { echo: 5 as unknown as string }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('bad-input');
  });

  it('receives event batches, with bytes decoded from binary frames', async () => {
    const { api, running } = await serverAndClient();
    const batch = nextBatch<HeartbeatEvent>((cb) => api.subscribe('app.heartbeat', cb));
    await api.invoke('app.ping', { echo: 'subscribed' }); // the sub frame went before this request
    running.backend.events.publish('app.heartbeat', {
      seq: 77,
      time: 1,
      raw: new Uint8Array([1, 2, 3]),
    } as HeartbeatEvent);
    const [item] = await batch;
    expect(item.seq).toBe(77);
    const raw = (item as HeartbeatEvent & { raw: Uint8Array }).raw;
    expect(raw).toBeInstanceOf(Uint8Array);
    expect(Array.from(raw)).toEqual([1, 2, 3]);
  });

  it('reconnects after the server restarts and subscribes again', async () => {
    const { api, running, statuses } = await serverAndClient();
    const seqs: number[] = [];
    api.subscribe('app.heartbeat', (items) => seqs.push(...items.map((i) => i.seq)));
    await api.invoke('app.ping', { echo: 'before' });
    const { port, token } = running.server;
    await running.server.close();
    await until(() => statuses.includes('closed'));
    // Made while the server is down: queued, then answered by the new server.
    const whileDown = api.invoke('app.ping', { echo: 'while down' });
    const again = await startBrowserServer({
      backend: running.backend,
      port,
      token,
      rendererDir: running.rendererDir,
    });
    cleanups.push(() => again.close());
    const lost = await whileDown;
    expect(lost).toMatchObject({ echo: 'while down' });
    expect(await api.invoke('app.ping', { echo: 'after' })).toMatchObject({ echo: 'after' });
    running.backend.events.publish('app.heartbeat', { seq: 4242, time: 0 });
    await until(() => seqs.includes(4242));
  }, 15_000);

  it('fails a request in flight when the connection drops, instead of hanging', async () => {
    const silent = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => silent.once('listening', r));
    cleanups.push(() => new Promise((r) => silent.close(r)));
    silent.on('connection', (socket) => socket.on('message', () => setTimeout(() => socket.terminate(), 20)));
    const port = (silent.address() as { port: number }).port;
    const api: WebSocketApi = createWebSocketApi({
      url: `ws://127.0.0.1:${port}/`,
      createSocket,
      reconnectDelaysMs: [50],
    });
    cleanups.push(() => api.close());
    const error = await api.invoke('app.ping', { echo: 'lost' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/connection to NetLab was lost/),
    });
  });

  it('times out a request nobody answers with an explanation', async () => {
    const silent = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => silent.once('listening', r));
    cleanups.push(() => new Promise((r) => silent.close(r)));
    const port = (silent.address() as { port: number }).port;
    const api = createWebSocketApi({ url: `ws://127.0.0.1:${port}/`, createSocket, requestTimeoutMs: 200 });
    cleanups.push(() => api.close());
    const error = await api.invoke('app.ping', { echo: 'void' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/No answer to app.ping/),
    });
  });
});
