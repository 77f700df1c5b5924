/**
 * One HTTP exchange from request to response, independent of the client's HTTP version: record it,
 * send it upstream, stream both bodies through capped recorders, and turn failures into explanatory
 * error pages. The HTTP/1.1 and HTTP/2 front ends adapt their objects to ClientSide.
 */
import type { Readable, Writable } from 'node:stream';
import type { HeaderLine, TlsSessionInfo } from '../../../shared/model/proxy';
import type { ExchangeStore } from '../record/exchange-store';
import type { RecordedExchange } from '../record/recorded-exchange';
import { classifyUpstreamError } from '../upstream/classify-error';
import type { UpstreamPool, UpstreamTarget } from '../upstream/upstream-pool';
import { errorPage } from './error-pages';
import { relay } from './relay';

export interface ClientSide {
  method: string;
  /** Request target exactly as the client sent it. */
  target: string;
  scheme: 'http' | 'https';
  host: string;
  port: number;
  path: string;
  httpVersion: string;
  /** Headers as received, for the record. */
  headers: HeaderLine[];
  /** Headers to send upstream (HTTP/1.1 style, with Host, hop-by-hop removed). */
  upstreamHeaders: HeaderLine[];
  hasBody: boolean;
  body: Readable;
  clientAddress: string;
  clientTls: TlsSessionInfo | null;
  intercepted: boolean;
  /** Sends the response head; returns where the body goes. */
  respond(statusCode: number, statusMessage: string, headers: HeaderLine[]): Writable;
  /** Answers with an error page, or cuts the connection when the head was already sent. */
  fail(statusCode: number, html: string): void;
  /** Registers a callback for the client going away before the exchange finished. */
  onAbort(callback: () => void): void;
}

export interface ForwardContext {
  store: ExchangeStore;
  pool: UpstreamPool;
  insecure(host: string): boolean;
  /** Called once per exchange when it ends (for the CLI's one line per exchange). */
  onFinished?(exchange: RecordedExchange): void;
  onUpstreamTlsFailure?(exchange: RecordedExchange, error: unknown): void;
}

function isBodyless(method: string, status: number): boolean {
  return method === 'HEAD' || status === 204 || status === 304 || (status >= 100 && status < 200);
}

export function forwardExchange(client: ClientSide, ctx: ForwardContext): RecordedExchange {
  const exchange = ctx.store.create({
    kind: 'http',
    method: client.method,
    scheme: client.scheme,
    host: client.host,
    port: client.port,
    target: client.target,
    path: client.path,
    clientHttpVersion: client.httpVersion,
    requestHeaders: client.headers,
    clientAddress: client.clientAddress,
    clientTls: client.clientTls,
    intercepted: client.intercepted,
  });
  let done = false;
  const end = () => {
    if (done) return false;
    done = true;
    exchange.timings.end = Date.now();
    ctx.store.updated(exchange);
    ctx.onFinished?.(exchange);
    return true;
  };
  const failWith = (error: unknown, headSent: boolean) => {
    if (done) return;
    const classified = classifyUpstreamError(error);
    exchange.state = 'error';
    exchange.error = {
      kind: classified.kind,
      message: classified.message,
      answeredStatus: headSent ? null : classified.status,
    };
    if (classified.kind === 'upstream-tls') ctx.onUpstreamTlsFailure?.(exchange, error);
    end();
    client.fail(
      classified.status,
      errorPage(classified.status, classified.kind, classified.message, classified.problem),
    );
  };

  const target: UpstreamTarget = {
    scheme: client.scheme,
    host: client.host,
    port: client.port,
    servername: /^[\d.]+$|:/.test(client.host) ? null : client.host,
    insecure: ctx.insecure(client.host),
  };
  let headSent = false;
  const call = ctx.pool.open(
    target,
    { method: client.method, path: client.path, headers: client.upstreamHeaders, hasBody: client.hasBody },
    exchange,
    {
      response: (res) => {
        if (done) return void res.body.resume();
        exchange.response = {
          statusCode: res.statusCode,
          statusMessage: res.statusMessage,
          httpVersion: res.httpVersion,
          headers: res.headers,
        };
        ctx.store.updated(exchange);
        let sink: Writable;
        try {
          sink = client.respond(res.statusCode, res.statusMessage, res.headers);
          headSent = true;
        } catch (error) {
          res.body.resume();
          return failWith(error, false);
        }
        if (isBodyless(client.method, res.statusCode)) {
          res.body.resume();
          sink.end();
          exchange.state = 'complete';
          end();
          return;
        }
        relay(res.body, sink, {
          onChunk: (chunk) => exchange.responseBody.add(chunk),
          onEnd: () => {
            exchange.state = 'complete';
            end();
          },
          onError: (error) => failWith(error, headSent),
        });
      },
      error: (error) => failWith(error, headSent),
    },
  );
  if (client.hasBody) {
    relay(client.body, call.sink, {
      onChunk: (chunk) => exchange.requestBody.add(chunk),
      onEnd: () => undefined,
      onError: () => call.abort(),
    });
  } else {
    // Nothing to read, but the stream must still be consumed so the connection can be reused.
    client.body.resume();
  }
  client.onAbort(() => {
    if (done) return;
    call.abort();
    exchange.state = 'error';
    exchange.error = {
      kind: 'client-aborted',
      message: 'The client closed the connection.',
      answeredStatus: null,
    };
    end();
  });
  return exchange;
}
