/**
 * The IPC transport against the real backend and router. Electron itself cannot run here, so
 * ipcMain and webContents are small stand-ins with the same calls; everything behind them is real.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcMainEvent } from 'electron';
import { IPC_CHANNELS } from '../../shared/api/electron-ipc';
import { createBackend, type Backend } from '../api/backend';
import type { CallResult } from '../api/router';
import { attachIpcTransport, type IpcMainLike } from './ipc-transport';

type Listener = (event: IpcMainEvent, ...args: unknown[]) => unknown;

class StandInIpcMain {
  readonly handlers = new Map<string, Listener>();
  readonly listeners = new Map<string, Listener[]>();
  handle(channel: string, listener: Listener): void {
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: Listener): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }
  removeAllListeners(channel: string): this {
    this.listeners.delete(channel);
    return this;
  }
  emit(channel: string, event: IpcMainEvent, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...args);
  }
}

let nextId = 1;
class StandInWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly sent: unknown[][] = [];
  destroyed = false;
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

const APP_URL = 'file:///opt/netlab/out/renderer/index.html';

function eventFrom(contents: StandInWebContents, url = APP_URL): IpcMainEvent {
  return { sender: contents, senderFrame: { url } } as unknown as IpcMainEvent;
}

let dataDir: string;
let backend: Backend;
let ipc: StandInIpcMain;
let detach: () => void;
let trusted: StandInWebContents;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'netlab-ipc-'));
  backend = createBackend({ version: '9.9.9', dataDir });
  ipc = new StandInIpcMain();
  trusted = new StandInWebContents();
  // The real check (desktop-app.ts) compares the frame with our window's main frame and its URL.
  detach = attachIpcTransport(ipc as unknown as IpcMainLike, backend, (event) => {
    return event.sender === (trusted as unknown) && event.senderFrame?.url === APP_URL;
  });
});

afterEach(async () => {
  detach();
  await backend.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function invoke(event: IpcMainEvent, method: unknown, input: unknown): Promise<CallResult> {
  const handler = ipc.handlers.get(IPC_CHANNELS.invoke);
  if (!handler) throw new Error('no invoke handler');
  return Promise.resolve(handler(event, method, input)) as Promise<CallResult>;
}

function heartbeatBatches(contents: StandInWebContents): unknown[][] {
  return contents.sent.filter((args) => args[0] === IPC_CHANNELS.event && args[1] === 'app.heartbeat');
}

describe('calls from the app window', () => {
  it('reach the router and report the Electron transport', async () => {
    const info = await invoke(eventFrom(trusted), 'app.info', {});
    expect(info).toMatchObject({
      ok: true,
      result: { version: '9.9.9', transport: 'electron-ipc', dataDir },
    });
    expect(await invoke(eventFrom(trusted), 'app.ping', { echo: 'hi' })).toMatchObject({
      ok: true,
      result: { echo: 'hi' },
    });
  });

  it('get the router checks for unknown methods and bad input', async () => {
    expect(await invoke(eventFrom(trusted), 'app.format-disk', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
    expect(await invoke(eventFrom(trusted), 'app.ping', { echo: 42 })).toMatchObject({
      ok: false,
      error: { code: 'bad-input' },
    });
  });
});

describe('calls from anywhere else', () => {
  it('are refused before the router: another webContents or a foreign page in our window', async () => {
    const stranger = new StandInWebContents();
    for (const event of [eventFrom(stranger), eventFrom(trusted, 'https://evil.example/')]) {
      expect(await invoke(event, 'app.info', {})).toEqual({
        ok: false,
        error: { code: 'permission-denied', message: 'This page may not use the NetLab API.' },
      });
    }
  });

  it('cannot subscribe to events', () => {
    const stranger = new StandInWebContents();
    ipc.emit(IPC_CHANNELS.subscribe, eventFrom(stranger), 'app.heartbeat');
    backend.events.publish('app.heartbeat', { seq: 1, time: 1 });
    backend.events.flush();
    expect(stranger.sent).toEqual([]);
  });
});

describe('event batches', () => {
  it('arrive as one message per flush, once however often the page subscribed', () => {
    ipc.emit(IPC_CHANNELS.subscribe, eventFrom(trusted), 'app.heartbeat');
    ipc.emit(IPC_CHANNELS.subscribe, eventFrom(trusted), 'app.heartbeat');
    for (let seq = 1; seq <= 3; seq++) backend.events.publish('app.heartbeat', { seq, time: seq });
    backend.events.flush();
    expect(heartbeatBatches(trusted)).toEqual([
      [
        IPC_CHANNELS.event,
        'app.heartbeat',
        [
          { seq: 1, time: 1 },
          { seq: 2, time: 2 },
          { seq: 3, time: 3 },
        ],
      ],
    ]);
  });

  it('ignore unknown topics and stop after unsubscribe', () => {
    ipc.emit(IPC_CHANNELS.subscribe, eventFrom(trusted), 'app.secrets');
    ipc.emit(IPC_CHANNELS.subscribe, eventFrom(trusted), 'app.heartbeat');
    ipc.emit(IPC_CHANNELS.unsubscribe, eventFrom(trusted), 'app.heartbeat');
    backend.events.publish('app.heartbeat', { seq: 1, time: 1 });
    backend.events.flush();
    expect(trusted.sent).toEqual([]);
  });

  it('stop when the page reloads or the window goes away', () => {
    ipc.emit(IPC_CHANNELS.subscribe, eventFrom(trusted), 'app.heartbeat');
    trusted.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true }); // a #route change
    backend.events.publish('app.heartbeat', { seq: 1, time: 1 });
    backend.events.flush();
    expect(heartbeatBatches(trusted)).toHaveLength(1);

    trusted.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false }); // reload
    backend.events.publish('app.heartbeat', { seq: 2, time: 2 });
    backend.events.flush();
    expect(heartbeatBatches(trusted)).toHaveLength(1);

    ipc.emit(IPC_CHANNELS.subscribe, eventFrom(trusted), 'app.heartbeat'); // the new page subscribes
    expect(trusted.listenerCount('did-start-navigation')).toBe(1);
    trusted.emit('destroyed');
    backend.events.publish('app.heartbeat', { seq: 3, time: 3 });
    backend.events.flush();
    expect(heartbeatBatches(trusted)).toHaveLength(1);
  });
});

it('removes its IPC handlers when detached', () => {
  detach();
  expect(ipc.handlers.size).toBe(0);
  expect(ipc.listeners.size).toBe(0);
  detach = () => {};
});
