/**
 * One browser-mode API connection: requests go through the backend's router (which validates every
 * input), subscriptions go to the event bus. A slow client never makes the server buffer without
 * bound: while its socket holds more than `maxBufferedBytes`, its event batches are dropped and it
 * later gets a 'lagged' notice per topic saying how many batches it missed.
 */
import type { WebSocket, RawData } from 'ws';
import { isEventTopic, type EventTopic } from '../../shared/api/contract';
import type { ApiErrorShape } from '../../shared/api/define';
import { decodeWireFrame, encodeWireMessage, WireFormatError, type WireMessage } from '../../shared/api/wire';
import type { Backend } from '../api/backend';

export interface ApiSocketOptions {
  /** Above this many bytes waiting in the socket, event batches are dropped (default 8 MiB). */
  maxBufferedBytes?: number;
  /** More requests than this in flight at once are refused (default 256). */
  maxPendingRequests?: number;
}

/** Shared by all connections: a batch delivered to many clients is encoded once. */
const encodedBatches = new WeakMap<object, string | Uint8Array>();
const LAG_CHECK_MS = 100;

export class ApiSocket {
  private readonly unsubscribers = new Map<EventTopic, () => void>();
  private readonly droppedBatches = new Map<EventTopic, number>();
  private lagTimer: NodeJS.Timeout | null = null;
  private pendingRequests = 0;
  private readonly maxBufferedBytes: number;
  private readonly maxPendingRequests: number;

  constructor(
    private readonly socket: WebSocket,
    private readonly backend: Backend,
    options: ApiSocketOptions = {},
  ) {
    this.maxBufferedBytes = options.maxBufferedBytes ?? 8 * 1024 * 1024;
    this.maxPendingRequests = options.maxPendingRequests ?? 256;
    socket.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    socket.on('close', () => this.dispose());
    socket.on('error', () => this.dispose());
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    const bytes = Buffer.isBuffer(data)
      ? data
      : Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.from(data);
    let message: WireMessage;
    try {
      message = decodeWireFrame(isBinary ? bytes : bytes.toString('utf8'));
    } catch (error) {
      const reason = error instanceof WireFormatError ? error.message : 'Malformed frame.';
      this.replyToBadFrame(isBinary ? null : bytes.toString('utf8'), reason);
      return;
    }
    switch (message.t) {
      case 'req':
        void this.onRequest(message.id, message.method, message.input);
        return;
      case 'sub':
        this.subscribe(message.topic);
        return;
      case 'unsub':
        this.unsubscribe(message.topic);
        return;
      default:
        this.send({ t: 'err', error: badInput(`A client may not send '${message.t}' messages.`) });
    }
  }

  /** Answers a damaged frame with an error tied to its request id when one can be read. */
  private replyToBadFrame(text: string | null, reason: string): void {
    let id: unknown;
    try {
      id = text === null ? undefined : (JSON.parse(text) as { id?: unknown })?.id;
    } catch {
      id = undefined;
    }
    const error = badInput(`${reason} Send {t:'req', id, method, input}.`);
    if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) {
      this.send({ t: 'res', id, ok: false, error });
    } else {
      this.send({ t: 'err', error });
    }
  }

  private async onRequest(id: number, method: string, input: unknown): Promise<void> {
    if (this.pendingRequests >= this.maxPendingRequests) {
      this.send({
        t: 'res',
        id,
        ok: false,
        error: { code: 'unavailable', message: 'Too many requests at once: wait for answers, then retry.' },
      });
      return;
    }
    this.pendingRequests++;
    try {
      const outcome = await this.backend.router.call(method, input, { transport: 'websocket' });
      this.send(
        outcome.ok
          ? { t: 'res', id, ok: true, result: outcome.result }
          : { t: 'res', id, ok: false, error: outcome.error },
      );
    } finally {
      this.pendingRequests--;
    }
  }

  private subscribe(topic: string): void {
    if (!isEventTopic(topic)) {
      this.send({
        t: 'err',
        error: { code: 'not-found', message: `Unknown event topic ${JSON.stringify(topic.slice(0, 100))}.` },
      });
      return;
    }
    if (this.unsubscribers.has(topic)) return;
    this.unsubscribers.set(
      topic,
      this.backend.events.subscribe(topic, (items) => this.deliver(topic, items)),
    );
  }

  private unsubscribe(topic: string): void {
    if (!isEventTopic(topic)) return;
    this.unsubscribers.get(topic)?.();
    this.unsubscribers.delete(topic);
    this.droppedBatches.delete(topic);
  }

  private deliver(topic: EventTopic, items: unknown[]): void {
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.droppedBatches.set(topic, (this.droppedBatches.get(topic) ?? 0) + 1);
      this.lagTimer ??= setInterval(() => this.flushLagNotices(), LAG_CHECK_MS);
      return;
    }
    this.flushLagNotices();
    let frame = encodedBatches.get(items);
    if (frame === undefined) {
      frame = encodeWireMessage({ t: 'evt', topic, items });
      encodedBatches.set(items, frame);
    }
    this.sendFrame(frame);
  }

  /** Once the socket has drained, tells the client what it missed so it can refetch state. */
  private flushLagNotices(): void {
    if (this.droppedBatches.size === 0 || this.socket.bufferedAmount > this.maxBufferedBytes) return;
    for (const [topic, dropped] of this.droppedBatches) this.send({ t: 'lagged', topic, dropped });
    this.droppedBatches.clear();
    if (this.lagTimer) clearInterval(this.lagTimer);
    this.lagTimer = null;
  }

  private send(message: WireMessage): void {
    let frame: string | Uint8Array;
    try {
      frame = encodeWireMessage(message);
    } catch (error) {
      if (message.t !== 'res') return;
      const reason = error instanceof Error ? error.message : String(error);
      frame = encodeWireMessage({
        t: 'res',
        id: message.id,
        ok: false,
        error: { code: 'internal', message: `Internal error: the answer could not be encoded (${reason}).` },
      });
    }
    this.sendFrame(frame);
  }

  private sendFrame(frame: string | Uint8Array): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(frame, { binary: typeof frame !== 'string' });
  }

  private dispose(): void {
    for (const unsubscribe of this.unsubscribers.values()) unsubscribe();
    this.unsubscribers.clear();
    if (this.lagTimer) clearInterval(this.lagTimer);
    this.lagTimer = null;
  }
}

function badInput(message: string): ApiErrorShape {
  return { code: 'bad-input', message };
}
