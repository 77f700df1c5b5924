/**
 * The scrolling ladder: a tall canvas as high as the whole layout, with only the visible window
 * drawn (SVG rows + HTML explanation notes). Follow mode keeps the newest segment in view while a
 * capture runs; any upward scroll by the user turns it off, and with it off the view never moves.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TcpRole } from '../../../../shared/model/tcp';
import { LadderRows } from './LadderRows';
import { NoteText } from './NoteText';
import { MAX_NOTES_PER_ROW } from './ladder-layout';
import type { ConnectionSegments } from './use-connection-segments';

const OVERSCAN = 300;
const LIFELINE_MARGIN = 112;

export interface LadderDiagramProps {
  data: ConnectionSegments;
  stream: number;
  follow: boolean;
  onFollowChange: (follow: boolean) => void;
  selectedIndex: number;
  onSelect: (index: number) => void;
}

export function LadderDiagram({
  data,
  stream,
  follow,
  onFollowChange,
  selectedIndex,
  onSelect,
}: LadderDiagramProps) {
  const { t } = useTranslation('timeline');
  const scrollRef = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const [view, setView] = useState({ top: 0, height: 600, width: 900 });
  const frame = useRef(0);

  const measure = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    setView((v) =>
      v.top === el.scrollTop && v.height === el.clientHeight && v.width === el.clientWidth
        ? v
        : { top: el.scrollTop, height: el.clientHeight, width: el.clientWidth },
    );
  }, []);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (el && follow && dragging.current && el.scrollTop + el.clientHeight < el.scrollHeight - 40)
      onFollowChange(false);
    // One state update per frame however fast the scroll events come.
    if (!frame.current)
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        measure();
      });
  };
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // Follow: after every change, stay at the newest segment.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !follow) return;
    el.scrollTop = el.scrollHeight;
    measure();
  }, [follow, data.version, measure]);

  const { layout, rows, notes } = data.store;
  const diagramWidth = Math.max(470, Math.min(720, view.width * 0.6));
  const x: Record<TcpRole, number> = { client: LIFELINE_MARGIN, server: diagramWidth - LIFELINE_MARGIN };
  const slope = layout.slopeFor(
    data.connection?.initialRttSeconds ? data.connection.initialRttSeconds / 2 : undefined,
  );
  // The drawn window never reaches past the canvas: otherwise it would grow the scroll height, and
  // follow mode would chase its own tail into empty space.
  const windowTop = Math.max(0, Math.min(view.top - OVERSCAN, layout.height - view.height - OVERSCAN));
  const windowHeight = Math.max(0, Math.min(view.height + 2 * OVERSCAN, layout.height - windowTop));
  const range = layout.visibleRange(windowTop, windowTop + windowHeight);

  const select = (index: number) => onSelect(index);

  // Bring the selected segment into view, whoever selected it (keys here, a packet picked in another
  // view, a zoom that moved it) unless follow mode keeps the newest segment in view instead.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || selectedIndex < 0 || selectedIndex >= layout.size || follow) return;
    const y = layout.y(selectedIndex);
    if (y < el.scrollTop + 40 || y > el.scrollTop + el.clientHeight - 40) {
      el.scrollTop = y - el.clientHeight / 2;
      measure();
    }
  }, [selectedIndex, layout, follow, measure]);
  const onKey = (e: KeyboardEvent) => {
    const last = rows.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: selectedIndex + 1,
      ArrowUp: selectedIndex - 1,
      PageDown: selectedIndex + 10,
      PageUp: selectedIndex - 10,
      Home: 0,
      End: last,
    };
    if (!(e.key in moves) || last < 0) return;
    e.preventDefault();
    if (e.key !== 'End' && e.key !== 'ArrowDown' && e.key !== 'PageDown') onFollowChange(false);
    select(Math.max(0, Math.min(last, moves[e.key])));
  };

  const noteRows = [];
  if (range) {
    for (let i = range.first; i <= range.last; i++) {
      if (!notes[i]?.length) continue;
      noteRows.push(
        <div
          key={rows[i].frame}
          className="ladder-notes"
          data-testid="ladder-notes"
          data-frame={rows[i].frame}
          style={{ top: layout.y(i) - 18, left: diagramWidth + 8, height: layout.rowExtent(i) - 6 }}
        >
          {notes[i].slice(0, MAX_NOTES_PER_ROW).map((note, k) => (
            <NoteText key={k} note={note} compact />
          ))}
        </div>,
      );
    }
  }

  const connection = data.connection;
  const endpoint = (role: TcpRole) => {
    const e = connection?.[role];
    return e ? (e.addr.includes(':') ? `[${e.addr}]:${e.port}` : `${e.addr}:${e.port}`) : '';
  };
  return (
    <div className="ladder-wrap">
      <div className="ladder-heads" style={{ width: diagramWidth }}>
        {(['client', 'server'] as const).map((role) => (
          <div
            key={role}
            className="ladder-head-label"
            style={{ left: x[role] }}
            data-testid={`ladder-head-${role}`}
          >
            <strong>{t(`ladder.${role}`)}</strong>
            <span className="mono">{endpoint(role)}</span>
          </div>
        ))}
        <div className="ladder-head-notes" style={{ left: diagramWidth + 8 }}>
          {t('ladder.explanations')}
        </div>
      </div>
      <div
        ref={scrollRef}
        className="ladder-scroll"
        data-testid="ladder"
        data-follow={follow}
        tabIndex={0}
        role="group"
        aria-label={t('ladder.diagramLabel', { stream })}
        onScroll={onScroll}
        onKeyDown={onKey}
        onWheel={(e) => e.deltaY < 0 && follow && onFollowChange(false)}
        onPointerDown={() => (dragging.current = true)}
        onPointerUp={() => (dragging.current = false)}
      >
        <div className="ladder-canvas" style={{ height: layout.height }}>
          {range && (
            <LadderRows
              rows={rows}
              layout={layout}
              first={range.first}
              last={range.last}
              top={windowTop}
              height={windowHeight}
              width={diagramWidth}
              x={x}
              slope={slope}
              vantage={data.connection?.vantage ?? 'unknown'}
              selectedIndex={selectedIndex}
              onSelect={select}
              version={data.version}
            />
          )}
          {noteRows}
        </div>
      </div>
    </div>
  );
}
