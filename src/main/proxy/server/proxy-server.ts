/**
 * The explicit HTTP/HTTPS proxy: one listening socket on 127.0.0.1 (by default). Plain HTTP arrives
 * as absolute-form requests; HTTPS arrives as CONNECT host:port, after which NetLab either tunnels
 * the bytes untouched (passthrough) or intercepts the TLS inside. Decrypted HTTP/1.1 connections go
 * to an internal, non-listening http.Server and HTTP/2 ones to an internal http2 server, so both
 * reuse Node's parsers and their limits.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import http2 from 'node:http2';
import net, { type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { SecureContext, TLSSocket } from 'node:tls';
import type { ProxyErrorKind, ProxySettings, TlsFailure } from '../../../shared/model/proxy';
import type { CertificateAuthority } from '../ca/certificate-authority';
import type { LeafMinter } from '../ca/leaf-minter';
import type { ExchangeStore } from '../record/exchange-store';
import type { KeyLog } from '../record/key-log';
import type { RecordedExchange } from '../record/recorded-exchange';
import { hostMatches, shouldIntercept } from '../settings';
import { upstreamCertificateProblem } from './tls-facts';
import { UpstreamPool } from '../upstream/upstream-pool';
import { buildUpstreamTrust } from '../upstream/trust-store';
import { handleWebSocketUpgrade } from '../websocket/websocket-relay';
import { http1ClientSide, http2ClientSide, originOfHttp1 } from './client-sides';
import { errorPage } from './error-pages';
import { forwardExchange, type ForwardContext } from './forward-exchange';
import { RealCertificateFetcher } from './real-certificate';
import { TlsInterceptor } from './tls-interceptor';
import type { TunnelInfo } from './tunnel-info';
import { serveProxyHomePage } from './home-page';

export interface ProxyServerDeps {
  settings: ProxySettings;
  ca: CertificateAuthority;
  minter: LeafMinter;
  store: ExchangeStore;
  keyLog: KeyLog;
  /** Extra CA certificates (PEM) trusted for upstream servers, e.g. a lab's own test CA. */
  extraUpstreamCaPems?: string[];
  log(line: string): void;
  onExchangeFinished?(exchange: RecordedExchange): void;
}

const TLS_HANDSHAKE_RECORD = 0x16;

export class ProxyServer {
  private readonly front: http.Server;
  private readonly tunnelHttp1: http.Server;
  private readonly tunnelHttp2: http2.Http2Server;
  private readonly tunnels = new WeakMap<object, TunnelInfo>();
  private readonly h2Sessions = new WeakMap<http2.Http2Session, TunnelInfo>();
  private pendingH2Tunnel: TunnelInfo | null = null;
  private readonly pool: UpstreamPool;
  private readonly interceptor: TlsInterceptor;
  private readonly forward: ForwardContext;
  private readonly realCertificates = new RealCertificateFetcher();
  private readonly openSockets = new Set<Socket>();
  private readonly trust: SecureContext;

