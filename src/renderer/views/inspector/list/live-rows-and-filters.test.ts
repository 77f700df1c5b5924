import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExchangeSummary, TlsFailure } from '../../../../shared/model/proxy';
import { exchangeRow, failureRow, isClientRejection, RowStore } from './inspector-rows';
import { splitHarForImport } from './har-chunks';
import { EMPTY_FILTER, isValidStatusFilter, rowMatches, type RowFilter } from './row-filter';

function summary(id: number, over: Partial<ExchangeSummary> = {}): ExchangeSummary {
  return {
    id,
    kind: 'http',
    source: 'live',
    state: 'complete',
    startedAt: 1_000 + id,
    method: 'GET',
    scheme: 'https',
    host: 'api.example.com',
    port: 443,
    path: `/items/${id}`,
    url: `https://api.example.com/items/${id}`,
    clientHttpVersion: 'HTTP/2',
    upstreamHttpVersion: 'HTTP/1.1',
    statusCode: 200,
    requestContentType: null,
    responseContentType: 'application/json; charset=utf-8',
    requestBodySize: 0,
    responseBodySize: 10,
    durationMs: 5,
    ttfbMs: 2,
    intercepted: true,
    websocketMessageCount: 0,
    error: null,
    clientAddress: '127.0.0.1:5000',
    ...over,
  };
}

function failure(id: number, over: Partial<TlsFailure> = {}): TlsFailure {
  return {
    id,
    time: 1_000 + id,
    side: 'client',
    cause: 'client-closed-after-handshake',
    host: 'pinned.example.com',
    port: 443,
    sni: 'pinned.example.com',
    clientAddress: '127.0.0.1:5001',
    alert: null,
    errorCode: null,
    message: 'closed',
    possibleReasons: ['certificate-pinned', 'ca-not-trusted'],
    upstreamProblem: null,
    forgedCertificate: null,
    realCertificate: null,
    forgedSpkiPin: null,
    realSpkiPin: null,
    ...over,
  };
}

const filter = (over: Partial<RowFilter>): RowFilter => ({ ...EMPTY_FILTER, ...over });

