/**
 * HAR 1.2 export (http://www.softwareishard.com/blog/har-12-spec/). NetLab-specific facts ride in
 * underscore-prefixed fields, which the spec reserves for custom data: `_netlab` on every entry
 * (TLS sessions of both legs, errors), `_webSocketMessages` (Chrome DevTools' name) and, for each
 * TLS failure, an entry whose request is the CONNECT that failed and whose `_netlabTlsFailure`
 * explains it, so a HAR alone shows why an app could not be intercepted.
 */
import type { HeaderLine, TlsFailure } from '../../../shared/model/proxy';
import { decodeBody, parseContentEncodings } from '../record/body-decoding';
import { headerValue, type RecordedExchange } from '../record/recorded-exchange';

export interface HarHeader {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: { name: string; value: string }[];
    headers: HarHeader[];
    queryString: { name: string; value: string }[];
    postData?: { mimeType: string; text: string; params?: []; _encoding?: 'base64' };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: { name: string; value: string }[];
    headers: HarHeader[];
    content: {
      size: number;
      mimeType: string;
      text?: string;
      encoding?: 'base64';
      compression?: number;
      comment?: string;
    };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
    _error?: string;
  };
  cache: Record<string, never>;
  timings: {
    blocked: number;
    dns: number;
    connect: number;
    ssl: number;
    send: number;
    wait: number;
    receive: number;
  };
  serverIPAddress?: string;
  comment?: string;
  _netlab?: unknown;
  _webSocketMessages?: { type: 'send' | 'receive'; time: number; opcode: number; data: string }[];
  _netlabTlsFailure?: TlsFailure;
}

export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    pages: [];
    entries: HarEntry[];
    comment?: string;
  };
}

const TEXT_MIME = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|[\w.+-]+\+(json|xml)))/i;

function isTextual(mime: string, bytes: Buffer): boolean {
  if (TEXT_MIME.test(mime)) return true;
  if (mime !== '' && mime !== 'x-unknown') return false;
  return bytes.every((b) => b >= 0x09 && b !== 0x7f);
}

function bodyForHar(bytes: Buffer, mime: string): { text: string; encoding?: 'base64' } {
  if (isTextual(mime, bytes)) {
    const text = bytes.toString('utf8');
    if (!text.includes('\uFFFD')) return { text };
  }
  return { text: bytes.toString('base64'), encoding: 'base64' };
}

function duration(from: number | null, to: number | null): number {
  return from !== null && to !== null ? Math.max(0, to - from) : -1;
}

function toHarHeaders(headers: readonly HeaderLine[]): HarHeader[] {
  return headers.map((h) => ({ name: h.name, value: h.value }));
}

function cookiesOf(header: string | null, separator: RegExp): { name: string; value: string }[] {
  if (!header) return [];
  return header
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part.includes('='))
    .map((part) => {
      const eq = part.indexOf('=');
      return {
        name: part.slice(0, eq).trim(),
        value: part
          .slice(eq + 1)
          .split(';')[0]
          .trim(),
      };
    });
}

