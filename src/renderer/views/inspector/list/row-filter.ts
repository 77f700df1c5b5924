/**
 * Which rows the filter bar lets through. Pure, so it runs on every live batch without a server
 * round trip; only the free-text search of headers and bodies asks the server (`textHits`).
 */
import type { InspectorRow } from './inspector-rows';

export interface RowFilter {
  host: string;
  method: string;
  /** "", "404", "4xx" or "error". */
  status: string;
  contentType: string;
  text: string;
}

export const EMPTY_FILTER: RowFilter = { host: '', method: '', status: '', contentType: '', text: '' };

export function isFilterEmpty(filter: RowFilter): boolean {
  return Object.values(filter).every((value) => value.trim() === '');
}

/** Status filters the server accepts too: exact code, class, or "error". */
export function isValidStatusFilter(status: string): boolean {
  return status === '' || /^(\d{3}|[1-5]xx|error)$/i.test(status.trim());
}

function includes(haystack: string | null | undefined, needle: string): boolean {
  return (haystack ?? '').toLowerCase().includes(needle.toLowerCase());
}

function statusMatches(code: number | null, failed: boolean, wanted: string): boolean {
  const w = wanted.toLowerCase();
  if (w === 'error') return failed;
  if (code === null) return false;
  if (/^[1-5]xx$/.test(w)) return Math.floor(code / 100) === Number(w[0]);
  return String(code) === w;
}

/**
 * @param textHits ids of exchanges whose headers or bodies contain the text (from the server), or
 * null while that answer is not known yet (then only URL and host are searched).
 */
export function rowMatches(
  row: InspectorRow,
  filter: RowFilter,
  textHits: ReadonlySet<number> | null,
): boolean {
  const host = filter.host.trim();
  const method = filter.method.trim();
  const status = filter.status.trim();
  const type = filter.contentType.trim();
  const text = filter.text.trim();
  if (row.kind === 'tls-failure') {
    const f = row.failure;
    // A TLS failure has no method, status or content type: it only passes filters it can satisfy.
    if (method || type || (status && status.toLowerCase() !== 'error')) return false;
    if (host && !includes(f.host, host)) return false;
    if (text && ![f.host, f.message, f.cause, f.errorCode].some((v) => includes(v, text))) return false;
    return true;
  }
  const e = row.exchange;
  if (host && !includes(e.host, host)) return false;
  if (method && e.method.toLowerCase() !== method.toLowerCase()) return false;
  if (status && !statusMatches(e.statusCode, e.state === 'error', status)) return false;
  if (type && !includes(e.responseContentType, type)) return false;
  if (text && !includes(e.url, text) && !(textHits?.has(e.id) ?? false)) return false;
  return true;
}
