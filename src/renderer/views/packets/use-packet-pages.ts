/**
 * The packet list's data: pages fetched on demand through session.packets (with the applied
 * display filter), live rows from the session.packets event batched per animation frame, and a
 * fresh cache when the filter changes or the session is reset. Never fetches the whole session.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../../shared/api/define';
import type { PacketSummary } from '../../../shared/model/packet';
import { useApi, useEvent } from '../../api/api-context';
import { PAGE_SIZE, PacketPageCache } from './page-cache';

export interface PacketPages {
  total: number;
  /** Changes whenever rows arrive: a render dependency. */
  version: number;
  rowAt(index: number): PacketSummary | undefined;
  indexOfNumber(number: number): number;
  /** Make rows [start, end] available (fetches what is missing, plus a margin). */
  ensureRange(start: number, end: number): void;
  /** Exact timestamp of frame 1, for the relative Time column. */
  firstNs: string | null;
  /** Error of the last fetch (e.g. the server rejected the filter). */
  error: string | null;
  /** A filter is applied and its first answer has not arrived yet (a big capture takes a while). */
  filtering: boolean;
  /** Ask again from scratch (an import started, the session was cleared). */
  refresh(): void;
  /** Re-read the total and the tail (during an import, or live with a filter). */
  refreshTail(): void;
}

/** 30 s per request (the client's timeout) × 20: ten minutes of filtering before giving up. */
const MAX_FILTER_RETRIES = 20;
/** Live capture with a filter: how often the matching tail is asked for again. */
const FILTERED_TAIL_INTERVAL_MS = 250;

export function usePacketPages(filter: string): PacketPages {
  const api = useApi();
  const [resets, setResets] = useState(0);
  // A new cache per filter and per reset; rows of an old one are simply dropped with it.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `resets` is the point: a fresh cache
  const cache = useMemo(() => new PacketPageCache(), [filter, resets]);
  const [version, setVersion] = useState(0);
  const [firstNs, setFirstNs] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const bump = useCallback(() => setVersion((v) => v + 1), []);

  const fetchPage = useCallback(
    function fetch(page: number, attempt = 0): void {
      api
        .invoke('session.packets', {
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
          filter: filter || undefined,
        })
        .then((result) => {
          cache.store(page, result.packets, result.total);
          setError(null);
          bump();
        })
        .catch((e: unknown) => {
          // The server keeps scanning after the request times out and resumes where it stopped,
          // so asking again finishes a filter over millions of packets.
          if (filter && e instanceof ApiError && e.code === 'unavailable' && attempt < MAX_FILTER_RETRIES) {
            fetch(page, attempt + 1);
            return;
          }
          cache.release(page);
          setError(e instanceof Error ? e.message : String(e));
          bump();
        });
    },
    [api, cache, filter, bump],
  );

  const fetchFirst = useCallback(() => {
    api
      .invoke('session.packets', { offset: 0, limit: 1 })
      .then((r) => setFirstNs(r.packets[0]?.timestampNs ?? null))
      .catch(() => undefined);
  }, [api]);

  // A fresh cache starts with its first page (which also tells the total).
  useEffect(() => {
    fetchPage(0);
    fetchFirst();
  }, [fetchPage, fetchFirst]);

  const refresh = useCallback(() => setResets((r) => r + 1), []);
  const refreshTail = useCallback(() => {
    const page = Math.floor(cache.total / PAGE_SIZE);
    cache.release(page);
    fetchPage(page);
    fetchFirst();
  }, [cache, fetchPage, fetchFirst]);

  useEvent('session.reset', refresh);

  // Live rows: collected in a ref and applied once per animation frame.
  const live = useRef<PacketSummary[]>([]);
  const frame = useRef<number | null>(null);
  const tailTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flush = useCallback(() => {
    frame.current = null;
    const rows = live.current;
    live.current = [];
    if (rows.length === 0) return;
    if (filter) {
      // The filtered tail is re-asked from the main side: at most a few times a second.
      if (tailTimer.current === null)
        tailTimer.current = setTimeout(() => {
          tailTimer.current = null;
          refreshTail();
        }, FILTERED_TAIL_INTERVAL_MS);
      return;
    }
    if (cache.total === 0 && rows[0]?.number === 1) setFirstNs(rows[0].timestampNs);
    cache.appendUnfiltered(rows);
    bump();
  }, [cache, filter, refreshTail, bump]);
  useEvent('session.packets', (rows) => {
    // A loop, not push(...rows): a batch can hold more items than a call may take arguments.
    for (const row of rows) live.current.push(row);
    frame.current ??= requestAnimationFrame(flush);
  });
  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      if (tailTimer.current !== null) clearTimeout(tailTimer.current);
    },
    [],
  );

  const ensureRange = useCallback(
    (start: number, end: number) => {
      for (const page of cache.claimMissing(start, end, PAGE_SIZE / 2)) fetchPage(page);
    },
    [cache, fetchPage],
  );
  const rowAt = useCallback((i: number) => cache.rowAt(i), [cache]);
  const indexOfNumber = useCallback((n: number) => cache.indexOfNumber(n), [cache]);

  return {
    total: cache.total,
    version,
    rowAt,
    indexOfNumber,
    ensureRange,
    firstNs,
    error,
    filtering: filter !== '' && !cache.settled && error === null,
    refresh,
    refreshTail,
  };
}
