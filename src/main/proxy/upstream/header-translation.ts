/**
 * Header conversions between the legs. HTTP/1.1 keeps names as sent and in order; HTTP/2 wants lower
 * case, pseudo-headers first, and forbids connection-specific headers (RFC 9113 §8.2.2), so the
 * proxy must strip those when a request or response crosses from one version to the other.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http2';
import type { HeaderLine } from '../../../shared/model/proxy';
import type { UpstreamRequest, UpstreamTarget } from './upstream-pool';

/** Hop-by-hop headers: they describe one connection and are never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
]);

export function fromRawHeaders(raw: readonly string[]): HeaderLine[] {
  const out: HeaderLine[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push({ name: raw[i], value: raw[i + 1] });
  return out;
}

/** Drops hop-by-hop headers and any header the Connection header names. */
export function withoutHopByHop(headers: readonly HeaderLine[]): HeaderLine[] {
  let named: Set<string> | null = null;
  for (const h of headers) {
    if (h.name.toLowerCase() === 'connection') {
      named ??= new Set();
      for (const token of h.value.split(',')) named.add(token.trim().toLowerCase());
    }
  }
  return headers.filter((h) => {
    const lower = h.name.toLowerCase();
    return !HOP_BY_HOP.has(lower) && !named?.has(lower);
  });
}

export function fromHttp2Headers(headers: IncomingHttpHeaders): HeaderLine[] {
  const out: HeaderLine[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) out.push({ name, value: v });
    else out.push({ name, value: String(value) });
  }
  return out;
}

/** Client's HTTP/2 pseudo-headers and headers → HTTP/1.1 header lines (Host from :authority). */
export function http2RequestToHttp1(headers: IncomingHttpHeaders): HeaderLine[] {
  const out: HeaderLine[] = [];
  const authority = headers[':authority'];
  if (authority && headers.host === undefined) out.push({ name: 'host', value: String(authority) });
  const cookies: string[] = [];
  for (const line of fromHttp2Headers(headers)) {
    if (line.name.startsWith(':')) continue;
    // HTTP/2 may split cookies into several fields; HTTP/1.1 wants one (RFC 9113 §8.2.3).
    if (line.name === 'cookie') cookies.push(line.value);
    else out.push(line);
  }
  if (cookies.length > 0) out.push({ name: 'cookie', value: cookies.join('; ') });
  return out;
}

export function toHttp2RequestHeaders(request: UpstreamRequest, target: UpstreamTarget): OutgoingHttpHeaders {
  let authority: string | null = null;
  const out: OutgoingHttpHeaders = {};
  for (const h of withoutHopByHop(request.headers)) {
    const lower = h.name.toLowerCase();
    if (lower === 'host') {
      authority = h.value;
      continue;
    }
    appendHeader(out, lower, h.value);
  }
  const defaultPort = target.port === 443 ? '' : `:${target.port}`;
  out[':method'] = request.method;
  out[':path'] = request.path;
  out[':scheme'] = 'https';
  out[':authority'] = authority ?? `${target.host}${defaultPort}`;
  return out;
}

/** Response head for a client on HTTP/2: lower-case names, no connection-specific headers. */
export function toHttp2ResponseHeaders(
  statusCode: number,
  headers: readonly HeaderLine[],
): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = { ':status': statusCode };
  for (const h of withoutHopByHop(headers)) {
    const lower = h.name.toLowerCase();
    if (lower.startsWith(':')) continue;
    appendHeader(out, lower, h.value);
  }
  return out;
}

/** Response head for a client on HTTP/1.1, as a flat [name, value, ...] list keeping order and case. */
export function toHttp1ResponseHeaders(headers: readonly HeaderLine[]): string[] {
  const flat: string[] = [];
  for (const h of withoutHopByHop(headers)) {
    if (h.name.startsWith(':')) continue;
    flat.push(h.name, h.value);
  }
  return flat;
}

function appendHeader(out: OutgoingHttpHeaders, name: string, value: string): void {
  const existing = out[name];
  if (existing === undefined) out[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else out[name] = [String(existing), value];
}
