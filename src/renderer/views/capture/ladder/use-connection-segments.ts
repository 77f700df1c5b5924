/**
 * The segments of one connection for the ladder: loaded in pages from `tcp.segments`, then kept
 * live from `tcp.segments` events. Events are collected and applied once per animation frame, so
 * a fast capture costs one re-render per frame, not one per segment. The caller mounts one
 * instance per stream (keyed), so the stream never changes under this hook.
 */
import { useEffect, useRef, useState } from 'react';
import type { TcpSegmentRow } from '../../../../shared/api/tcp';
import type { TcpConnectionSummary } from '../../../../shared/model/tcp';
import { useApi, useEvent } from '../../../api/api-context';
import { SegmentStore } from './segment-store';

/**
 * The first page is small so the handshake shows at once; the rest comes in big pages because the
 * main side re-tracks a connection from its first segment for every page (cost grows with the
 * offset), while 25,000 rows (~10 MB of JSON) still parse in about a tenth of a second.
 */
const FIRST_PAGE = 2000;
const NEXT_PAGES = 25_000;

export interface ConnectionSegments {
  connection: TcpConnectionSummary | null;
  store: SegmentStore;
  total: number;
  loading: boolean;
  error: string | null;
  /** Bumped whenever `store` changed in place. */
  version: number;
}

export function useConnectionSegments(stream: number, pxPerSecond: number): ConnectionSegments {
  const api = useApi();
  const [store] = useState(() => new SegmentStore(pxPerSecond));
  const pending = useRef<TcpSegmentRow[]>([]);
  const loaded = useRef(false);
  const frameRequest = useRef(0);
  const [connection, setConnection] = useState<TcpConnectionSummary | null>(null);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);

  if (store.layout.metrics.pxPerSecond !== pxPerSecond) store.relayout(pxPerSecond);

  useEffect(() => {
    let current = true;
    const loadFrom = async (offset: number): Promise<void> => {
      const limit = offset === 0 ? FIRST_PAGE : NEXT_PAGES;
      const page = await api.invoke('tcp.segments', { stream, offset, limit });
      if (!current) return;
      setConnection(page.connection);
      setTotal(page.total);
      store.append(page.segments);
      setVersion((v) => v + 1);
      if (offset + page.segments.length < page.total && page.segments.length > 0) {
        return loadFrom(offset + page.segments.length);
      }
      loaded.current = true;
      store.append(pending.current);
      pending.current = [];
      setTotal(Math.max(page.total, store.rows.length));
      setLoading(false);
      setVersion((v) => v + 1);
    };
    loadFrom(0).catch((e: unknown) => {
      if (!current) return;
      setError(e instanceof Error ? e.message : String(e));
      setLoading(false);
    });
    return () => {
      current = false;
      cancelAnimationFrame(frameRequest.current);
    };
  }, [api, stream, store]);

  useEvent('tcp.segments', (batch) => {
    for (const row of batch) if (row.stream === stream) pending.current.push(row);
    if (!loaded.current || pending.current.length === 0 || frameRequest.current) return;
    frameRequest.current = requestAnimationFrame(() => {
      frameRequest.current = 0;
      store.append(pending.current);
      pending.current = [];
      setTotal(store.rows.length);
      bump();
    });
  });
  useEvent('tcp.connections', (batch) => {
    const mine = batch.filter((c) => c.stream === stream);
    if (mine.length) setConnection(mine[mine.length - 1]);
  });
  useEvent('session.reset', () => {
    store.clear();
    setConnection(null);
    setTotal(0);
    bump();
  });

  return { connection, store, total, loading, error, version };
}
