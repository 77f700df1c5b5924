/**
 * Relays a WebSocket upgrade to the real server and records the messages in both directions. The
 * bytes pass through unchanged; parsers only watch. NetLab removes the permessage-deflate offer
 * from the request so messages travel uncompressed and their previews stay readable (the server
 * then simply does not compress; both ends remain standard-conformant).
 */
import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls, { type SecureContext, type TLSSocket } from 'node:tls';
import type { WebSocketDirection, WebSocketMessage } from '../../../shared/model/proxy';
import type { ExchangeStore } from '../record/exchange-store';
import type { KeyLog } from '../record/key-log';
import type { RecordedExchange } from '../record/recorded-exchange';
import type { RequestOrigin } from '../server/client-sides';
import { peerCertificateChain, tlsSessionInfo } from '../server/tls-facts';
import type { TunnelInfo } from '../server/tunnel-info';
import { classifyUpstreamError } from '../upstream/classify-error';
import { fromRawHeaders } from '../upstream/header-translation';
import { WebSocketFrameParser, type ParsedWsMessage } from './websocket-frame-parser';

const TEXT_PREVIEW_BYTES = 4096;
const MAX_RESPONSE_HEAD_BYTES = 64 * 1024;

export interface WebSocketRelayDeps {
  store: ExchangeStore;
  keyLog: KeyLog;
  insecure: boolean;
  trust: SecureContext | undefined;
  onFinished(exchange: RecordedExchange): void;
}

