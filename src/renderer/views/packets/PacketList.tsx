/**
 * The virtualized packet list: only the rows on screen exist in the DOM, rows come from the page
 * cache (fetched on demand), keyboard navigation moves the shared selection.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PacketSummary } from '../../../shared/model/packet';
import { absoluteTime, protocolClass, relativeTime } from './format';
import type { PacketPages } from './use-packet-pages';

const ROW_HEIGHT = 24;

export function PacketList({
  pages,
  selected,
  onSelect,
  marked,
  onMark,
  onOpen,
  absolute,
  autoscroll,
  emptyMessage,
  filtered,
}: {
  pages: PacketPages;
  selected: number | null;
  onSelect: (row: PacketSummary) => void;
  /** Rows marked with Ctrl/Shift-click (for saving a set of packets). */
  marked: ReadonlySet<number>;
  onMark: (numbers: number[], mode: 'toggle' | 'replace') => void;
  /** Enter or a double click: explain the selected packet in the Layers view. */
  onOpen: () => void;
  absolute: boolean;
  autoscroll: boolean;
  /** What an empty list says: no packets at all, none matching, or still filtering. */
  emptyMessage: string;
  filtered: boolean;
}) {
  const { t } = useTranslation('packets');
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the list re-renders when its rows change anyway
  const virtualizer = useVirtualizer({
    count: pages.total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensureRange, total, version } = pages;

  useEffect(() => {
    if (total > 0) ensureRange(first, Math.max(first, last));
  }, [ensureRange, first, last, total, version]);

  // Live capture: keep the newest row in view while autoscroll is on.
  useEffect(() => {
    if (autoscroll && total > 0) virtualizer.scrollToIndex(total - 1, { align: 'end' });
  }, [autoscroll, total, virtualizer]);

  // Keyboard moves to rows that may not be loaded yet: select them once they arrive.
  const [wanted, setWanted] = useState<number | null>(null);
  useEffect(() => {
    if (wanted === null) return;
    const row = pages.rowAt(wanted);
    if (row) {
      setWanted(null);
      onSelect(row);
    }
  }, [wanted, pages, version, onSelect]);

  const selectedIndex = selected === null ? -1 : pages.indexOfNumber(selected);

  // A packet selected elsewhere (the timeline) is scrolled into view: without a filter its row
  // index is its number - 1 even before its page is loaded.
  useEffect(() => {
    if (selected === null || autoscroll) return;
    const index = filtered ? pages.indexOfNumber(selected) : selected - 1;
    if (index >= 0 && index < total) virtualizer.scrollToIndex(index, { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the selection itself changes
  }, [selected]);

  /** Frame numbers of the loaded rows between two row indexes, both included. */
  const numbersBetween = (a: number, b: number): number[] => {
    const out: number[] = [];
    for (let i = Math.min(a, b); i <= Math.max(a, b); i++) {
      const row = pages.rowAt(i);
      if (row) out.push(row.number);
    }
    return out;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (total === 0) return;
    if (e.key === 'Enter' && selected !== null) {
      e.preventDefault();
      onOpen();
      return;
    }
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 240) / ROW_HEIGHT) - 1);
    const from = wanted ?? selectedIndex;
    const moves: Record<string, number> = {
      ArrowDown: from + 1,
      ArrowUp: from - 1,
      PageDown: from + pageRows,
      PageUp: from - pageRows,
      Home: 0,
      End: total - 1,
    };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const target = Math.max(0, Math.min(total - 1, from < 0 && e.key === 'ArrowUp' ? 0 : moves[e.key]));
    virtualizer.scrollToIndex(target, { align: 'auto' });
    setWanted(target);
  };

  return (
    <div className="packet-list" role="grid" aria-label={t('list.label')} aria-rowcount={total + 1}>
      <div className="packet-row packet-header" role="row">
        <span role="columnheader">{t('columns.number')}</span>
        <span role="columnheader">{absolute ? t('columns.absoluteTime') : t('columns.time')}</span>
        <span role="columnheader">{t('columns.source')}</span>
        <span role="columnheader">{t('columns.destination')}</span>
        <span role="columnheader">{t('columns.protocol')}</span>
        <span role="columnheader">{t('columns.length')}</span>
        <span role="columnheader">{t('columns.info')}</span>
      </div>
      <div
        ref={scroller}
        className="packet-scroller"
        tabIndex={0}
        data-testid="packet-list"
        data-total={total}
        title={t('list.hint')}
        onKeyDown={onKeyDown}
        aria-activedescendant={selected !== null && selectedIndex >= 0 ? `packet-row-${selected}` : undefined}
      >
        {total === 0 ? (
          <p className="pane-empty" data-testid="packet-list-empty">
            {emptyMessage}
          </p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = pages.rowAt(item.index);
              const style = { transform: `translateY(${item.start}px)`, height: ROW_HEIGHT };
              if (!row)
                return (
                  <div key={item.key} className="packet-row loading" style={style} role="row">
                    <span>…</span>
                  </div>
                );
              const isSelected = row.number === selected;
              return (
                <div
                  key={item.key}
                  id={`packet-row-${row.number}`}
                  role="row"
                  aria-selected={isSelected}
                  aria-rowindex={item.index + 2}
                  data-testid="packet-row"
                  data-number={row.number}
                  className={`packet-row proto-${protocolClass(row.protocol)}${isSelected ? ' selected' : ''}${marked.has(row.number) ? ' marked' : ''}`}
                  style={style}
                  data-marked={marked.has(row.number) || undefined}
                  onDoubleClick={onOpen}
                  onClick={(e) => {
                    setWanted(null);
                    if (e.ctrlKey || e.metaKey) onMark([row.number], 'toggle');
                    else if (e.shiftKey && selectedIndex >= 0)
                      onMark(numbersBetween(selectedIndex, item.index), 'replace');
                    else onMark([], 'replace');
                    onSelect(row);
                  }}
                >
                  <span role="gridcell">{row.number}</span>
                  <span role="gridcell">
                    {absolute ? absoluteTime(row.timestampNs) : relativeTime(row.timestampNs, pages.firstNs)}
                  </span>
                  <span role="gridcell">{row.source}</span>
                  <span role="gridcell">{row.destination}</span>
                  <span role="gridcell">{row.protocol}</span>
                  <span role="gridcell">{row.length}</span>
                  <span role="gridcell" title={row.info}>
                    {row.info}
                  </span>
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
