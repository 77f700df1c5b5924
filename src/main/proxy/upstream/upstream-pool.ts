/**
 * Connections from NetLab to real servers, kept alive and reused. The first TLS connection to an
 * origin offers ALPN h2 and http/1.1: when the server picks h2, one multiplexed HTTP/2 session serves
 * every later request to it; when it picks http/1.1, later requests go through a keep-alive agent
 * pool (which offers only http/1.1 so pooled sockets never land on h2 by surprise).
 */
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import type { Socket } from 'node:net';
import tls, { type SecureContext, type TLSSocket } from 'node:tls';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import type { HeaderLine, TlsSessionInfo } from '../../../shared/model/proxy';
import type { KeyLog } from '../record/key-log';
import type { RecordedExchange } from '../record/recorded-exchange';
import { peerCertificateChain, tlsSessionInfo } from '../server/tls-facts';
import { UpstreamTimeoutError } from './classify-error';
import { toHttp2RequestHeaders, fromHttp2Headers, fromRawHeaders } from './header-translation';

export interface UpstreamTarget {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** Server name for SNI and certificate checks; null for IP addresses. */
  servername: string | null;
  /** Skip certificate verification (the user allowed this host explicitly). */
  insecure: boolean;
}

export interface UpstreamRequest {
  method: string;
  path: string;
  /** HTTP/1.1-style headers (with Host), hop-by-hop headers already removed. */
  headers: HeaderLine[];
  /** Whether the request has a body to stream (false: the sink is ended at once). */
  hasBody: boolean;
}

export interface UpstreamResponse {
  statusCode: number;
  statusMessage: string;
  httpVersion: string;
  headers: HeaderLine[];
  body: Readable;
}

export interface UpstreamCall {
  /** Where the request body goes; call end() when the client's body ends. */
  sink: Writable;
  abort(): void;
}

export interface UpstreamHandlers {
  response(response: UpstreamResponse): void;
  error(error: Error): void;
}

export interface UpstreamPoolOptions {
  keyLog: KeyLog;
  trust: SecureContext | undefined;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
}

interface H2Entry {
  session: http2.ClientHttp2Session;
  tls: TlsSessionInfo;
  serverAddress: string | null;
}

export class UpstreamPool {
  private readonly httpAgent = new http.Agent({
    keepAlive: true,
    maxSockets: 256,
    maxFreeSockets: 256,
    noDelay: true,
  });
  private readonly secureAgent: https.Agent;
  private readonly insecureAgent: https.Agent;
  private readonly protocols = new Map<string, 'h2' | 'http/1.1'>();
  private readonly h2Sessions = new Map<string, H2Entry>();
  /** TLS facts per pooled socket, computed once per connection rather than once per request. */
  private readonly socketTls = new WeakMap<Socket, TlsSessionInfo>();

  constructor(private readonly options: UpstreamPoolOptions) {
    // noDelay: a request head and body written separately must not wait for Nagle's algorithm.
    const common = {
      keepAlive: true,
      maxSockets: 256,
      maxFreeSockets: 256,
      ALPNProtocols: ['http/1.1'],
      noDelay: true,
    };
    this.secureAgent = new https.Agent({ ...common, secureContext: options.trust, rejectUnauthorized: true });
    this.insecureAgent = new https.Agent({ ...common, rejectUnauthorized: false });
    for (const agent of [this.secureAgent, this.insecureAgent]) {
      agent.on('keylog', (line: Buffer) => options.keyLog.add(line));
    }
  }

  /** Starts a request; the response or the error arrives through `handlers`. */
  open(
    target: UpstreamTarget,
    request: UpstreamRequest,
    exchange: RecordedExchange,
    handlers: UpstreamHandlers,
  ): UpstreamCall {
    const key = originKey(target);
    const timer = new ResponseTimer(this.options.responseTimeoutMs, handlers);
    const guarded: UpstreamHandlers = {
      response: (r) => {
        timer.clear();
        handlers.response(r);
      },
      error: (e) => {
        if (timer.clear()) handlers.error(e);
      },
    };
    if (target.scheme === 'https') {
      const h2 = this.h2Sessions.get(key);
      if (h2 && !h2.session.closed && !h2.session.destroyed) {
        return timer.track(this.h2Request(h2, target, request, exchange, guarded));
      }
      if (this.protocols.get(key) !== 'http/1.1') {
        return timer.track(this.probeThenRequest(key, target, request, exchange, guarded));
      }
    }
    return timer.track(this.http1Request(target, request, exchange, guarded, null));
  }

