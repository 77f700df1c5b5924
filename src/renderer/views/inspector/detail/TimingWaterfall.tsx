/** Connect, TLS, send, wait (TTFB) and transfer as bars on one time axis. */
import { useTranslation } from 'react-i18next';
import type { ExchangeTimings } from '../../../../shared/model/proxy';
import { formatDuration } from '../format';
import { timingWaterfall } from './timing-phases';

export function TimingWaterfall({ timings }: { timings: ExchangeTimings }) {
  const { t } = useTranslation('inspector');
  const { phases, totalMs } = timingWaterfall(timings);
  const scale = totalMs > 0 ? 100 / totalMs : 0;
  return (
    <div className="insp-waterfall" data-testid="timing-waterfall">
      {phases.length === 0 && <p className="insp-muted">{t('timing.none')}</p>}
      {phases.map((p) => (
        <div key={p.key} className="insp-wf-row" data-phase={p.key}>
          <span className="insp-wf-label">{t(`timing.${p.key}`)}</span>
          <span className="insp-wf-track">
            <span
              className={`insp-wf-bar phase-${p.key}`}
              style={{ left: `${p.from * scale}%`, width: `max(2px, ${(p.to - p.from) * scale}%)` }}
            />
          </span>
          <span className="insp-wf-value">{formatDuration(p.to - p.from)}</span>
        </div>
      ))}
      <p className="insp-muted">
        {t('timing.total', { total: formatDuration(totalMs) })}
        {timings.connected === null && phases.length > 0 ? ` ${t('timing.reused')}` : ''}
      </p>
    </div>
  );
}