export function handleWebSocketUpgrade(
  req: IncomingMessage,
  client: Duplex,
  head: Buffer,
  origin: RequestOrigin,
  tunnel: TunnelInfo | null,
  deps: WebSocketRelayDeps,
): void {
  const headers = fromRawHeaders(req.rawHeaders);
  const exchange = deps.store.create({
    kind: 'websocket',
    method: req.method ?? 'GET',
    scheme: origin.scheme,
    host: origin.host,
    port: origin.port,
    target: req.url ?? '',
    path: origin.path,
    clientHttpVersion: `HTTP/${req.httpVersion}`,
    requestHeaders: headers,
    clientAddress: `${(client as net.Socket).remoteAddress ?? tunnel?.clientAddress ?? '?'}`,
    clientTls: tunnel?.clientTls ?? null,
    intercepted: tunnel?.intercepted ?? false,
  });
  let ended = false;
  const finish = (errorMessage: string | null) => {
    if (ended) return;
    ended = true;
    if (errorMessage && exchange.state === 'pending') {
      const c = classifyUpstreamError(new Error(errorMessage));
      exchange.state = 'error';
      exchange.error = { kind: c.kind, message: errorMessage, answeredStatus: null };
    } else if (exchange.state === 'pending') exchange.state = 'complete';
    exchange.timings.end = Date.now();
    deps.store.updated(exchange);
    deps.onFinished(exchange);
  };

  const upstream: net.Socket =
    origin.scheme === 'https'
      ? tls.connect({
          host: origin.host,
          port: origin.port,
          servername: net.isIP(origin.host) ? undefined : origin.host,
          ALPNProtocols: ['http/1.1'],
          secureContext: deps.insecure ? undefined : deps.trust,
          rejectUnauthorized: !deps.insecure,
        })
      : net.connect({ host: origin.host, port: origin.port });
  upstream.on('keylog', (line: Buffer) => deps.keyLog.add(line));
  upstream.once(origin.scheme === 'https' ? 'secureConnect' : 'connect', () => {
    exchange.timings.connected = Date.now();
    exchange.serverAddress = upstream.remoteAddress ?? null;
    if (origin.scheme === 'https') {
      const t = upstream as TLSSocket;
      exchange.timings.tlsHandshakeDone = Date.now();
      exchange.serverTls = tlsSessionInfo(
        t,
        net.isIP(origin.host) ? null : origin.host,
        peerCertificateChain(t),
        {
          verified: t.authorized,
          verifyError: t.authorized ? null : String(t.authorizationError ?? ''),
        },
      );
    }
    const lines = [`${req.method} ${origin.path} HTTP/1.1`];
    for (const h of headers) {
      const lower = h.name.toLowerCase();
      if (lower === 'sec-websocket-extensions' || lower === 'proxy-connection') continue;
      lines.push(`${h.name}: ${h.value}`);
    }
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    exchange.timings.requestSent = Date.now();
  });
  upstream.on('error', (error) => {
    const c = classifyUpstreamError(error);
    if (exchange.response === null && client.writable) {
      client.end(`HTTP/1.1 ${c.status} Bad Gateway\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    } else client.destroy();
    finish(c.message);
  });
  client.on('error', () => upstream.destroy());
  client.once('close', () => {
    upstream.destroy();
    finish(null);
  });
  upstream.once('close', () => {
    client.destroy();
    finish(null);
  });

  // Read the response head ourselves, then switch both directions to watched piping.
  const headChunks: Buffer[] = [];
  let headLength = 0;
  const onHeadData = (chunk: Buffer) => {
    headChunks.push(chunk);
    headLength += chunk.length;
    const all = Buffer.concat(headChunks, headLength);
    const end = all.indexOf('\r\n\r\n');
    if (end < 0) {
      if (headLength > MAX_RESPONSE_HEAD_BYTES) upstream.destroy(new Error('Response head too large.'));
      return;
    }
    upstream.off('data', onHeadData);
    exchange.timings.firstByte = Date.now();
    const headText = all.subarray(0, end).toString('latin1');
    const [statusLine, ...headerLines] = headText.split('\r\n');
    const status = /^HTTP\/(\d\.\d) (\d{3}) ?(.*)$/.exec(statusLine);
    exchange.upstreamHttpVersion = status ? `HTTP/${status[1]}` : null;
    exchange.response = {
      statusCode: status ? Number(status[2]) : 0,
      statusMessage: status?.[3] ?? '',
      httpVersion: exchange.upstreamHttpVersion ?? 'HTTP/1.1',
      headers: headerLines.map((line) => {
        const colon = line.indexOf(':');
        return { name: line.slice(0, colon), value: line.slice(colon + 1).trim() };
      }),
    };
    deps.store.updated(exchange);
    client.write(all.subarray(0, end + 4));
    const rest = all.subarray(end + 4);
    const record = (direction: WebSocketDirection) => (m: ParsedWsMessage) =>
      deps.store.addWebSocketMessage(exchange, toMessage(exchange, direction, m));
    const fromServer = new WebSocketFrameParser(TEXT_PREVIEW_BYTES, record('server-to-client'));
    const fromClient = new WebSocketFrameParser(TEXT_PREVIEW_BYTES, record('client-to-server'));
    if (rest.length > 0) {
      fromServer.push(rest);
      client.write(rest);
    }
    watchedPipe(upstream, client, (c) => fromServer.push(c));
    watchedPipe(client, upstream, (c) => fromClient.push(c));
  };
  upstream.on('data', onHeadData);
}

function watchedPipe(source: Duplex, sink: Duplex, watch: (chunk: Buffer) => void): void {
  source.on('data', (chunk: Buffer) => {
    watch(chunk);
    if (!sink.write(chunk)) {
      source.pause();
      sink.once('drain', () => source.resume());
    }
  });
  source.once('end', () => sink.end());
}

function toMessage(
  exchange: RecordedExchange,
  direction: WebSocketDirection,
  m: ParsedWsMessage,
): WebSocketMessage {
  const isText = m.opcode === 'text' || (m.opcode === 'close' && m.preview.length > 2);
  return {
    exchangeId: exchange.id,
    index: exchange.websocketMessagesSeen,
    time: Date.now(),
    direction,
    opcode: m.opcode,
    size: m.size,
    preview:
      m.opcode === 'close'
        ? m.preview.subarray(2).toString('utf8')
        : isText && !m.compressed
          ? m.preview.toString('utf8')
          : m.preview.subarray(0, 512).toString('hex'),
    previewTruncated: m.previewTruncated,
    closeCode: m.closeCode,
  };
}
