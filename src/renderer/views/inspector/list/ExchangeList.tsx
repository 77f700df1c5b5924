/**
 * The virtualized exchange list: only the visible rows exist in the DOM, so 10,000 exchanges scroll
 * as smoothly as ten. Keyboard: arrows, Page Up/Down, Home/End move the selection.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InspectorRow } from './inspector-rows';
import { ExchangeListRow } from './ExchangeListRow';

const ROW_HEIGHT = 28;
const COLUMNS = ['number', 'time', 'method', 'host', 'path', 'status', 'type', 'size', 'duration'] as const;

export function ExchangeList({
  rows,
  selectedKey,
  onSelect,
  totalCount,
}: {
  rows: readonly InspectorRow[];
  selectedKey: string | null;
  onSelect: (key: string) => void;
  totalCount: number;
}) {
  const { t } = useTranslation('inspector');
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the list re-renders on every change anyway
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const selectedIndex = selectedKey === null ? -1 : rows.findIndex((r) => r.key === selectedKey);

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 280) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: selectedIndex + 1,
      ArrowUp: Math.max(0, selectedIndex - 1),
      PageDown: selectedIndex + page,
      PageUp: Math.max(0, selectedIndex - page),
      Home: 0,
      End: rows.length - 1,
      Enter: Math.max(0, selectedIndex),
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    onSelect(rows[Math.min(rows.length - 1, target)].key);
  };

  return (
    <div className="insp-list" data-testid="exchange-list">
      <div className="insp-list-head" role="row">
        {COLUMNS.map((c) => (
          <span key={c} role="columnheader" className={`col-${c}`}>
            {t(`columns.${c}`)}
          </span>
        ))}
      </div>
      <div
        ref={scroller}
        className="insp-list-scroll"
        role="grid"
        aria-label={t('list.label')}
        aria-rowcount={rows.length}
        aria-activedescendant={selectedKey ? `insp-row-${selectedKey}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="exchange-list-scroll"
      >
        {rows.length === 0 ? (
          <p className="insp-empty" data-testid="exchange-list-empty">
            {totalCount === 0 ? t('list.empty') : t('list.noMatch')}
          </p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              return (
                <ExchangeListRow
                  key={row.key}
                  row={row}
                  selected={row.key === selectedKey}
                  onSelect={onSelect}
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                />
              );
            })}
          </div>
        )}
      </div>
      <div className="insp-list-foot insp-muted" data-testid="exchange-count">
        {t('list.count', { shown: rows.length, total: totalCount })}
      </div>
    </div>
  );
}
