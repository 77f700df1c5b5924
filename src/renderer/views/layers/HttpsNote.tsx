/** Why an HTTPS payload is opaque, and how NetLab's proxy keys make it readable. Only for TLS packets. */
import { useTranslation } from 'react-i18next';
import type { LayerBoundary } from '../../../shared/model/packet';

export function HttpsNote({ layers }: { layers: LayerBoundary[] }) {
  const { t } = useTranslation('layers');
  if (!layers.some((l) => l.protocol === 'tls')) return null;
  return (
    <aside className="https-note" data-testid="https-note">
      <h3>{t('https.title')}</h3>
      <p>{t('https.opaque')}</p>
      <p>{t('https.keys')}</p>
    </aside>
  );
}
