/** The preload's API object over a stand-in ipcRenderer (Electron cannot run here). */
import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../shared/api/electron-ipc';
import type { MethodName } from '../shared/api/contract';
import { createBridgeApi, type IpcRendererLike } from './bridge-api';

type EventHandler = (event: unknown, ...args: unknown[]) => void;

function standInIpcRenderer(reply: (method: unknown, input: unknown) => unknown) {
  const sent: unknown[][] = [];
  const handlers = new Map<string, EventHandler>();
  const ipc = {
    invoke: async (channel: string, method: unknown, input: unknown) => {
      expect(channel).toBe(IPC_CHANNELS.invoke);
      return reply(method, input);
    },
    send: (...args: unknown[]) => void sent.push(args),
    on: (channel: string, handler: EventHandler) => {
      handlers.set(channel, handler);
      return ipc;
    },
  };
  const push = (topic: unknown, items: unknown) =>
    handlers.get(IPC_CHANNELS.event)?.({ sender: 'secret ipc event' }, topic, items);
  return { ipc: ipc as unknown as IpcRendererLike, sent, push };
}

describe('invoke', () => {
  it('resolves with the result, bytes included', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const { ipc } = standInIpcRenderer(() => ({ ok: true, result: { echo: 'hi', bytes } }));
    await expect(createBridgeApi(ipc).invoke('app.ping', { echo: 'hi' })).resolves.toEqual({
      echo: 'hi',
      bytes,
    });
  });

  it('rejects with the plain error shape so the code survives contextBridge', async () => {
    const error = { code: 'bad-input', message: 'Bad input for app.ping: echo: expected string.' };
    const { ipc } = standInIpcRenderer(() => ({ ok: false, error }));
    const failure = await createBridgeApi(ipc)
      .invoke('app.ping', { echo: 'x' })
      .catch((e: unknown) => e);
    expect(failure).toEqual(error);
    expect(failure).not.toBeInstanceOf(Error);
  });

  it('refuses a method name that is not a string without sending anything', async () => {
    let called = false;
    const { ipc } = standInIpcRenderer(() => (called = true));
    const bad = { toString: () => 'app.info' } as unknown as MethodName;
    await expect(createBridgeApi(ipc).invoke(bad, {} as never)).rejects.toMatchObject({ code: 'bad-input' });
    expect(called).toBe(false);
  });
});

describe('subscribe', () => {
  it('asks main once per topic, fans batches out and unsubscribes after the last listener', () => {
    const { ipc, sent, push } = standInIpcRenderer(() => null);
    const api = createBridgeApi(ipc);
    const a: unknown[][] = [];
    const b: unknown[][] = [];
    const offA = api.subscribe('app.heartbeat', (items) => a.push(items));
    const offB = api.subscribe('app.heartbeat', (items) => b.push(items));
    expect(sent).toEqual([[IPC_CHANNELS.subscribe, 'app.heartbeat']]);

    push('app.heartbeat', [{ seq: 1, time: 1 }]);
    push('app.other', [{ seq: 9 }]);
    push('app.heartbeat', 'not a batch');
    expect(a).toEqual([[{ seq: 1, time: 1 }]]);
    expect(b).toEqual(a);

    offA();
    offA();
    expect(sent).toHaveLength(1);
    offB();
    expect(sent).toEqual([
      [IPC_CHANNELS.subscribe, 'app.heartbeat'],
      [IPC_CHANNELS.unsubscribe, 'app.heartbeat'],
    ]);
    push('app.heartbeat', [{ seq: 2, time: 2 }]);
    expect(a).toHaveLength(1);
  });

  it('keeps delivering to others when one listener throws', () => {
    const { ipc, push } = standInIpcRenderer(() => null);
    const api = createBridgeApi(ipc);
    const got: unknown[] = [];
    const originalError = console.error;
    console.error = () => {};
    try {
      api.subscribe('app.heartbeat', () => {
        throw new Error('boom');
      });
      api.subscribe('app.heartbeat', (items) => got.push(...items));
      push('app.heartbeat', [{ seq: 1, time: 1 }]);
    } finally {
      console.error = originalError;
    }
    expect(got).toEqual([{ seq: 1, time: 1 }]);
  });

  it('refuses a topic that is not a string', () => {
    const { ipc, sent } = standInIpcRenderer(() => null);
    expect(() => createBridgeApi(ipc).subscribe(42 as never, () => {})).toThrow(TypeError);
    expect(sent).toEqual([]);
  });
});
