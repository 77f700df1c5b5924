import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeWireFrame, encodeWireMessage, type WireMessage } from '../../shared/api/wire';
import { startTestServer, type RunningTestServer } from './test-server';

let running: RunningTestServer | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** A raw wire-level client that records every message the server sends. */
async function connect(server: RunningTestServer): Promise<{ ws: WebSocket; received: WireMessage[] }> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.server.port}/api?token=${server.server.token}`);
  const received: WireMessage[] = [];
  ws.on('message', (data: Buffer, isBinary) =>
    received.push(decodeWireFrame(isBinary ? data : data.toString())),
  );
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return { ws, received };
}

async function until<T>(probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const response = (received: WireMessage[], id: number) =>
  received.find((m): m is Extract<WireMessage, { t: 'res' }> => m.t === 'res' && m.id === id);

describe('browser-mode API socket', () => {
  it('answers a request through the validating router', async () => {
    running = await startTestServer();
    const { ws, received } = await connect(running);
    ws.send(encodeWireMessage({ t: 'req', id: 1, method: 'app.ping', input: { echo: 'hello' } }));
    ws.send(encodeWireMessage({ t: 'req', id: 2, method: 'app.info', input: {} }));
    ws.send(encodeWireMessage({ t: 'req', id: 3, method: 'app.ping', input: { echo: 42 } }));
    ws.send(encodeWireMessage({ t: 'req', id: 4, method: 'no.such', input: {} }));
    expect(await until(() => response(received, 1))).toMatchObject({ ok: true, result: { echo: 'hello' } });
    expect(await until(() => response(received, 2))).toMatchObject({
      ok: true,
      result: { name: 'NetLab', version: '9.9.9-test', transport: 'websocket' },
    });
    expect(await until(() => response(received, 3))).toMatchObject({
      ok: false,
      error: { code: 'bad-input' },
    });
    expect(await until(() => response(received, 4))).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
    ws.close();
  });

  it('answers malformed frames with errors and keeps serving', async () => {
    running = await startTestServer();
    const { ws, received } = await connect(running);
    ws.send('not json');
    ws.send('{"t":"req","id":5,"method":7}');
    ws.send(Buffer.from([0, 0, 0, 99, 1]), { binary: true });
    ws.send('{"t":"evt","topic":"app.heartbeat","items":[]}');
    ws.send('{"t":"sub","topic":"no.such.topic"}');
    ws.send(encodeWireMessage({ t: 'req', id: 6, method: 'app.ping', input: { echo: 'still here' } }));
    expect(await until(() => response(received, 5))).toMatchObject({
      ok: false,
      error: { code: 'bad-input' },
    });
    expect(await until(() => response(received, 6))).toMatchObject({
      ok: true,
      result: { echo: 'still here' },
    });
    const errors = received.filter((m) => m.t === 'err');
    expect(errors).toHaveLength(4);
    expect(errors.map((e) => (e.t === 'err' ? e.error.code : ''))).toEqual([
      'bad-input',
      'bad-input',
      'bad-input',
      'not-found',
    ]);
    ws.close();
  });

  it('delivers event batches only while subscribed', async () => {
    running = await startTestServer();
    const { ws, received } = await connect(running);
    ws.send(encodeWireMessage({ t: 'sub', topic: 'app.heartbeat' }));
    await new Promise((r) => setTimeout(r, 50));
    running.backend.events.publish('app.heartbeat', { seq: 1001, time: 1 });
    running.backend.events.publish('app.heartbeat', { seq: 1002, time: 2 });
    const batch = await until(() => received.find((m) => m.t === 'evt'));
    expect(batch).toEqual({
      t: 'evt',
      topic: 'app.heartbeat',
      items: [
        { seq: 1001, time: 1 },
        { seq: 1002, time: 2 },
      ],
    });
    ws.send(encodeWireMessage({ t: 'unsub', topic: 'app.heartbeat' }));
    await new Promise((r) => setTimeout(r, 50));
    const before = received.length;
    running.backend.events.publish('app.heartbeat', { seq: 1003, time: 3 });
    await new Promise((r) => setTimeout(r, 100));
    expect(received.length).toBe(before);
    ws.close();
  });

  it('drops batches for a client that stops reading and tells it how many it lost', async () => {
    running = await startTestServer({ maxBufferedBytes: 64 * 1024 });
    const { ws, received } = await connect(running);
    ws.send(encodeWireMessage({ t: 'sub', topic: 'app.heartbeat' }));
    await new Promise((r) => setTimeout(r, 50));
    ws.pause();
    const started = Date.now();
    const batches = 40;
    const perBatch = 20_000; // about 600 kB of JSON per batch, 24 MB in all
    for (let b = 0; b < batches; b++) {
      for (let i = 0; i < perBatch; i++) running.backend.events.publish('app.heartbeat', { seq: i, time: b });
      running.backend.events.flush();
      await new Promise((r) => setImmediate(r));
    }
    ws.resume();
    const lagged = await until(() => received.find((m) => m.t === 'lagged'), 10_000);
    expect(lagged).toMatchObject({ t: 'lagged', topic: 'app.heartbeat' });
    const dropped = lagged.t === 'lagged' ? lagged.dropped : 0;
    // The backend's own heartbeat (one a second) may add a batch or two of its own on a slow machine.
    const isTestBatch = (m: (typeof received)[number]) =>
      m.t === 'evt' && (m.items as { time: number }[]).every((item) => item.time < batches);
    const delivered = received.filter(isTestBatch).length;
    const heartbeats = Math.ceil((Date.now() - started) / 1000) + 1;
    expect(dropped).toBeGreaterThan(batches / 2);
    expect(delivered + dropped).toBeGreaterThanOrEqual(batches);
    expect(delivered + dropped).toBeLessThanOrEqual(batches + heartbeats);
    ws.close();
  });
});
