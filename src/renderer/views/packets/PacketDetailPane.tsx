/** The compact detail under the list: the selected packet's field tree and a way into Layers. */
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FieldTree } from '../layers/FieldTree';
import { usePacketDetail } from '../layers/use-packet-detail';

export function PacketDetailPane({ number, epoch }: { number: number | null; epoch: number }) {
  const { t } = useTranslation('packets');
  const navigate = useNavigate();
  const detail = usePacketDetail(number, epoch);
  return (
    <section
      className={number === null ? 'packet-detail empty' : 'packet-detail'}
      aria-label={t('detail.label')}
      data-testid="packet-detail"
    >
      <header className="packet-detail-header">
        <h2>{number === null ? t('detail.none') : t('detail.title', { number })}</h2>
        <button
          type="button"
          data-testid="open-in-layers"
          disabled={number === null}
          onClick={() => void navigate('/layers')}
        >
          {t('detail.openInLayers')}
        </button>
      </header>
      {detail.status === 'ready' && <FieldTree fields={detail.detail.fields} />}
      {detail.status === 'loading' && <p className="pane-empty">{t('detail.loading')}</p>}
      {detail.status === 'error' && (
        <p className="filter-message bad" role="alert">
          {detail.message}
        </p>
      )}
    </section>
  );
}