  constructor(private readonly deps: ProxyServerDeps) {
    const s = deps.settings;
    const serverOptions: http.ServerOptions = {
      maxHeaderSize: s.maxHeaderBytes,
      headersTimeout: s.headersTimeoutMs,
      requestTimeout: 0,
      keepAliveTimeout: 30_000,
      // How often Node checks headersTimeout; the default (30 s) would make a short timeout useless.
      connectionsCheckingInterval: Math.min(1000, s.headersTimeoutMs),
    };
    this.front = http.createServer(serverOptions);
    this.tunnelHttp1 = http.createServer(serverOptions);
    // The internal server never listens, so start Node's connection tracking (headers timeout) by hand.
    this.tunnelHttp1.emit('listening');
    this.tunnelHttp2 = http2.createServer({ maxSessionMemory: 64 });
    this.pool = new UpstreamPool({
      keyLog: deps.keyLog,
      trust: (this.trust = buildUpstreamTrust(deps.extraUpstreamCaPems)),
      connectTimeoutMs: s.upstreamConnectTimeoutMs,
      responseTimeoutMs: s.upstreamResponseTimeoutMs,
    });
    this.forward = {
      store: deps.store,
      pool: this.pool,
      insecure: (host) => hostMatches(host, deps.settings.insecureUpstreamHosts),
      onFinished: (exchange) => {
        const leaf = exchange.serverTls?.certificates[0];
        if (leaf) this.realCertificates.remember(exchange.start.host, exchange.start.port, leaf);
        deps.onExchangeFinished?.(exchange);
      },
      onUpstreamTlsFailure: (exchange, error) => this.recordUpstreamTlsFailure(exchange, error),
    };
    this.interceptor = new TlsInterceptor({
      ca: deps.ca,
      minter: deps.minter,
      keyLog: deps.keyLog,
      realCertificates: this.realCertificates,
      recordFailure: (f) => this.recordTlsFailure(f),
      onSecure: (socket, info) => this.onDecrypted(socket, info),
      log: deps.log,
    });
    this.wire();
  }

  async listen(): Promise<{ host: string; port: number }> {
    const { host, port } = this.deps.settings;
    await new Promise<void>((resolve, reject) => {
      this.front.once('error', reject);
      this.front.listen(port, host, () => {
        this.front.off('error', reject);
        resolve();
      });
    });
    const address = this.front.address() as net.AddressInfo;
    return { host: address.address, port: address.port };
  }

  /** Host lists (passthrough, intercept-only, insecure) apply to new connections at once. */
  updateSettings(settings: ProxySettings): void {
    this.deps.settings = settings;
  }

  async close(): Promise<void> {
    this.pool.close();
    for (const socket of this.openSockets) socket.destroy();
    this.tunnelHttp2.close();
    this.tunnelHttp1.close();
    await new Promise<void>((resolve) => this.front.close(() => resolve()));
  }

