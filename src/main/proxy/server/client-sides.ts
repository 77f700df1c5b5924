/** Adapters from the client's HTTP/1.1 and HTTP/2 objects to the version-independent ClientSide. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import http from 'node:http';
import http2, { type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import type { HeaderLine } from '../../../shared/model/proxy';
import {
  fromHttp2Headers,
  fromRawHeaders,
  http2RequestToHttp1,
  toHttp1ResponseHeaders,
  toHttp2ResponseHeaders,
  withoutHopByHop,
} from '../upstream/header-translation';
import type { ClientSide } from './forward-exchange';
import type { TunnelInfo } from './tunnel-info';

export interface RequestOrigin {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  path: string;
}

/** Where an HTTP/1.1 request goes: the tunnel's host, or the absolute-form URL of a plain proxy request. */
export function originOfHttp1(req: IncomingMessage, tunnel: TunnelInfo | null): RequestOrigin | null {
  const target = req.url ?? '';
  if (tunnel) {
    if (!target.startsWith('/') && target !== '*') return null;
    return { scheme: tunnel.scheme, host: tunnel.host, port: tunnel.port, path: target };
  }
  if (!/^http:\/\//i.test(target)) return null;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return null;
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { scheme: 'http', host, port: Number(url.port || 80), path: `${url.pathname}${url.search}` };
}

export function http1ClientSide(
  req: IncomingMessage,
  res: ServerResponse,
  origin: RequestOrigin,
  tunnel: TunnelInfo | null,
): ClientSide {
  const headers = fromRawHeaders(req.rawHeaders);
  const upstreamHeaders = withoutHopByHop(headers);
  if (!upstreamHeaders.some((h) => h.name.toLowerCase() === 'host')) {
    upstreamHeaders.unshift({ name: 'Host', value: hostHeader(origin) });
  }
  const contentLength = Number(req.headers['content-length'] ?? 0);
  return {
    method: req.method ?? 'GET',
    target: req.url ?? '',
    scheme: origin.scheme,
    host: origin.host,
    port: origin.port,
    path: origin.path,
    httpVersion: `HTTP/${req.httpVersion}`,
    headers,
    upstreamHeaders,
    hasBody: req.headers['transfer-encoding'] !== undefined || contentLength > 0,
    body: req,
    clientAddress: `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? 0}`,
    clientTls: tunnel?.clientTls ?? null,
    intercepted: tunnel?.intercepted ?? false,
    respond(statusCode, statusMessage, responseHeaders) {
      res.writeHead(statusCode, statusMessage, toHttp1ResponseHeaders(responseHeaders));
      return res;
    },
    fail(statusCode, html) {
      if (res.headersSent) return void res.destroy();
      const body = Buffer.from(html, 'utf8');
      res.writeHead(statusCode, http.STATUS_CODES[statusCode] ?? 'Error', {
        'content-type': 'text/html; charset=utf-8',
        'content-length': body.length,
        'x-netlab-error': 'true',
      });
      res.end(body);
    },
    onAbort(callback) {
      res.once('close', () => {
        if (!res.writableFinished) callback();
      });
    },
  };
}

export function http2ClientSide(
  stream: ServerHttp2Stream,
  headers: IncomingHttpHeaders,
  tunnel: TunnelInfo,
): ClientSide {
  const path = String(headers[':path'] ?? '/');
  const recorded: HeaderLine[] = fromHttp2Headers(headers);
  return {
    method: String(headers[':method'] ?? 'GET'),
    target: path,
    scheme: tunnel.scheme,
    host: tunnel.host,
    port: tunnel.port,
    path,
    httpVersion: 'HTTP/2',
    headers: recorded,
    upstreamHeaders: http2RequestToHttp1(headers),
    hasBody: !stream.endAfterHeaders,
    body: stream,
    clientAddress: tunnel.clientAddress,
    clientTls: tunnel.clientTls,
    intercepted: tunnel.intercepted,
    respond(statusCode, _statusMessage, responseHeaders) {
      stream.respond(toHttp2ResponseHeaders(statusCode, responseHeaders));
      return stream;
    },
    fail(statusCode, html) {
      if (stream.destroyed || stream.closed) return;
      if (stream.headersSent) return void stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
      stream.respond({
        ':status': statusCode,
        'content-type': 'text/html; charset=utf-8',
        'x-netlab-error': 'true',
      });
      stream.end(html);
    },
    onAbort(callback) {
      stream.once('aborted', callback);
    },
  };
}

function hostHeader(origin: RequestOrigin): string {
  const defaultPort = origin.scheme === 'https' ? 443 : 80;
  const host = origin.host.includes(':') ? `[${origin.host}]` : origin.host;
  return origin.port === defaultPort ? host : `${host}:${origin.port}`;
}
