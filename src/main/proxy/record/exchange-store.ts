/**
 * The bounded in-memory record of what went through the proxy: exchanges (last N, and a total
 * budget for captured body bytes), TLS failures and WebSocket messages, with change listeners.
 */
import type {
  ExchangeEventType,
  ExchangeFilter,
  ExchangePage,
  TlsFailure,
  WebSocketMessage,
} from '../../../shared/model/proxy';
import { MAX_CAPTURED_BYTES_TOTAL } from '../settings';
import { RecordedExchange, type ExchangeStart } from './recorded-exchange';

const MAX_TLS_FAILURES = 5000;
const MAX_WEBSOCKET_MESSAGES_KEPT = 10_000;

export interface ExchangeStoreListener {
  exchange?(type: ExchangeEventType, exchange: RecordedExchange): void;
  tlsFailure?(failure: TlsFailure): void;
  websocketMessage?(message: WebSocketMessage): void;
}

export class ExchangeStore {
  private readonly exchanges = new Map<number, RecordedExchange>();
  private readonly failures: TlsFailure[] = [];
  private readonly listeners = new Set<ExchangeStoreListener>();
  private nextId = 1;
  private nextFailureId = 1;

  constructor(
    public maxExchanges: number,
    public bodyCaptureLimit: number,
    private readonly maxCapturedBytes = MAX_CAPTURED_BYTES_TOTAL,
  ) {}

  listen(listener: ExchangeStoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  create(start: ExchangeStart): RecordedExchange {
    const exchange = new RecordedExchange(this.nextId++, start, this.bodyCaptureLimit);
    this.exchanges.set(exchange.id, exchange);
    this.evict();
    for (const l of this.listeners) l.exchange?.('added', exchange);
    return exchange;
  }

  /** Announces a change; call after the head arrives and when the exchange ends. */
  updated(exchange: RecordedExchange): void {
    for (const l of this.listeners) l.exchange?.('updated', exchange);
  }

  addTlsFailure(failure: Omit<TlsFailure, 'id'>): TlsFailure {
    const recorded: TlsFailure = { id: this.nextFailureId++, ...failure };
    this.failures.push(recorded);
    if (this.failures.length > MAX_TLS_FAILURES) this.failures.shift();
    for (const l of this.listeners) l.tlsFailure?.(recorded);
    return recorded;
  }

  addWebSocketMessage(exchange: RecordedExchange, message: WebSocketMessage): void {
    exchange.websocketMessagesSeen++;
    // A long-lived socket may carry millions of messages: keep the latest ones, count them all.
    if (exchange.websocketMessages.length >= MAX_WEBSOCKET_MESSAGES_KEPT) {
      exchange.websocketMessages.splice(0, MAX_WEBSOCKET_MESSAGES_KEPT / 10);
    }
    exchange.websocketMessages.push(message);
    for (const l of this.listeners) l.websocketMessage?.(message);
  }

  get(id: number): RecordedExchange | undefined {
    return this.exchanges.get(id);
  }

  all(): RecordedExchange[] {
    return [...this.exchanges.values()];
  }

  tlsFailures(): TlsFailure[] {
    return [...this.failures];
  }

  get size(): number {
    return this.exchanges.size;
  }

  get tlsFailureCount(): number {
    return this.failures.length;
  }

  clear(): number {
    const count = this.exchanges.size + this.failures.length;
    this.exchanges.clear();
    this.failures.length = 0;
    return count;
  }

  list(filter: ExchangeFilter | undefined, offset: number, limit: number): ExchangePage {
    const matches: RecordedExchange[] = [];
    for (const e of this.exchanges.values()) if (!filter || matchesFilter(e, filter)) matches.push(e);
    return {
      items: matches.slice(offset, offset + limit).map((e) => e.summary()),
      total: matches.length,
      offset,
    };
  }

  private evict(): void {
    while (this.exchanges.size > this.maxExchanges) this.dropOldest();
    // The byte budget is summed on every 64th new exchange only: summing on each one would make
    // recording cost O(n) per request. Between checks the store overshoots by at most 64 captures.
    if (this.exchanges.size % 64 !== 0) return;
    let total = 0;
    for (const e of this.exchanges.values()) total += e.capturedBytes;
    while (total > this.maxCapturedBytes && this.exchanges.size > 1) total -= this.dropOldest();
  }

  private dropOldest(): number {
    const oldest = this.exchanges.values().next();
    if (oldest.done) return 0;
    this.exchanges.delete(oldest.value.id);
    return oldest.value.capturedBytes;
  }
}

export function matchesFilter(e: RecordedExchange, f: ExchangeFilter): boolean {
  const s = e.start;
  if (f.host && !s.host.toLowerCase().includes(f.host.toLowerCase())) return false;
  if (f.method && s.method.toUpperCase() !== f.method.toUpperCase()) return false;
  if (f.status) {
    if (f.status === 'error') {
      if (e.state !== 'error') return false;
    } else {
      const code = e.response?.statusCode;
      if (code === undefined) return false;
      if (
        /^\dxx$/.test(f.status) ? Math.floor(code / 100) !== Number(f.status[0]) : code !== Number(f.status)
      ) {
        return false;
      }
    }
  }
  if (f.contentType) {
    const ct = e.response?.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
    if (!ct.toLowerCase().includes(f.contentType.toLowerCase())) return false;
  }
  if (f.text) {
    const needle = f.text.toLowerCase();
    const haystacks = [
      e.url,
      ...s.requestHeaders.map((h) => `${h.name}: ${h.value}`),
      ...(e.response?.headers.map((h) => `${h.name}: ${h.value}`) ?? []),
    ];
    if (!haystacks.some((h) => h.toLowerCase().includes(needle))) {
      const bodies = [e.requestBody.bytes(), e.responseBody.bytes()];
      if (!bodies.some((b) => b.toString('utf8').toLowerCase().includes(needle))) return false;
    }
  }
  return true;
}
