/** How to read the ladder: time axis, drawn transit (an estimate), observed vs inferred, marks. */
import { useTranslation } from 'react-i18next';
import type { TcpConnectionSummary } from '../../../../shared/model/tcp';
import { formatDuration } from '../controls/format';

export function LadderLegend({ connection }: { connection: TcpConnectionSummary | null }) {
  const { t } = useTranslation('timeline');
  const { t: tt } = useTranslation('tcp');
  const vantage = connection
    ? `${tt(`vantage.${connection.vantage}`)}${connection.vantageGuessed && connection.vantage !== 'unknown' ? ` — ${tt('vantage.guessed')}` : ''}`
    : tt('vantage.unknown');
  const irtt = connection?.initialRttSeconds;
  return (
    <details className="ladder-legend" data-testid="ladder-legend">
      <summary>{t('legend.title')}</summary>
      <ul>
        <li>{t('legend.time')}</li>
        <li data-testid="legend-transit">
          {irtt !== undefined
            ? t('legend.transit', { vantage, transit: formatDuration(irtt / 2) })
            : t('legend.transitFixed', { vantage })}
        </li>
        <li>
          <span className="legend-pill observed">ESTABLISHED</span> {t('legend.observed')}
        </li>
        <li>
          <span className="legend-pill inferred">ESTABLISHED?</span> {t('legend.inferred')}
        </li>
        <li>{t('legend.break')}</li>
        <li>{t('legend.marks')}</li>
      </ul>
    </details>
  );
}
