/**
 * Reads a HAR file (from NetLab, a browser's DevTools, Charles, mitmproxy...) into the exchange
 * store, so recorded traffic can be inspected like live traffic. TLS failure entries that NetLab
 * wrote come back as TLS failures.
 */
import type { HeaderLine, TlsFailure } from '../../../shared/model/proxy';
import type { ExchangeStore } from '../record/exchange-store';

export interface HarImportOutcome {
  imported: number;
  skipped: { index: number; reason: string }[];
}

interface LooseEntry {
  startedDateTime?: unknown;
  time?: unknown;
  request?: {
    method?: unknown;
    url?: unknown;
    httpVersion?: unknown;
    headers?: unknown;
    postData?: { text?: unknown; _encoding?: unknown; encoding?: unknown };
  };
  response?: {
    status?: unknown;
    statusText?: unknown;
    httpVersion?: unknown;
    headers?: unknown;
    content?: { text?: unknown; encoding?: unknown; size?: unknown };
  };
  _netlabTlsFailure?: TlsFailure;
}

function headersOf(value: unknown): HeaderLine[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (h): h is { name: string; value: string } =>
        typeof h?.name === 'string' && typeof h?.value === 'string',
    )
    .map((h) => ({ name: h.name, value: h.value }));
}

function bytesOf(text: unknown, encoding: unknown): Buffer {
  if (typeof text !== 'string') return Buffer.alloc(0);
  return encoding === 'base64' ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
}

export function importHar(json: string, store: ExchangeStore): HarImportOutcome {
  let parsed: { log?: { entries?: unknown } };
  try {
    parsed = JSON.parse(json) as typeof parsed;
  } catch (error) {
    throw new Error(`This file is not valid JSON (${(error as Error).message}). A HAR file is JSON text.`, {
      cause: error,
    });
  }
  const entries = parsed?.log?.entries;
  if (!Array.isArray(entries)) {
    throw new Error('This JSON has no log.entries array, so it is not a HAR file.');
  }
  const outcome: HarImportOutcome = { imported: 0, skipped: [] };
  const skip = (index: number, reason: string) => {
    if (outcome.skipped.length < 20) outcome.skipped.push({ index, reason });
  };
  entries.forEach((raw: LooseEntry, index) => {
    if (raw?._netlabTlsFailure && typeof raw._netlabTlsFailure === 'object') {
      const candidate = raw._netlabTlsFailure;
      if (
        typeof candidate.host !== 'string' ||
        typeof candidate.cause !== 'string' ||
        (candidate.side !== 'client' && candidate.side !== 'upstream')
      ) {
        return skip(index, 'a TLS failure entry without host, cause or side');
      }
      const { id: _id, ...failure } = candidate;
      store.addTlsFailure(failure);
      outcome.imported++;
      return;
    }
    const req = raw?.request;
    if (typeof req?.url !== 'string' || typeof req.method !== 'string')
      return skip(index, 'no request URL or method');
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return skip(index, `unreadable URL ${req.url.slice(0, 100)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return skip(index, `not HTTP: ${url.protocol}`);
    const scheme = url.protocol === 'https:' ? 'https' : 'http';
    const started = typeof raw.startedDateTime === 'string' ? Date.parse(raw.startedDateTime) : NaN;
    const start = Number.isFinite(started) ? started : Date.now();
    const exchange = store.create({
      kind: 'http',
      source: 'har-import',
      method: req.method,
      scheme,
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(url.port || (scheme === 'https' ? 443 : 80)),
      target: `${url.pathname}${url.search}`,
      path: `${url.pathname}${url.search}`,
      clientHttpVersion:
        typeof req.httpVersion === 'string' && req.httpVersion ? req.httpVersion : 'HTTP/1.1',
      requestHeaders: headersOf(req.headers),
      clientAddress: '',
      clientTls: null,
      intercepted: scheme === 'https',
      start,
    });
    const requestBody = bytesOf(req.postData?.text, req.postData?._encoding ?? req.postData?.encoding);
    if (requestBody.length > 0) exchange.requestBody.setAll(requestBody);
    const res = raw.response;
    if (res && typeof res.status === 'number' && res.status > 0) {
      exchange.response = {
        statusCode: res.status,
        statusMessage: typeof res.statusText === 'string' ? res.statusText : '',
        httpVersion: typeof res.httpVersion === 'string' ? res.httpVersion : '',
        headers: headersOf(res.headers),
      };
      const body = bytesOf(res.content?.text, res.content?.encoding);
      if (body.length > 0) exchange.responseBody.setAll(body);
      exchange.state = 'complete';
    } else {
      exchange.state = 'error';
      exchange.error = {
        kind: 'upstream-reset',
        message: 'The HAR entry has no response.',
        answeredStatus: null,
      };
    }
    const time = typeof raw.time === 'number' && raw.time >= 0 ? raw.time : 0;
    exchange.timings.end = start + time;
    store.updated(exchange);
    outcome.imported++;
  });
  return outcome;
}