  private wire(): void {
    this.front.on('connection', (socket: Socket) => {
      socket.setNoDelay(true);
      this.openSockets.add(socket);
      socket.once('close', () => this.openSockets.delete(socket));
    });
    this.front.on('request', (req, res) => this.onHttp1Request(req, res, null));
    this.front.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) =>
      this.onConnect(req, socket, head),
    );
    this.front.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.onUpgrade(req, socket, head, null),
    );
    this.front.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) =>
      this.onClientError(err, socket),
    );
    this.tunnelHttp1.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const info = this.tunnels.get(req.socket) ?? null;
      if (info) info.requested = true;
      this.onHttp1Request(req, res, info);
    });
    this.tunnelHttp1.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const info = this.tunnels.get(req.socket) ?? null;
      if (info) info.requested = true;
      this.onUpgrade(req, socket, head, info);
    });
    this.tunnelHttp1.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) =>
      this.onClientError(err, socket),
    );
    this.tunnelHttp2.on('session', (session) => {
      const info = this.pendingH2Tunnel;
      if (info) {
        this.h2Sessions.set(session, info);
        session.once('close', () => info.connectionClosed?.());
        // A client that hangs up (FIN) leaves a half-open session behind unless we end it.
        session.socket.once('end', () => session.close());
      }
      session.on('error', () => undefined);
    });
    this.tunnelHttp2.on('sessionError', () => undefined);
    this.tunnelHttp2.on('stream', (stream, headers) => {
      stream.on('error', () => undefined);
      const info = this.h2Sessions.get(stream.session as http2.Http2Session);
      if (!info || headers[':method'] === 'CONNECT') {
        stream.close(http2.constants.NGHTTP2_REFUSED_STREAM);
        return;
      }
      info.requested = true;
      forwardExchange(http2ClientSide(stream, headers, info), this.forward);
    });
  }

  private onHttp1Request(req: IncomingMessage, res: ServerResponse, tunnel: TunnelInfo | null): void {
    const origin = originOfHttp1(req, tunnel);
    if (!origin) {
      if (!tunnel && req.url?.startsWith('/')) return serveProxyHomePage(req, res, this.deps.ca);
      this.answerBadRequest(res, `Cannot proxy the request target ${JSON.stringify(req.url).slice(0, 200)}.`);
      return;
    }
    forwardExchange(http1ClientSide(req, res, origin, tunnel), this.forward);
  }

  private answerBadRequest(res: ServerResponse, detail: string): void {
    const html = errorPage(400, 'bad-request', detail);
    res.writeHead(400, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(html),
    });
    res.end(html);
  }

  private onConnect(req: IncomingMessage, socket: Socket, head: Buffer): void {
    socket.on('error', () => undefined);
    const match = /^\[?([^\]\s]+?)\]?:(\d{1,5})$/.exec(req.url ?? '');
    const port = match ? Number(match[2]) : 0;
    if (!match || port < 1 || port > 65535) {
      const html = errorPage(
        400,
        'bad-request',
        `CONNECT needs host:port, got ${JSON.stringify(req.url).slice(0, 100)}.`,
      );
      socket.end(
        `HTTP/1.1 400 Bad Request\r\ncontent-type: text/html\r\ncontent-length: ${Buffer.byteLength(html)}\r\n\r\n${html}`,
      );
      return;
    }
    const host = match[1].toLowerCase();
    const clientAddress = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (!shouldIntercept(host, this.deps.settings)) return this.passthrough(socket, head, host, port);
    const decide = (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      if (first[0] === TLS_HANDSHAKE_RECORD) {
        this.interceptor.intercept(socket, host, port, clientAddress);
      } else if (/^[A-Z]{3,10} /.test(first.subarray(0, 11).toString('latin1'))) {
        // Plain HTTP inside a tunnel (ws:// or http:// through CONNECT).
        const info: TunnelInfo = {
          scheme: 'http',
          host,
          port,
          sni: null,
          clientAddress,
          clientTls: null,
          intercepted: false,
          requested: false,
          secureAt: Date.now(),
        };
        this.tunnels.set(socket, info);
        this.tunnelHttp1.emit('connection', socket);
        socket.resume();
      } else {
        this.deps.log(
          `tunnel to ${host}:${port} from ${clientAddress}: neither TLS nor HTTP arrived; closed.`,
        );
        this.recordTlsFailure({
          time: Date.now(),
          side: 'client',
          cause: 'client-not-tls',
          host,
          port,
          sni: null,
          clientAddress,
          alert: null,
          errorCode: null,
          message: `Expected a TLS ClientHello, got bytes starting ${first.subarray(0, 8).toString('hex')}.`,
          possibleReasons: [],
          upstreamProblem: null,
          forgedCertificate: null,
          realCertificate: null,
          forgedSpkiPin: null,
          realSpkiPin: null,
        });
        socket.destroy();
      }
    };
    if (head.length > 0) return decide(head);
    const idle = setTimeout(() => socket.destroy(), this.deps.settings.headersTimeoutMs);
    socket.once('data', (first: Buffer) => {
      clearTimeout(idle);
      decide(first);
    });
    socket.once('close', () => clearTimeout(idle));
  }

  private passthrough(client: Socket, head: Buffer, host: string, port: number): void {
    const upstream = net.connect({ host, port });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.once('connect', () => {
      if (head.length > 0) upstream.write(head);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    this.deps.log(`passthrough tunnel to ${host}:${port} (not intercepted)`);
  }

  private onDecrypted(socket: TLSSocket, info: TunnelInfo): void {
    this.tunnels.set(socket, info);
    if (socket.alpnProtocol === 'h2') {
      this.pendingH2Tunnel = info;
      try {
        this.tunnelHttp2.emit('connection', socket);
      } finally {
        this.pendingH2Tunnel = null;
      }
    } else {
      this.tunnelHttp1.emit('connection', socket);
    }
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, tunnel: TunnelInfo | null): void {
    socket.on('error', () => undefined);
    const origin = originOfHttp1(req, tunnel);
    if (!origin || (req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    handleWebSocketUpgrade(req, socket, head, origin, tunnel, {
      store: this.deps.store,
      keyLog: this.deps.keyLog,
      insecure: this.forward.insecure(origin.host),
      trust: this.trust,
      onFinished: (exchange) => this.deps.onExchangeFinished?.(exchange),
    });
  }

  /** Malformed requests, oversized heads, smuggling attempts and slow clients end here. */
  private onClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
    const code = err.code ?? '';
    if (code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    let status = 400;
    let kind: ProxyErrorKind = 'bad-request';
    if (code === 'HPE_HEADER_OVERFLOW') {
      status = 431;
      kind = 'headers-too-large';
    } else if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'ERR_HTTP_HEADERS_TIMEOUT') {
      status = 408;
      kind = 'client-timeout';
    } else if (
      code === 'HPE_UNEXPECTED_CONTENT_LENGTH' ||
      (code === 'HPE_INVALID_TRANSFER_ENCODING' && /content-length/i.test(err.message))
    ) {
      kind = 'request-smuggling';
    }
    const exchange = this.deps.store.create({
      kind: 'http',
      method: '(invalid)',
      scheme: this.tunnels.get(socket)?.scheme ?? 'http',
      host: this.tunnels.get(socket)?.host ?? '',
      port: this.tunnels.get(socket)?.port ?? 0,
      target: '',
      path: '',
      clientHttpVersion: 'HTTP/1.1',
      requestHeaders: [],
      clientAddress: `${(socket as Socket).remoteAddress ?? '?'}:${(socket as Socket).remotePort ?? 0}`,
      clientTls: this.tunnels.get(socket)?.clientTls ?? null,
      intercepted: this.tunnels.get(socket)?.intercepted ?? false,
    });
    exchange.state = 'error';
    exchange.error = { kind, message: `${code}: ${err.message}`, answeredStatus: status };
    exchange.timings.end = Date.now();
    this.deps.store.updated(exchange);
    this.deps.onExchangeFinished?.(exchange);
    const html = errorPage(status, kind, `${code}: ${err.message}`);
    socket.end(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: text/html; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(html)}\r\nconnection: close\r\n\r\n${html}`,
    );
  }

  private recordUpstreamTlsFailure(exchange: RecordedExchange, error: unknown): void {
    const code = (error as NodeJS.ErrnoException)?.code ?? null;
    const problem = upstreamCertificateProblem(code ?? undefined);
    this.recordTlsFailure({
      time: Date.now(),
      side: 'upstream',
      cause: problem ? 'upstream-certificate-invalid' : 'upstream-handshake-failed',
      host: exchange.start.host,
      port: exchange.start.port,
      sni: exchange.start.clientTls?.sni ?? null,
      clientAddress: exchange.start.clientAddress,
      alert: null,
      errorCode: code,
      message: String((error as Error)?.message ?? error),
      possibleReasons: [],
      upstreamProblem: problem,
      forgedCertificate: null,
      realCertificate: null,
      forgedSpkiPin: null,
      realSpkiPin: null,
    });
  }

  private recordTlsFailure(failure: Omit<TlsFailure, 'id'>): void {
    const recorded = this.deps.store.addTlsFailure(failure);
    this.deps.log(
      `TLS failure (${recorded.side}) ${recorded.host}:${recorded.port}: ${recorded.cause}` +
        `${recorded.alert ? ` alert ${recorded.alert.name}(${recorded.alert.code})` : ''}` +
        `${recorded.errorCode ? ` ${recorded.errorCode}` : ''}` +
        `${recorded.realSpkiPin ? ` real pin ${recorded.realSpkiPin} forged pin ${recorded.forgedSpkiPin}` : ''}`,
    );
  }
}
