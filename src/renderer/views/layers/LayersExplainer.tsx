/**
 * One packet explained: the layer stack (TCP/IP or OSI), the hex dump tinted by layer with the
 * selected field's bytes highlighted, the selected field's details and bit grid, the HTTPS note
 * and the encapsulation steps.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { PacketDetail } from '../../../shared/api/session';
import { Encapsulation } from './Encapsulation';
import { deepestFieldAt } from './field-lookup';
import { FieldInfo } from './FieldInfo';
import { HexDump } from './HexDump';
import { HttpsNote } from './HttpsNote';
import { LayerStack, type LayerModel } from './LayerStack';
import { useFieldSelection } from './use-field-selection';

export function LayersExplainer({
  detail,
  model,
  onModel,
}: {
  detail: PacketDetail;
  model: LayerModel;
  onModel: (model: LayerModel) => void;
}) {
  const { t } = useTranslation('layers');
  const selection = useFieldSelection(detail.fields);
  const { select, setHovered } = selection;
  const layers = detail.summary.layers;

  const onByteClick = useCallback(
    (byte: number) => select(deepestFieldAt(detail.fields, byte)),
    [detail.fields, select],
  );
  const onByteHover = useCallback(
    (byte: number | null) => setHovered(byte === null ? null : deepestFieldAt(detail.fields, byte)),
    [detail.fields, setHovered],
  );

  const span = (node: { offset: number; length: number } | null) =>
    node ? { offset: node.offset, length: node.length } : null;

  return (
    <div className="layers-explainer">
      <header className="layers-header">
        <h1>
          {t('title', { number: detail.summary.number })}
          <small>
            {detail.summary.protocol} · {detail.summary.info}
          </small>
        </h1>
        <div className="segmented" role="group" aria-label={t('model.label')}>
          {(['tcpip', 'osi'] as const).map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={model === m}
              data-testid={`model-${m}`}
              onClick={() => onModel(m)}
            >
              {t(`model.${m}`)}
            </button>
          ))}
        </div>
      </header>
      {detail.notes.length > 0 && (
        <ul className="layers-notes">
          {detail.notes.map((n) => (
            <li key={n.key}>{n.text}</li>
          ))}
        </ul>
      )}
      <div className="layers-columns">
        <LayerStack fields={detail.fields} layers={layers} model={model} selection={selection} />
        <div className="layers-side">
          <p className="layer-note">{t('dump.hint')}</p>
          <HexDump
            bytes={detail.bytes}
            layers={layers}
            selected={span(selection.selectedNode)}
            hovered={span(selection.hoveredNode)}
            range={selection.range}
            onByteClick={onByteClick}
            onByteHover={onByteHover}
            onRange={selection.setRange}
          />
          <FieldInfo field={selection.selectedNode} bytes={detail.bytes} range={selection.range} />
          <HttpsNote layers={layers} />
        </div>
      </div>
      <Encapsulation layers={layers} fields={detail.fields} />
    </div>
  );
}
