/**
 * The live list of exchanges and TLS failures. Loads what the proxy already recorded, then follows
 * the event streams. Incoming items are queued in a ref and applied once per animation frame, so a
 * burst of thousands of events costs one render, not thousands.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExchangeEvent, TlsFailure } from '../../../../shared/model/proxy';
import { useApi, useEvent } from '../../../api/api-context';
import { exchangeRow, failureRow, RowStore, type InspectorRow } from './inspector-rows';

const PAGE = 5000;

export interface InspectorRowsState {
  rows: readonly InspectorRow[];
  /** Re-reads everything from the proxy (after a HAR import or a clear). */
  reload(): Promise<void>;
  loadError: string | null;
}

export function useInspectorRows(): InspectorRowsState {
  const api = useApi();
  const store = useRef(new RowStore());
  const queue = useRef<InspectorRow[]>([]);
  const frame = useRef<number | null>(null);
  const [rows, setRows] = useState<readonly InspectorRow[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);

  const flush = useCallback(() => {
    frame.current = null;
    const batch = queue.current;
    queue.current = [];
    if (store.current.upsert(batch)) setRows(store.current.all);
  }, []);

  const enqueue = useCallback(
    (items: InspectorRow[]) => {
      queue.current.push(...items);
      frame.current ??= requestAnimationFrame(flush);
    },
    [flush],
  );

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  const reload = useCallback(async () => {
    try {
      const loaded: InspectorRow[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await api.invoke('proxy.exchanges', { offset, limit: PAGE });
        loaded.push(...page.items.map(exchangeRow));
        if (page.items.length < PAGE || offset + PAGE >= page.total) break;
      }
      const failures = await api.invoke('proxy.tlsFailures', {});
      loaded.push(...failures.map(failureRow));
      store.current.clear();
      store.current.upsert(loaded);
      // Events queued during the load are newer than or equal to what was loaded.
      store.current.upsert(queue.current.splice(0));
      setRows(store.current.all);
      setLoadError(null);
    } catch (error) {
      setLoadError((error as Error).message);
    }
  }, [api]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEvent('proxy.exchange', (items: ExchangeEvent[]) => enqueue(items.map((e) => exchangeRow(e.exchange))));
  useEvent('proxy.tlsFailure', (items: TlsFailure[]) => enqueue(items.map(failureRow)));

  return { rows, reload, loadError };
}
