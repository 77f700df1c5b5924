/** One exchange being recorded: mutable while it runs, read as summary or detail by the store's users. */
import type {
  BodyInfo,
  ExchangeDetail,
  ExchangeError,
  ExchangeKind,
  ExchangeSource,
  ExchangeState,
  ExchangeSummary,
  ExchangeTimings,
  HeaderLine,
  TlsSessionInfo,
  WebSocketMessage,
} from '../../../shared/model/proxy';
import { BodyCapture } from './body-capture';
import { parseContentEncodings } from './body-decoding';

export interface ExchangeStart {
  kind: ExchangeKind;
  source?: ExchangeSource;
  method: string;
  scheme: 'http' | 'https';
  host: string;
  port: number;
  target: string;
  path: string;
  clientHttpVersion: string;
  requestHeaders: HeaderLine[];
  clientAddress: string;
  clientTls: TlsSessionInfo | null;
  intercepted: boolean;
  start?: number;
}

export interface ResponseHead {
  statusCode: number;
  statusMessage: string;
  httpVersion: string;
  headers: HeaderLine[];
}

export function headerValue(headers: readonly HeaderLine[], name: string): string | null {
  const lower = name.toLowerCase();
  for (const h of headers) if (h.name.toLowerCase() === lower) return h.value;
  return null;
}

export class RecordedExchange {
  readonly requestBody: BodyCapture;
  readonly responseBody: BodyCapture;
  readonly timings: ExchangeTimings;
  state: ExchangeState = 'pending';
  error: ExchangeError | null = null;
  response: ResponseHead | null = null;
  serverTls: TlsSessionInfo | null = null;
  serverAddress: string | null = null;
  upstreamHttpVersion: string | null = null;
  readonly websocketMessages: WebSocketMessage[] = [];
  /** Every message seen, including those dropped from `websocketMessages` to bound memory. */
  websocketMessagesSeen = 0;

  constructor(
    readonly id: number,
    readonly start: ExchangeStart,
    bodyLimit: number,
  ) {
    this.requestBody = new BodyCapture(bodyLimit);
    this.responseBody = new BodyCapture(bodyLimit);
    this.timings = {
      start: start.start ?? Date.now(),
      connected: null,
      tlsHandshakeDone: null,
      requestSent: null,
      firstByte: null,
      end: null,
    };
  }

  get url(): string {
    const s = this.start;
    const defaultPort = s.scheme === 'https' ? 443 : 80;
    const host = s.host.includes(':') ? `[${s.host}]` : s.host;
    return `${s.scheme}://${host}${s.port === defaultPort ? '' : `:${s.port}`}${s.path}`;
  }

  /** Bytes this exchange holds in memory (for the store's total budget). */
  get capturedBytes(): number {
    return this.requestBody.capturedSize + this.responseBody.capturedSize;
  }

  summary(): ExchangeSummary {
    const s = this.start;
    const t = this.timings;
    return {
      id: this.id,
      kind: s.kind,
      source: s.source ?? 'live',
      state: this.state,
      startedAt: t.start,
      method: s.method,
      scheme: s.scheme,
      host: s.host,
      port: s.port,
      path: s.path,
      url: this.url,
      clientHttpVersion: s.clientHttpVersion,
      upstreamHttpVersion: this.upstreamHttpVersion,
      statusCode: this.response?.statusCode ?? null,
      requestContentType: headerValue(s.requestHeaders, 'content-type'),
      responseContentType: this.response ? headerValue(this.response.headers, 'content-type') : null,
      requestBodySize: this.requestBody.size,
      responseBodySize: this.responseBody.size,
      durationMs: t.end === null ? null : t.end - t.start,
      ttfbMs: t.firstByte === null || t.requestSent === null ? null : t.firstByte - t.requestSent,
      intercepted: s.intercepted,
      websocketMessageCount: this.websocketMessagesSeen,
      error: this.error,
      clientAddress: s.clientAddress,
    };
  }

  detail(): ExchangeDetail {
    const s = this.start;
    return {
      ...this.summary(),
      timings: { ...this.timings },
      clientTls: s.clientTls,
      serverTls: this.serverTls,
      request: {
        method: s.method,
        target: s.target,
        httpVersion: s.clientHttpVersion,
        headers: s.requestHeaders,
        body: bodyInfo(this.requestBody, s.requestHeaders),
      },
      response: this.response
        ? {
            statusCode: this.response.statusCode,
            statusMessage: this.response.statusMessage,
            httpVersion: this.response.httpVersion,
            headers: this.response.headers,
            body: bodyInfo(this.responseBody, this.response.headers),
          }
        : null,
      websocketMessages: [...this.websocketMessages],
      serverAddress: this.serverAddress,
    };
  }
}

function bodyInfo(capture: BodyCapture, headers: readonly HeaderLine[]): BodyInfo {
  return {
    size: capture.size,
    capturedSize: capture.capturedSize,
    truncated: capture.truncated,
    contentEncodings: parseContentEncodings(headerValue(headers, 'content-encoding')),
    contentType: headerValue(headers, 'content-type'),
  };
}