describe('RowStore keeps live rows in time order', () => {
  it('an update replaces the row in place instead of adding a second one', () => {
    const store = new RowStore();
    store.upsert([exchangeRow(summary(1, { state: 'pending', statusCode: null }))]);
    store.upsert([exchangeRow(summary(1, { statusCode: 404 }))]);
    expect(store.all).toHaveLength(1);
    expect(store.all[0].kind === 'exchange' && store.all[0].exchange.statusCode).toBe(404);
  });

  it('a TLS failure between two exchanges lands between them, and a late HAR row sorts into place', () => {
    const store = new RowStore();
    store.upsert([exchangeRow(summary(1)), exchangeRow(summary(3))]);
    store.upsert([failureRow(failure(2))]);
    store.upsert([exchangeRow(summary(0))]);
    expect(store.all.map((r) => r.key)).toEqual(['e0', 'e1', 't2', 'e3']);
    expect(store.get('t2')?.kind).toBe('tls-failure');
  });

  it('rows of the same millisecond (a HAR import) keep their id order, e9 before e10', () => {
    const store = new RowStore();
    store.upsert([10, 9, 100].map((id) => exchangeRow(summary(id, { startedAt: 5 }))));
    expect(store.all.map((r) => r.key)).toEqual(['e9', 'e10', 'e100']);
  });

  it('stays sorted and duplicate-free for any arrival order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat({ max: 60 }), { maxLength: 12 }), { maxLength: 12 }),
        (batches) => {
          const store = new RowStore();
          for (const batch of batches) store.upsert(batch.map((id) => exchangeRow(summary(id))));
          const ids = store.all.map((r) => (r.kind === 'exchange' ? r.exchange.id : -1));
          expect(ids).toEqual([...new Set(batches.flat())].sort((a, b) => a - b));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('row filters', () => {
  const ok = exchangeRow(summary(1));
  const notFound = exchangeRow(
    summary(2, { statusCode: 404, method: 'POST', responseContentType: 'text/html' }),
  );
  const broken = exchangeRow(summary(3, { state: 'error', statusCode: null }));
  const pinned = failureRow(failure(4));

  it('filters by host substring, method, exact status, status class and content type', () => {
    expect(rowMatches(ok, filter({ host: 'EXAMPLE' }), null)).toBe(true);
    expect(rowMatches(ok, filter({ host: 'other' }), null)).toBe(false);
    expect(rowMatches(notFound, filter({ method: 'post' }), null)).toBe(true);
    expect(rowMatches(ok, filter({ method: 'POST' }), null)).toBe(false);
    expect(rowMatches(notFound, filter({ status: '404' }), null)).toBe(true);
    expect(rowMatches(notFound, filter({ status: '4xx' }), null)).toBe(true);
    expect(rowMatches(ok, filter({ status: '4xx' }), null)).toBe(false);
    expect(rowMatches(ok, filter({ contentType: 'json' }), null)).toBe(true);
    expect(rowMatches(notFound, filter({ contentType: 'json' }), null)).toBe(false);
  });

  it('"error" selects failed exchanges and TLS failures, which no method or type filter lets through', () => {
    expect(rowMatches(broken, filter({ status: 'error' }), null)).toBe(true);
    expect(rowMatches(pinned, filter({ status: 'error' }), null)).toBe(true);
    expect(rowMatches(ok, filter({ status: 'error' }), null)).toBe(false);
    expect(rowMatches(pinned, filter({ method: 'GET' }), null)).toBe(false);
    expect(rowMatches(pinned, filter({ status: '200' }), null)).toBe(false);
    expect(rowMatches(pinned, filter({ host: 'pinned' }), null)).toBe(true);
  });

  it('free text matches the URL at once and headers or bodies through the server hits', () => {
    expect(rowMatches(ok, filter({ text: 'items/1' }), null)).toBe(true);
    expect(rowMatches(ok, filter({ text: 'secret-token' }), null)).toBe(false);
    expect(rowMatches(ok, filter({ text: 'secret-token' }), new Set([1]))).toBe(true);
    expect(rowMatches(pinned, filter({ text: 'closed' }), null)).toBe(true);
  });

  it('accepts the status forms the server accepts and nothing else', () => {
    for (const s of ['', '200', '5xx', 'error']) expect(isValidStatusFilter(s)).toBe(true);
    for (const s of ['20', '6xx', 'ok', '2xxx']) expect(isValidStatusFilter(s)).toBe(false);
  });

  it('both client-side refusals count as "client rejected the certificate"', () => {
    expect(isClientRejection(failure(1))).toBe(true);
    expect(isClientRejection(failure(1, { cause: 'client-rejected-certificate' }))).toBe(true);
    expect(isClientRejection(failure(1, { cause: 'upstream-certificate-invalid', side: 'upstream' }))).toBe(
      false,
    );
  });
});

describe('splitting a big HAR for import', () => {
  const har = {
    log: {
      version: '1.2',
      creator: { name: 'NetLab', version: '0.1.0' },
      entries: Array.from({ length: 50 }, (_, i) => ({
        request: { url: `https://a.test/${i}`, pad: 'x'.repeat(100) },
      })),
    },
  };
  const text = JSON.stringify(har);

  it('keeps a small file as it is', () => {
    expect(splitHarForImport(text, text.length)).toEqual([text]);
  });

  it('splits into valid HAR pieces under the limit that keep the header and every entry in order', () => {
    const pieces = splitHarForImport(text, 1000);
    expect(pieces.length).toBeGreaterThan(5);
    const parsed = pieces.map((p) => JSON.parse(p) as typeof har);
    for (const [i, p] of pieces.entries()) {
      expect(p.length).toBeLessThanOrEqual(1000);
      expect(parsed[i].log.version).toBe('1.2');
      expect(parsed[i].log.creator.name).toBe('NetLab');
    }
    expect(parsed.flatMap((p) => p.log.entries)).toEqual(har.log.entries);
  });

  it('leaves unreadable JSON whole so the proxy can explain the problem', () => {
    expect(splitHarForImport('{"log": [', 3)).toEqual(['{"log": [']);
  });
});
