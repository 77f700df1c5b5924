/**
 * The SVG of the visible window of the ladder: lifelines, break marks, one arrow per segment with
 * its label and marks, and the endpoints' states where they change (observed solid, inferred
 * dashed and italic with "?"). Only rows in [first, last] are drawn.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TcpSegmentRow } from '../../../../shared/api/tcp';
import type { TcpEndpointStateView, TcpRole, TcpVantage } from '../../../../shared/model/tcp';
import { formatDuration } from '../controls/format';
import { arrowFor, segmentKind, segmentMarks, stateAnchors } from './ladder-geometry';
import type { LadderLayout } from './ladder-layout';
import { formatFlags, formatSeqAck, formatSynOptions } from './segment-label';

export interface LadderRowsProps {
  rows: readonly TcpSegmentRow[];
  layout: LadderLayout;
  first: number;
  last: number;
  top: number;
  height: number;
  width: number;
  x: Record<TcpRole, number>;
  slope: number;
  vantage: TcpVantage;
  selectedIndex: number;
  onSelect: (index: number) => void;
  /** Changes whenever rows/layout changed in place. */
  version: number;
}

function StatePill({
  view,
  x,
  y,
  side,
}: {
  view: TcpEndpointStateView;
  x: number;
  y: number;
  side: TcpRole;
}) {
  const inferred = view.certainty === 'inferred';
  const text = inferred ? `${view.state}?` : view.state;
  const w = text.length * 7 + 12;
  const left = side === 'client' ? x - w - 6 : x + 6;
  return (
    <g
      className={`ladder-state ${inferred ? 'inferred' : 'observed'}`}
      data-testid="ladder-state"
      data-role={side}
      data-state={view.state}
      data-certainty={view.certainty}
    >
      <rect x={left} y={y - 9} width={w} height={18} rx={9} />
      <text x={left + w / 2} y={y + 4} textAnchor="middle">
        {text}
      </text>
    </g>
  );
}

function LadderRowsImpl(props: LadderRowsProps) {
  const { t } = useTranslation('timeline');
  const { rows, layout, first, last, top, height, width, x, slope, vantage } = props;
  const bottom = top + height;
  const parts = [];
  for (let i = first; i <= last; i++) {
    const row = rows[i];
    const y = layout.y(i);
    const arrow = arrowFor(row.from, y, slope, vantage, x);
    const kind = segmentKind(row.flags, row.payloadLength);
    const marks = segmentMarks(row.analysis);
    const tone = marks.find((m) => m.tone === 'problem') ? 'problem' : marks.length ? marks[0].tone : 'none';
    const midX = (arrow.x1 + arrow.x2) / 2;
    const midY = (arrow.y1 + arrow.y2) / 2;
    const anchors = stateAnchors(row.from, arrow);
    const previous = i > 0 ? rows[i - 1].states : null;
    const options = formatSynOptions(row.options);
    parts.push(
      <g
        key={row.frame}
        className={`ladder-seg kind-${kind} tone-${tone}${i === props.selectedIndex ? ' selected' : ''}`}
        data-testid="ladder-segment"
        data-frame={row.frame}
        data-from={row.from}
        data-flags={row.flags}
        onClick={() => props.onSelect(i)}
      >
        {i === props.selectedIndex && (
          <rect
            className="ladder-selection"
            x={x.client - 4}
            y={Math.min(arrow.y1, arrow.y2) - 22}
            width={x.server - x.client + 8}
            height={Math.abs(arrow.y2 - arrow.y1) + 44}
            rx={6}
          />
        )}
        <line className="ladder-hit" x1={arrow.x1} y1={arrow.y1} x2={arrow.x2} y2={arrow.y2} />
        <line
          className="ladder-arrow"
          x1={arrow.x1}
          y1={arrow.y1}
          x2={arrow.x2}
          y2={arrow.y2}
          markerEnd="url(#ladder-head)"
        />
        <text className="ladder-label" x={midX} y={midY - 6} textAnchor="middle" data-testid="ladder-label">
          {formatFlags(row.flags)} {formatSeqAck(row)}
        </text>
        {options && (
          <text
            className="ladder-options"
            x={midX}
            y={midY + 13}
            textAnchor="middle"
            data-testid="ladder-options"
          >
            {options}
          </text>
        )}
        {marks.length > 0 && (
          <text
            className="ladder-marks"
            x={midX}
            y={midY + (options ? 26 : 14)}
            textAnchor="middle"
            data-testid="ladder-marks"
          >
            {marks
              .map((m) => `${m.icon} ${t(`mark.${m.flag}`, { num: row.duplicateAckNum ?? '' })}`)
              .join('  ')}
          </text>
        )}
        {(['client', 'server'] as const).map((role) =>
          !previous ||
          previous[role].state !== row.states[role].state ||
          previous[role].certainty !== row.states[role].certainty ? (
            <StatePill key={role} view={row.states[role]} x={x[role]} y={anchors[role]} side={role} />
          ) : null,
        )}
      </g>,
    );
  }
  const breaks = layout.breaksIn(top - 40, bottom + 40);
  return (
    <svg
      className="ladder-svg"
      width={width}
      height={height}
      viewBox={`0 ${top} ${width} ${height}`}
      style={{ top }}
      aria-hidden="true"
    >
      <defs>
        <marker
          id="ladder-head"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="8"
          markerHeight="8"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" className="ladder-head" />
        </marker>
      </defs>
      <line className="ladder-lifeline" x1={x.client} y1={top} x2={x.client} y2={bottom} />
      <line className="ladder-lifeline" x1={x.server} y1={top} x2={x.server} y2={bottom} />
      {breaks.map((b) => (
        <g key={b.index} className="ladder-break" data-testid="ladder-break">
          <rect
            x={x.client - 12}
            y={b.y - 7}
            width={x.server - x.client + 24}
            height={14}
            className="ladder-break-gap"
          />
          {(['client', 'server'] as const).map((role) => (
            <path key={role} d={`M${x[role] - 8},${b.y - 3} l4,-4 l8,8 l4,-4`} className="ladder-zigzag" />
          ))}
          <text x={(x.client + x.server) / 2} y={b.y + 4} textAnchor="middle" className="ladder-break-text">
            {t('ladder.idle', { duration: formatDuration(b.seconds) })}
          </text>
        </g>
      ))}
      {parts}
    </svg>
  );
}

export const LadderRows = memo(LadderRowsImpl);
