/** Live counters of the running (or last) capture: packets, bytes and every kind of drop. */
import { useTranslation } from 'react-i18next';
import type { CaptureStatus } from '../../../../shared/api/capture';
import { formatBytes, formatCount } from './format';

export function CaptureCounters({ status }: { status: CaptureStatus }) {
  const { t, i18n } = useTranslation('capture');
  const c = status.counters;
  const count = (n: number | null) =>
    n === null ? t('counters.notAvailable') : formatCount(n, i18n.language);
  const items: [string, string, string][] = [
    ['packets', t('counters.packets'), count(c.packets)],
    ['bytes', t('counters.bytes'), formatBytes(c.bytes, i18n.language)],
    ['dropped-agent', t('counters.droppedByAgent'), count(c.droppedByAgent)],
    ['dropped-kernel', t('counters.droppedByKernel'), count(c.droppedByKernel)],
    ['dropped-interface', t('counters.droppedByInterface'), count(c.droppedByInterface)],
  ];
  return (
    <dl className="capture-counters" data-testid="capture-counters">
      {items.map(([id, label, value]) => (
        <div key={id}>
          <dt>{label}</dt>
          <dd data-testid={`capture-counter-${id}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
