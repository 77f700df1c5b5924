/**
 * The Electron IPC transport: serves the API contract to our window over one request channel and
 * pushes event batches back. Every message is checked to come from our own window's main frame
 * showing our own UI before it reaches the router; the router then validates the input itself.
 */
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { isEventTopic, type EventTopic } from '../../shared/api/contract';
import { IPC_CHANNELS } from '../../shared/api/electron-ipc';
import type { Backend } from '../api/backend';
import type { CallResult } from '../api/router';

/** Decides whether an IPC message comes from a frame allowed to use the API. */
export type SenderCheck = (event: IpcMainEvent | IpcMainInvokeEvent) => boolean;

type TopicSubscriptions = Map<EventTopic, () => void>;

/** The parts of Electron's ipcMain we use; passed in so the transport runs under test without Electron. */
export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeAllListeners'>;

export function attachIpcTransport(
  ipcMain: IpcMainLike,
  backend: Backend,
  isTrustedSender: SenderCheck,
): () => void {
  const subscriptionsByContents = new Map<number, TopicSubscriptions>();
  const hookedContents = new Set<number>();

  const refuse = (channel: string, event: IpcMainEvent | IpcMainInvokeEvent): void => {
    const url = event.senderFrame?.url ?? '(frame gone)';
    console.warn(
      `netlab: refused IPC on ${channel} from a frame that is not the NetLab window: ${url.slice(0, 200)}`,
    );
  };

  const dropAll = (contentsId: number): void => {
    const subscriptions = subscriptionsByContents.get(contentsId);
    if (!subscriptions) return;
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    subscriptionsByContents.delete(contentsId);
  };

  const subscriptionsOf = (contents: WebContents): TopicSubscriptions => {
    let subscriptions = subscriptionsByContents.get(contents.id);
    if (subscriptions) return subscriptions;
    subscriptions = new Map();
    subscriptionsByContents.set(contents.id, subscriptions);
    const id = contents.id;
    // Hook each webContents once, not once per page it shows, or listeners pile up on reloads.
    if (!hookedContents.has(id)) {
      hookedContents.add(id);
      contents.once('destroyed', () => {
        hookedContents.delete(id);
        dropAll(id);
      });
      // A reload or navigation starts a new page with a new preload that subscribes afresh; the
      // old page's subscriptions must not keep sending batches nobody listens to.
      contents.on('did-start-navigation', (details: { isMainFrame: boolean; isSameDocument: boolean }) => {
        if (details.isMainFrame && !details.isSameDocument) dropAll(id);
      });
    }
    return subscriptions;
  };

  ipcMain.handle(IPC_CHANNELS.invoke, async (event, method: unknown, input: unknown): Promise<CallResult> => {
    if (!isTrustedSender(event)) {
      refuse(IPC_CHANNELS.invoke, event);
      return {
        ok: false,
        error: { code: 'permission-denied', message: 'This page may not use the NetLab API.' },
      };
    }
    // Uint8Array results travel natively: IPC uses the structured clone algorithm.
    return backend.router.call(method, input, { transport: 'electron-ipc' });
  });

  ipcMain.on(IPC_CHANNELS.subscribe, (event, topic: unknown) => {
    if (!isTrustedSender(event)) return refuse(IPC_CHANNELS.subscribe, event);
    if (!isEventTopic(topic)) {
      console.warn(
        `netlab: ignored subscription to unknown topic ${JSON.stringify(String(topic)).slice(0, 100)}`,
      );
      return;
    }
    const contents = event.sender;
    const subscriptions = subscriptionsOf(contents);
    if (subscriptions.has(topic)) return;
    const unsubscribe = backend.events.subscribe(topic, (items) => {
      if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.event, topic, items);
    });
    subscriptions.set(topic, unsubscribe);
  });

  ipcMain.on(IPC_CHANNELS.unsubscribe, (event, topic: unknown) => {
    if (!isTrustedSender(event)) return refuse(IPC_CHANNELS.unsubscribe, event);
    if (!isEventTopic(topic)) return;
    const subscriptions = subscriptionsByContents.get(event.sender.id);
    subscriptions?.get(topic)?.();
    subscriptions?.delete(topic);
  });

  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.invoke);
    ipcMain.removeAllListeners(IPC_CHANNELS.subscribe);
    ipcMain.removeAllListeners(IPC_CHANNELS.unsubscribe);
    for (const id of [...subscriptionsByContents.keys()]) dropAll(id);
  };
}