  close(): void {
    this.httpAgent.destroy();
    this.secureAgent.destroy();
    this.insecureAgent.destroy();
    for (const entry of this.h2Sessions.values()) entry.session.destroy();
    this.h2Sessions.clear();
  }

  private http1Request(
    target: UpstreamTarget,
    request: UpstreamRequest,
    exchange: RecordedExchange,
    handlers: UpstreamHandlers,
    probeSocket: TLSSocket | null,
  ): UpstreamCall {
    const flatHeaders: string[] = [];
    for (const h of request.headers) flatHeaders.push(h.name, h.value);
    const isHttps = target.scheme === 'https';
    const base = {
      host: target.host,
      port: target.port,
      method: request.method,
      path: request.path,
      headers: flatHeaders as unknown as http.OutgoingHttpHeaders,
      setHost: false,
    };
    let req: http.ClientRequest;
    if (probeSocket) {
      req = http.request({ ...base, createConnection: () => probeSocket });
    } else if (isHttps) {
      req = https.request({
        ...base,
        servername: target.servername ?? undefined,
        agent: target.insecure ? this.insecureAgent : this.secureAgent,
      });
    } else {
      req = http.request({ ...base, agent: this.httpAgent });
    }
    exchange.upstreamHttpVersion = 'HTTP/1.1';
    req.on('socket', (socket) => this.watchSocket(socket, target, exchange));
    req.on('response', (res) => {
      exchange.timings.firstByte = Date.now();
      handlers.response({
        statusCode: res.statusCode ?? 0,
        statusMessage: res.statusMessage ?? '',
        httpVersion: `HTTP/${res.httpVersion}`,
        headers: fromRawHeaders(res.rawHeaders),
        body: res,
      });
    });
    req.on('error', (e) => handlers.error(e));
    req.on('finish', () => {
      exchange.timings.requestSent ??= Date.now();
    });
    if (!request.hasBody) req.end();
    else req.flushHeaders();
    return { sink: req, abort: () => req.destroy() };
  }

  /** Fills timings and TLS facts from the socket a request got (new or pooled). */
  private watchSocket(socket: Socket, target: UpstreamTarget, exchange: RecordedExchange): void {
    const known = this.socketTls.get(socket);
    if (known) {
      exchange.serverTls = known;
      exchange.serverAddress = socket.remoteAddress ?? null;
      return;
    }
    const onSecure = () => {
      const tlsSocket = socket as TLSSocket;
      exchange.timings.tlsHandshakeDone = Date.now();
      const info = this.describeUpstream(tlsSocket, target);
      this.socketTls.set(socket, info);
      exchange.serverTls = info;
    };
    if (socket.connecting) {
      socket.once('connect', () => {
        exchange.timings.connected = Date.now();
        exchange.serverAddress = socket.remoteAddress ?? null;
      });
      if (target.scheme === 'https') socket.once('secureConnect', onSecure);
    } else {
      exchange.serverAddress = socket.remoteAddress ?? null;
      if (target.scheme === 'https' && (socket as TLSSocket).encrypted && !this.socketTls.has(socket)) {
        // A pooled socket from before we watched it, or a socket still finishing its handshake.
        if ((socket as TLSSocket).getProtocol()) onSecure();
        else socket.once('secureConnect', onSecure);
      }
    }
  }

  private describeUpstream(socket: TLSSocket, target: UpstreamTarget): TlsSessionInfo {
    const verifyError = socket.authorized ? null : String(socket.authorizationError ?? 'unverified');
    return tlsSessionInfo(socket, target.servername, peerCertificateChain(socket), {
      verified: socket.authorized,
      verifyError,
    });
  }

