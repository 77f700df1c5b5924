/**
 * The TCP connections of the session: virtualized, live, sorted and filtered on the main side.
 * Arrow keys, Home/End move; Enter (or a click) opens the connection's timeline and selects its
 * stream everywhere.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TcpConnectionSummary } from '../../../../shared/model/tcp';
import { selectionStore, useSelection } from '../../../state/selection';
import { formatBytes, formatCount, formatDuration, formatTimeOfDay } from '../controls/format';
import { ConnectionFilters } from './ConnectionFilters';
import { useConnectionPages, type ConnectionQuery, type ConnectionSortKey } from './use-connection-pages';

const ROW_HEIGHT = 30;
const COLUMNS: { key: ConnectionSortKey | 'endpoints' | 'history'; sortable: boolean }[] = [
  { key: 'stream', sortable: true },
  { key: 'endpoints', sortable: false },
  { key: 'connState', sortable: true },
  { key: 'history', sortable: false },
  { key: 'start', sortable: true },
  { key: 'duration', sortable: true },
  { key: 'bytes', sortable: true },
  { key: 'packets', sortable: true },
];

const endpoint = (e: TcpConnectionSummary['client']) =>
  e.addr.includes(':') ? `[${e.addr}]:${e.port}` : `${e.addr}:${e.port}`;

export function ConnectionList() {
  const { t, i18n } = useTranslation('timeline');
  const { t: tt } = useTranslation('tcp');
  const selection = useSelection();
  const [query, setQuery] = useState<ConnectionQuery>({
    sort: 'stream',
    descending: false,
    text: '',
    connState: '',
    withRetransmissions: false,
  });
  const pages = useConnectionPages(query);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  // TanStack Virtual returns a mutable instance the React compiler cannot memoize; this component
  // re-renders on every scroll anyway, which is what the virtualizer needs.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: pages.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure } = pages;
  useEffect(() => ensure(first, last), [ensure, first, last, pages.total]);

  const open = (index: number) => {
    const c = pages.at(index);
    setActive(index);
    if (c) selectionStore.selectStream(c.stream);
  };
  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + 20,
      PageUp: active - 20,
      Home: 0,
      End: pages.total - 1,
    };
    if (e.key === 'Enter') {
      open(active);
    } else if (e.key in moves) {
      e.preventDefault();
      const next = Math.max(0, Math.min(pages.total - 1, moves[e.key]));
      setActive(next);
      virtualizer.scrollToIndex(next);
    }
  };
  const sortBy = (key: ConnectionSortKey) =>
    setQuery((q) => ({ ...q, sort: key, descending: q.sort === key ? !q.descending : false }));

  return (
    <section className="connection-list" data-testid="connection-list" aria-label={t('connections.title')}>
      <header className="pane-header">
        <h2>{t('connections.title')}</h2>
        <span data-testid="connection-count">{t('connections.count', { count: pages.total })}</span>
      </header>
      <ConnectionFilters query={query} onChange={setQuery} />
      {pages.total === 0 && <p className="pane-empty">{t('connections.empty')}</p>}
      <div ref={scrollRef} className="connection-scroll">
        <div className="connection-grid connection-head">
          {COLUMNS.map(({ key, sortable }) =>
            sortable ? (
              <button
                key={key}
                type="button"
                title={t('connections.sortHint')}
                data-testid={`connection-sort-${key}`}
                aria-pressed={query.sort === key}
                onClick={() => sortBy(key as ConnectionSortKey)}
              >
                {t(`connections.columns.${key}`)}
                {query.sort === key ? (query.descending ? ' ▼' : ' ▲') : ''}
              </button>
            ) : (
              <span key={key} title={key === 'history' ? t('connections.historyHint') : undefined}>
                {t(`connections.columns.${key}`)}
              </span>
            ),
          )}
        </div>
        <div
          className="connection-body"
          style={{ height: virtualizer.getTotalSize() }}
          role="listbox"
          tabIndex={0}
          aria-label={t('connections.listLabel')}
          aria-activedescendant={pages.total ? `connection-row-${active}` : undefined}
          onKeyDown={onKey}
          // A click focuses the list; the browser would then scroll the wide list sideways to show
          // "all" of it, hiding the stream and address columns.
          onMouseDown={(e) => {
            e.preventDefault();
            e.currentTarget.focus({ preventScroll: true });
          }}
        >
          {items.map((item) => {
            const c = pages.at(item.index);
            const selected = c !== undefined && c.stream === selection.stream;
            return (
              <div
                key={item.key}
                id={`connection-row-${item.index}`}
                role="option"
                aria-selected={selected}
                data-testid="connection-row"
                data-stream={c?.stream}
                data-active={item.index === active || undefined}
                className="connection-grid connection-row"
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => open(item.index)}
              >
                {c ? (
                  <>
                    <span>{c.stream}</span>
                    <span className="mono" title={c.rolesGuessed ? tt('role.guessed') : undefined}>
                      {endpoint(c.client)} → {endpoint(c.server)}
                    </span>
                    <span
                      className="conn-state"
                      title={tt(`zeek.${c.connState}`)}
                      data-testid="connection-state"
                    >
                      {c.connState}
                    </span>
                    <span className="mono" title={t('connections.historyHint')}>
                      {c.history}
                    </span>
                    <span>{formatTimeOfDay(Number(BigInt(c.startNs) / 1_000_000n), i18n.language)}</span>
                    <span>{formatDuration(c.durationSeconds)}</span>
                    <span>{formatBytes(c.stats.client.bytes + c.stats.server.bytes, i18n.language)}</span>
                    <span>{formatCount(c.stats.client.packets + c.stats.server.packets, i18n.language)}</span>
                  </>
                ) : (
                  <span className="pane-empty">…</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
