/**
 * Free text also searches headers and captured bodies, which only the main side holds. This asks the
 * proxy for the ids that match, debounced, and asks again when new rows arrive.
 */
import { useEffect, useState } from 'react';
import { useApi } from '../../../api/api-context';

const DEBOUNCE_MS = 250;
const PAGE = 5000;

export function useTextHits(text: string, rowCount: number): ReadonlySet<number> | null {
  const api = useApi();
  const [answer, setAnswer] = useState<{ query: string; ids: ReadonlySet<number> } | null>(null);
  const query = text.trim();
  useEffect(() => {
    if (!query) return;
    let alive = true;
    const timer = setTimeout(async () => {
      const ids = new Set<number>();
      try {
        for (let offset = 0; ; offset += PAGE) {
          const page = await api.invoke('proxy.exchanges', { offset, limit: PAGE, filter: { text: query } });
          for (const item of page.items) ids.add(item.id);
          if (page.items.length < PAGE || offset + PAGE >= page.total) break;
        }
        if (alive) setAnswer({ query, ids });
      } catch {
        // Keep the URL-only matching when the server cannot answer.
      }
    }, DEBOUNCE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [api, query, rowCount]);
  // An answer for an older query would hide rows that match the new one.
  return answer !== null && answer.query === query ? answer.ids : null;
}
