/**
 * The object the preload exposes as `window.netlab`: exactly the NetlabApi (invoke + subscribe),
 * built over ipcRenderer, which stays inside this closure. Takes ipcRenderer as a parameter so it
 * can be tested without Electron.
 */
import type { IpcRenderer } from 'electron';
import type { EventItem, EventTopic, MethodName, MethodOutput, NetlabApi } from '../shared/api/contract';
import type { ApiErrorShape } from '../shared/api/define';
import { IPC_CHANNELS } from '../shared/api/electron-ipc';

type CallResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorShape };
type BatchListener = (items: unknown[]) => void;

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'send' | 'on'>;

/**
 * Rejections carry a plain { code, message, details } object: contextBridge copies plain objects
 * intact but strips custom fields from Error instances, and callers branch on `code`.
 */
function rejection(code: ApiErrorShape['code'], message: string): ApiErrorShape {
  return { code, message };
}

export function createBridgeApi(ipcRenderer: IpcRendererLike): NetlabApi {
  const listenersByTopic = new Map<string, Set<BatchListener>>();

  // One IPC listener for all topics; the IPC event object never leaves this function.
  ipcRenderer.on(IPC_CHANNELS.event, (_event, topic: unknown, items: unknown) => {
    if (typeof topic !== 'string' || !Array.isArray(items)) return;
    for (const listener of listenersByTopic.get(topic) ?? []) {
      try {
        listener(items);
      } catch (error) {
        console.error(`netlab: a listener for ${topic} failed`, error);
      }
    }
  });

  return {
    async invoke<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>> {
      if (typeof method !== 'string') throw rejection('bad-input', 'The API method name must be a string.');
      const reply = (await ipcRenderer.invoke(IPC_CHANNELS.invoke, method, input)) as CallResult;
      if (reply.ok) return reply.result as MethodOutput<M>;
      throw reply.error;
    },

    subscribe<T extends EventTopic>(topic: T, onBatch: (items: EventItem<T>[]) => void): () => void {
      if (typeof topic !== 'string') throw new TypeError('The event topic must be a string.');
      if (typeof onBatch !== 'function')
        throw new TypeError('subscribe needs a function to call with each batch.');
      let listeners = listenersByTopic.get(topic);
      if (!listeners) {
        listeners = new Set();
        listenersByTopic.set(topic, listeners);
        ipcRenderer.send(IPC_CHANNELS.subscribe, topic);
      }
      // Each subscribe call gets its own entry, even for the same function, so each unsubscribe
      // removes exactly its own.
      const listener: BatchListener = (items) => onBatch(items as EventItem<T>[]);
      listeners.add(listener);
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        const current = listenersByTopic.get(topic);
        current?.delete(listener);
        if (current && current.size === 0) {
          listenersByTopic.delete(topic);
          ipcRenderer.send(IPC_CHANNELS.unsubscribe, topic);
        }
      };
    },
  };
}