/** "::ffff:127.0.0.1" → "127.0.0.1": HAR validators expect a plain IPv4 or IPv6 address. */
function plainIp(address: string | null): string | undefined {
  if (!address) return undefined;
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

export function exchangeToHarEntry(e: RecordedExchange): HarEntry {
  const s = e.start;
  const t = e.timings;
  let query: { name: string; value: string }[] = [];
  let url = e.url;
  try {
    const parsed = new URL(e.url);
    query = [...parsed.searchParams.entries()].map(([name, value]) => ({ name, value }));
  } catch {
    url = `${s.scheme}://${s.host}/`;
  }
  const requestMime = headerValue(s.requestHeaders, 'content-type') ?? '';
  const responseHeaders = e.response?.headers ?? [];
  const responseMime = headerValue(responseHeaders, 'content-type') ?? 'x-unknown';
  const imported = s.source === 'har-import';
  const encodings = imported ? [] : parseContentEncodings(headerValue(responseHeaders, 'content-encoding'));
  const raw = e.responseBody.bytes();
  const decoded = decodeBody(raw, encodings, e.responseBody.truncated);
  const content = decoded.decoded ?? raw;
  const afterTls = t.tlsHandshakeDone ?? t.connected ?? t.start;
  const entry: HarEntry = {
    startedDateTime: new Date(t.start).toISOString(),
    time: t.end === null ? 0 : Math.max(0, t.end - t.start),
    request: {
      method: s.method,
      url,
      httpVersion: s.clientHttpVersion,
      cookies: cookiesOf(headerValue(s.requestHeaders, 'cookie'), /;/),
      headers: toHarHeaders(s.requestHeaders),
      queryString: query,
      headersSize: -1,
      bodySize: e.requestBody.size,
    },
    response: {
      status: e.response?.statusCode ?? 0,
      statusText: e.response?.statusMessage ?? '',
      httpVersion: e.response?.httpVersion ?? '',
      cookies: responseHeaders
        .filter((h) => h.name.toLowerCase() === 'set-cookie')
        .flatMap((h) => cookiesOf(h.value, /\n/)),
      headers: toHarHeaders(responseHeaders),
      content: {
        size: decoded.decoded ? decoded.decoded.length : e.responseBody.size,
        mimeType: responseMime,
        ...(content.length > 0 ? bodyForHar(content, responseMime) : {}),
        ...(decoded.decoded ? { compression: decoded.decoded.length - raw.length } : {}),
        ...(e.responseBody.truncated
          ? {
              comment: `NetLab kept the first ${e.responseBody.capturedSize} of ${e.responseBody.size} bytes.`,
            }
          : {}),
      },
      redirectURL: headerValue(responseHeaders, 'location') ?? '',
      headersSize: -1,
      bodySize: e.responseBody.size,
      ...(e.error ? { _error: e.error.kind } : {}),
    },
    cache: {},
    timings: {
      blocked: -1,
      dns: -1,
      connect: duration(t.start, t.connected),
      ssl: duration(t.connected, t.tlsHandshakeDone),
      send: Math.max(0, duration(afterTls, t.requestSent)),
      wait: Math.max(0, duration(t.requestSent, t.firstByte)),
      receive: Math.max(0, duration(t.firstByte, t.end)),
    },
    _netlab: {
      id: e.id,
      kind: s.kind,
      intercepted: s.intercepted,
      upstreamHttpVersion: e.upstreamHttpVersion,
      clientTls: s.clientTls,
      serverTls: e.serverTls,
      error: e.error,
      requestBodyTruncated: e.requestBody.truncated,
      responseBodyTruncated: e.responseBody.truncated,
    },
  };
  const ip = plainIp(e.serverAddress);
  if (ip) entry.serverIPAddress = ip;
  if (e.requestBody.size > 0) {
    const body = bodyForHar(e.requestBody.bytes(), requestMime);
    entry.request.postData = {
      mimeType: requestMime,
      text: body.text,
      ...(body.encoding ? { _encoding: body.encoding } : {}),
    };
  }
  if (e.error) entry.comment = `NetLab: ${e.error.kind}: ${e.error.message}`;
  if (e.websocketMessages.length > 0) {
    const opcodes = { text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;
    entry._webSocketMessages = e.websocketMessages.map((m) => ({
      type: m.direction === 'client-to-server' ? 'send' : 'receive',
      time: m.time / 1000,
      opcode: opcodes[m.opcode],
      data: m.preview,
    }));
  }
  return entry;
}

export function tlsFailureToHarEntry(f: TlsFailure): HarEntry {
  const host = f.host.includes(':') ? `[${f.host}]` : f.host;
  const explanation =
    f.side === 'client'
      ? `The client refused NetLab's certificate for ${f.host} (${f.cause}${f.alert ? `, alert ${f.alert.name}` : ''}). ` +
        `Either NetLab's CA is not trusted on that client, or the app pins the real certificate. ` +
        `Real pin ${f.realSpkiPin ?? 'unknown'}, NetLab's pin ${f.forgedSpkiPin ?? 'unknown'}.`
      : `The real server's certificate for ${f.host} failed verification (${f.upstreamProblem ?? f.errorCode ?? f.cause}).`;
  return {
    startedDateTime: new Date(f.time).toISOString(),
    time: 0,
    request: {
      method: 'CONNECT',
      url: `https://${host}:${f.port}/`,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      queryString: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: 0,
      statusText: '',
      httpVersion: '',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      _error: f.cause,
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: 0, receive: 0 },
    comment: explanation,
    _netlabTlsFailure: f,
  };
}

export function buildHar(exchanges: RecordedExchange[], failures: TlsFailure[], version: string): Har {
  const entries = [...exchanges.map(exchangeToHarEntry), ...failures.map(tlsFailureToHarEntry)];
  entries.sort((a, b) => a.startedDateTime.localeCompare(b.startedDateTime));
  return {
    log: {
      version: '1.2',
      creator: { name: 'NetLab', version },
      pages: [],
      entries,
    },
  };
}
