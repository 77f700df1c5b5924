/**
 * The Layers view, the notes' first lesson: how one real packet is built from layers. Shows the
 * packet selected anywhere (packet list, timeline).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSelection } from '../../state/selection';
import { useDropStaleSelection } from '../packets/use-drop-stale-selection';
import './layer-colors.css';
import './layers.css';
import { LayersExplainer } from './LayersExplainer';
import type { LayerModel } from './LayerStack';
import { usePacketDetail } from './use-packet-detail';

export default function LayersView() {
  const { t } = useTranslation('layers');
  const { packet, sessionEpoch } = useSelection();
  const state = usePacketDetail(packet, sessionEpoch);
  useDropStaleSelection();
  // Kept here, not in the explainer, so the chosen model stays when another packet is selected.
  const [model, setModel] = useState<LayerModel>('tcpip');
  return (
    <div className="layers-view" data-testid="view-layers">
      {state.status === 'none' && (
        <section className="empty-state">
          <h1>{t('emptyTitle')}</h1>
          <p>{t('empty')}</p>
        </section>
      )}
      {state.status === 'loading' && <p className="layer-note">{t('loading')}</p>}
      {state.status === 'error' && (
        <p className="banner-error" role="alert">
          {t('loadError', { number: state.number, message: state.message })}
        </p>
      )}
      {state.status === 'ready' && (
        <LayersExplainer
          key={`${sessionEpoch}-${state.detail.summary.number}`}
          detail={state.detail}
          model={model}
          onModel={setModel}
        />
      )}
    </div>
  );
}
