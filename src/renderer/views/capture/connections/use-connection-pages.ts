/**
 * The connection list as pages fetched on demand from `tcp.connections` (sorted and filtered on
 * the main side, so 100k connections never cross the transport at once). Live `tcp.connections`
 * events update cached rows in place at once; a throttled refetch of the visible pages then brings
 * in new connections and the new order.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TcpConnectionSummary } from '../../../../shared/model/tcp';
import type { tcpConnectionSortKeys } from '../../../../shared/api/tcp';
import { useApi, useEvent } from '../../../api/api-context';

export type ConnectionSortKey = (typeof tcpConnectionSortKeys)[number];

export interface ConnectionQuery {
  sort: ConnectionSortKey;
  descending: boolean;
  text: string;
  connState: string;
  withRetransmissions: boolean;
}

const PAGE_SIZE = 200;
const REFRESH_MS = 300;

export interface ConnectionPages {
  total: number;
  /** The row at `index`, or undefined while its page loads. */
  at: (index: number) => TcpConnectionSummary | undefined;
  /** Asks for the pages covering [first, last]. */
  ensure: (first: number, last: number) => void;
  /** Latest summary of a stream seen in any page or event. */
  byStream: (stream: number) => TcpConnectionSummary | undefined;
}

export function useConnectionPages(query: ConnectionQuery): ConnectionPages {
  const api = useApi();
  const pages = useRef(new Map<number, TcpConnectionSummary[]>());
  const loading = useRef(new Set<number>());
  const latest = useRef(new Map<number, TcpConnectionSummary>());
  const wanted = useRef({ first: 0, last: PAGE_SIZE });
  const generation = useRef(0);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [total, setTotal] = useState(0);
  const [, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);

  const fetchPage = useCallback(
    (page: number, replace: boolean) => {
      if (loading.current.has(page) || (!replace && pages.current.has(page))) return;
      loading.current.add(page);
      const gen = generation.current;
      api
        .invoke('tcp.connections', {
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
          sort: query.sort,
          descending: query.descending,
          text: query.text.trim() || undefined,
          connState: query.connState ? [query.connState] : undefined,
          withRetransmissions: query.withRetransmissions || undefined,
        })
        .then(
          (result) => {
            loading.current.delete(page);
            if (gen !== generation.current) return;
            pages.current.set(page, result.connections);
            for (const c of result.connections) latest.current.set(c.stream, c);
            setTotal(result.total);
            bump();
          },
          () => loading.current.delete(page),
        );
    },
    [api, query, bump],
  );

  const ensure = useCallback(
    (first: number, last: number) => {
      wanted.current = { first, last };
      for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) fetchPage(p, false);
    },
    [fetchPage],
  );

  const refreshVisible = useCallback(() => {
    const { first, last } = wanted.current;
    for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) fetchPage(p, true);
  }, [fetchPage]);

  // A new query (or a new session) starts from scratch.
  const reset = useCallback(() => {
    generation.current++;
    pages.current.clear();
    loading.current.clear();
    fetchPage(0, true);
  }, [fetchPage]);
  useEffect(reset, [reset]);

  useEvent('session.reset', () => {
    latest.current.clear();
    setTotal(0);
    reset();
  });

  useEvent('tcp.connections', (changed) => {
    const byStream = new Map(changed.map((c) => [c.stream, c]));
    for (const c of changed) latest.current.set(c.stream, c);
    for (const list of pages.current.values()) {
      list.forEach((c, i) => {
        const next = byStream.get(c.stream);
        if (next) list[i] = next;
      });
    }
    bump();
    refreshTimer.current ??= setTimeout(() => {
      refreshTimer.current = null;
      refreshVisible();
    }, REFRESH_MS);
  });
  useEffect(() => () => void (refreshTimer.current && clearTimeout(refreshTimer.current)), []);

  return {
    total,
    at: (index) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    ensure,
    byStream: (stream) => latest.current.get(stream),
  };
}
