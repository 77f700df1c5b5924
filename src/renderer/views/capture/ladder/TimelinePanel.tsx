/**
 * The timeline of the selected connection: summary, follow and zoom, exports, legend, the ladder
 * and the selected segment's details.
 */
import { useEffect, useState } from 'react';
import { useApi } from '../../../api/api-context';
import { useTranslation } from 'react-i18next';
import { selectionStore, useSelection } from '../../../state/selection';
import { formatDuration } from '../controls/format';
import { ExportMenu } from '../export/ExportMenu';
import { LadderDiagram } from './LadderDiagram';
import { LadderLegend } from './LadderLegend';
import { DEFAULT_METRICS } from './ladder-layout';
import { SegmentDetails } from './SegmentDetails';
import { useConnectionSegments } from './use-connection-segments';

const MIN_SCALE = 1;
const MAX_SCALE = 10_000_000;

/** Index of the row with this frame (frames grow within a connection), or -1. */
function indexOfFrame(rows: readonly { frame: number }[], frame: number | null): number {
  if (frame === null) return -1;
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].frame === frame) return mid;
    if (rows[mid].frame < frame) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function TimelinePanel({ stream }: { stream: number }) {
  const { t } = useTranslation('timeline');
  const { t: tt } = useTranslation('tcp');
  const selection = useSelection();
  const [pxPerSecond, setPxPerSecond] = useState(DEFAULT_METRICS.pxPerSecond);
  // Follow starts on for a live capture (watch it grow) and off for a file (start at the handshake).
  const [follow, setFollow] = useState(false);
  const api = useApi();
  useEffect(() => {
    let current = true;
    void api.invoke('session.info', {}).then((info) => current && setFollow(info.source.kind === 'live'));
    return () => {
      current = false;
    };
  }, [api]);
  const data = useConnectionSegments(stream, pxPerSecond);
  const selectedIndex = indexOfFrame(data.store.rows, selection.packet);
  const c = data.connection;

  const zoom = (factor: number) =>
    setPxPerSecond((p) => Math.max(MIN_SCALE, Math.min(MAX_SCALE, p * factor)));
  const onSelect = (index: number) => {
    const row = data.store.rows[index];
    if (row) selectionStore.selectPacket(row.frame, stream);
  };

  return (
    <section className="timeline-panel" data-testid="timeline" data-stream={stream}>
      <header className="pane-header timeline-header">
        <h2>{t('ladder.title', { stream })}</h2>
        {c && (
          <span className="timeline-facts">
            <span className="conn-state" title={tt(`zeek.${c.connState}`)} data-testid="timeline-conn-state">
              {c.connState}
            </span>{' '}
            <span className="mono">{c.history}</span> ·{' '}
            <span data-testid="timeline-segment-count" data-count={data.total}>
              {t('ladder.segments', { count: data.total })}
            </span>{' '}
            ·{' '}
            {c.initialRttSeconds !== undefined
              ? t('ladder.irtt', { value: formatDuration(c.initialRttSeconds) })
              : t('ladder.noIrtt')}{' '}
            · {tt(`vantage.${c.vantage}`)}
          </span>
        )}
      </header>
      <div className="timeline-toolbar">
        <label className="capture-check" title={t('ladder.followHint')}>
          <input
            type="checkbox"
            data-testid="ladder-follow"
            checked={follow}
            onChange={(e) => setFollow(e.target.checked)}
          />
          {t('ladder.follow')}
        </label>
        <button
          type="button"
          onClick={() => zoom(0.5)}
          aria-label={t('ladder.zoomOut')}
          title={t('ladder.zoomOut')}
          data-testid="ladder-zoom-out"
        >
          −
        </button>
        <span data-testid="ladder-scale">{t('ladder.scale', { px: pxPerSecond.toLocaleString() })}</span>
        <button
          type="button"
          onClick={() => zoom(2)}
          aria-label={t('ladder.zoomIn')}
          title={t('ladder.zoomIn')}
          data-testid="ladder-zoom-in"
        >
          +
        </button>
        {c && <ExportMenu connection={c} rows={data.store.rows} />}
      </div>
      {data.loading && (
        <p className="pane-empty">
          {t('ladder.loading', { loaded: data.store.rows.length, total: data.total })}
        </p>
      )}
      {data.error && (
        <p className="banner-error" role="alert">
          {t('ladder.loadFailed', { message: data.error })}
        </p>
      )}
      <LadderLegend connection={c} />
      <LadderDiagram
        data={data}
        stream={stream}
        follow={follow}
        onFollowChange={setFollow}
        selectedIndex={selectedIndex}
        onSelect={onSelect}
      />
      {selectedIndex >= 0 && (
        <SegmentDetails row={data.store.rows[selectedIndex]} notes={data.store.notes[selectedIndex]} />
      )}
    </section>
  );
}
