/**
 * The browser-mode API client: the NetlabApi contract over one WebSocket to `netlab serve`, using
 * the shared wire format. It reconnects with backoff, re-subscribes every topic after a reconnect,
 * and fails requests with clear ApiErrors on timeout or a lost connection rather than hanging.
 */
import {
  isEventTopic,
  type EventItem,
  type EventTopic,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type NetlabApi,
} from '../../shared/api/contract';
import { ApiError } from '../../shared/api/define';
import { decodeWireFrame, encodeWireMessage, WireFormatError, type WireMessage } from '../../shared/api/wire';

/** The part of the WebSocket API this client uses: the browser's, or the `ws` package's in tests. */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export interface WebSocketApiOptions {
  url: string;
  createSocket?: WebSocketFactory;
  /** A request without an answer after this long fails with code 'unavailable' (default 30 s). */
  requestTimeoutMs?: number;
  /** Reconnect delays grow from the first to the last value (default 250 ms up to 5 s). */
  reconnectDelaysMs?: number[];
  /** Told when the server dropped batches of a topic because this client fell behind. */
  onLagged?: (topic: EventTopic, droppedBatches: number) => void;
  onStatus?: (status: ConnectionStatus) => void;
}

export interface WebSocketApi extends NetlabApi {
  /** Stops for good: no reconnect, pending requests fail with 'cancelled'. */
  close(): void;
}

interface PendingRequest {
  resolve(value: unknown): void;
  reject(error: ApiError): void;
  timer: ReturnType<typeof setTimeout>;
}

type AnyListener = (items: unknown[]) => void;
const OPEN = 1;

export function createWebSocketApi(options: WebSocketApiOptions): WebSocketApi {
  const createSocket =
    options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as WebSocketLike);
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const delays = options.reconnectDelaysMs ?? [250, 500, 1000, 2000, 5000];
  const pending = new Map<number, PendingRequest>();
  /** Requests made while disconnected, sent once the socket opens. */
  const outbox = new Map<number, string | Uint8Array>();
  const listeners = new Map<EventTopic, Set<AnyListener>>();
  let socket: WebSocketLike | null = null;
  let nextId = 1;
  let attempt = 0;
  let closedForGood = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  const sendNow = (frame: string | Uint8Array): boolean => {
    if (socket?.readyState !== OPEN) return false;
    socket.send(frame);
    return true;
  };

  const handleMessage = (message: WireMessage): void => {
    switch (message.t) {
      case 'res': {
        const request = pending.get(message.id);
        if (!request) return;
        pending.delete(message.id);
        clearTimeout(request.timer);
        if (message.ok) request.resolve(message.result);
        else request.reject(new ApiError(message.error.code, message.error.message, message.error.details));
        return;
      }
      case 'evt':
        if (!isEventTopic(message.topic)) return;
        for (const listener of listeners.get(message.topic) ?? []) listener(message.items);
        return;
      case 'lagged':
        if (isEventTopic(message.topic)) options.onLagged?.(message.topic, message.dropped);
        return;
      case 'err':
        console.warn(`NetLab server: ${message.error.message}`);
        return;
      default:
        return;
    }
  };

  const connect = (): void => {
    options.onStatus?.('connecting');
    const ws = createSocket(options.url);
    ws.binaryType = 'arraybuffer';
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      options.onStatus?.('open');
      for (const topic of listeners.keys()) ws.send(encodeWireMessage({ t: 'sub', topic }));
      for (const [id, frame] of outbox) {
        ws.send(frame);
        outbox.delete(id);
      }
    };
    ws.onmessage = (event) => {
      try {
        handleMessage(decodeWireFrame(event.data as string | ArrayBuffer));
      } catch (error) {
        if (!(error instanceof WireFormatError)) throw error;
        console.warn(`NetLab client ignored a malformed frame: ${error.message}`);
      }
    };
    ws.onerror = () => undefined; // onclose follows and does the work
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      options.onStatus?.('closed');
      // Answers to requests already sent will never come on a new socket: fail them now.
      for (const [id, request] of pending) {
        if (outbox.has(id)) continue;
        clearTimeout(request.timer);
        pending.delete(id);
        request.reject(
          new ApiError(
            'unavailable',
            'The connection to NetLab was lost: check that it is still running, then retry.',
          ),
        );
      }
      if (closedForGood) return;
      const delay = delays[Math.min(attempt++, delays.length - 1)];
      reconnectTimer = setTimeout(connect, delay);
    };
  };

  connect();

  return {
    invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      if (closedForGood) return Promise.reject(new ApiError('cancelled', 'The NetLab client was closed.'));
      const id = nextId++;
      const frame = encodeWireMessage({ t: 'req', id, method, input });
      return new Promise<MethodOutput<M>>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          outbox.delete(id);
          reject(
            new ApiError(
              'unavailable',
              `No answer to ${method} within ${Math.round(requestTimeoutMs / 1000)} s: check that NetLab is still running.`,
            ),
          );
        }, requestTimeoutMs);
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
        if (!sendNow(frame)) outbox.set(id, frame);
      });
    },

    subscribe<T extends EventTopic>(topic: T, onBatch: (items: EventItem<T>[]) => void): () => void {
      let set = listeners.get(topic);
      if (!set) {
        set = new Set();
        listeners.set(topic, set);
        sendNow(encodeWireMessage({ t: 'sub', topic }));
      }
      const listener = onBatch as AnyListener;
      set.add(listener);
      return () => {
        const current = listeners.get(topic);
        if (!current?.delete(listener) || current.size > 0) return;
        listeners.delete(topic);
        sendNow(encodeWireMessage({ t: 'unsub', topic }));
      };
    },

    close(): void {
      closedForGood = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      for (const request of pending.values()) {
        clearTimeout(request.timer);
        request.reject(new ApiError('cancelled', 'The NetLab client was closed.'));
      }
      pending.clear();
      outbox.clear();
      socket?.close(1000, 'client closed');
      socket = null;
      options.onStatus?.('closed');
    },
  };
}