  /** First TLS connection to an origin: learn whether it speaks h2, then send the request on it. */
  private probeThenRequest(
    key: string,
    target: UpstreamTarget,
    request: UpstreamRequest,
    exchange: RecordedExchange,
    handlers: UpstreamHandlers,
  ): UpstreamCall {
    let call: UpstreamCall | null = null;
    let aborted = false;
    const pendingWrites = new DeferredSink();
    const socket = tls.connect({
      host: target.host,
      port: target.port,
      servername: target.servername ?? undefined,
      ALPNProtocols: ['h2', 'http/1.1'],
      secureContext: target.insecure ? undefined : this.options.trust,
      rejectUnauthorized: !target.insecure,
    });
    socket.setNoDelay(true);
    socket.on('keylog', (line) => this.options.keyLog.add(line));
    const connectTimer = setTimeout(() => {
      socket.destroy(new UpstreamTimeoutError('connect', this.options.connectTimeoutMs));
    }, this.options.connectTimeoutMs);
    socket.once('connect', () => {
      exchange.timings.connected = Date.now();
      exchange.serverAddress = socket.remoteAddress ?? null;
    });
    const onEarlyError = (e: Error) => {
      clearTimeout(connectTimer);
      handlers.error(e);
    };
    socket.once('error', onEarlyError);
    socket.once('secureConnect', () => {
      clearTimeout(connectTimer);
      socket.off('error', onEarlyError);
      exchange.timings.tlsHandshakeDone = Date.now();
      const info = this.describeUpstream(socket, target);
      exchange.serverTls = info;
      if (aborted) return void socket.destroy();
      if (socket.alpnProtocol === 'h2') {
        this.protocols.set(key, 'h2');
        const entry = this.createH2Session(key, target, socket, info);
        call = this.h2Request(entry, target, request, exchange, handlers);
      } else {
        this.protocols.set(key, 'http/1.1');
        this.socketTls.set(socket, info);
        call = this.http1Request(target, request, exchange, handlers, socket);
      }
      pendingWrites.attach(call.sink, request.hasBody);
    });
    return {
      sink: pendingWrites.writable,
      abort: () => {
        aborted = true;
        if (call) call.abort();
        else socket.destroy();
      },
    };
  }

  private createH2Session(
    key: string,
    target: UpstreamTarget,
    socket: TLSSocket,
    info: TlsSessionInfo,
  ): H2Entry {
    const authority = `https://${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
    const session = http2.connect(authority, { createConnection: () => socket });
    const entry: H2Entry = { session, tls: info, serverAddress: socket.remoteAddress ?? null };
    this.h2Sessions.set(key, entry);
    const forget = () => {
      if (this.h2Sessions.get(key) === entry) this.h2Sessions.delete(key);
    };
    session.on('close', forget);
    session.on('goaway', forget);
    // Session errors reach each stream too; this listener only stops an unhandled 'error' crash.
    session.on('error', forget);
    return entry;
  }

  private h2Request(
    entry: H2Entry,
    target: UpstreamTarget,
    request: UpstreamRequest,
    exchange: RecordedExchange,
    handlers: UpstreamHandlers,
  ): UpstreamCall {
    exchange.upstreamHttpVersion = 'HTTP/2';
    exchange.serverTls = entry.tls;
    exchange.serverAddress = entry.serverAddress;
    const stream = entry.session.request(toHttp2RequestHeaders(request, target), {
      endStream: !request.hasBody,
    });
    stream.on('ready', () => {
      if (!request.hasBody) exchange.timings.requestSent = Date.now();
    });
    stream.on('finish', () => {
      exchange.timings.requestSent ??= Date.now();
    });
    stream.on('response', (headers) => {
      exchange.timings.firstByte = Date.now();
      const status = Number(headers[':status'] ?? 0);
      handlers.response({
        statusCode: status,
        statusMessage: http.STATUS_CODES[status] ?? '',
        httpVersion: 'HTTP/2',
        headers: fromHttp2Headers(headers),
        body: stream,
      });
    });
    stream.on('error', (e) => handlers.error(e));
    return { sink: stream, abort: () => stream.close(http2.constants.NGHTTP2_CANCEL) };
  }
}

function originKey(t: UpstreamTarget): string {
  return `${t.scheme}://${t.host}:${t.port}|${t.servername ?? ''}|${t.insecure ? 'insecure' : 'verified'}`;
}

/** One timer per request: no response head within the limit → the call fails with a timeout. */
class ResponseTimer {
  private timer: NodeJS.Timeout | null;
  private call: UpstreamCall | null = null;
  private fired = false;

  constructor(ms: number, handlers: UpstreamHandlers) {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.fired = true;
      handlers.error(new UpstreamTimeoutError('response', ms));
      this.call?.abort();
    }, ms);
  }

  track(call: UpstreamCall): UpstreamCall {
    this.call = call;
    return call;
  }

  /** Returns false when the timer already fired (so the caller must not report twice). */
  clear(): boolean {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return !this.fired;
  }
}

/**
 * A sink that accepts the client's body before the upstream request exists (while the first TLS
 * handshake runs) and forwards to the real sink once attached, keeping backpressure.
 */
class DeferredSink {
  readonly writable = new PassThrough({ highWaterMark: 64 * 1024 });
  attach(target: Writable, hasBody: boolean): void {
    if (hasBody) this.writable.pipe(target);
  }
}
