/**
 * The layers of the selected packet stacked top-down, as the TCP/IP model (4 layers) or mapped
 * onto OSI (7). Each layer shows its protocol, its size and what it adds for the layer above, and
 * its header fields with values and meanings. Arrow keys move through the fields.
 */
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldNode, LayerBoundary, LayerName } from '../../../shared/model/packet';
import { layerOfProtocolNode } from './field-lookup';
import { LayerFields } from './LayerFields';
import { osiRows, type OsiRow } from './osi-mapping';
import { protocolLabel } from './protocol-labels';
import type { FieldSelection } from './use-field-selection';

export type LayerModel = 'tcpip' | 'osi';

const TCPIP_ORDER: LayerName[] = ['application', 'transport', 'network', 'link'];

interface Block {
  boundary: LayerBoundary;
  node: FieldNode | undefined;
  path: string | undefined;
}

function blocksOf(fields: FieldNode[], layers: LayerBoundary[]): Block[] {
  return layers.map((boundary) => {
    const index = fields.findIndex(
      (n) =>
        n.id === boundary.protocol ||
        (n.offset === boundary.offset && layerOfProtocolNode(layers, n) === boundary.layer),
    );
    return { boundary, node: fields[index], path: index >= 0 ? String(index) : undefined };
  });
}

export function LayerStack({
  fields,
  layers,
  model,
  selection,
}: {
  fields: FieldNode[];
  layers: LayerBoundary[];
  model: LayerModel;
  selection: FieldSelection;
}) {
  const { t } = useTranslation('layers');
  const blocks = blocksOf(fields, layers);
  const onKeyDown = (e: KeyboardEvent) => {
    if (selection.move(e.key)) e.preventDefault();
  };
  return (
    <div
      className="layer-stack"
      data-testid="layer-stack"
      data-model={model}
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-label={t('stack.label')}
    >
      {model === 'tcpip'
        ? TCPIP_ORDER.map((layer) => {
            const mine = blocks.filter((b) => b.boundary.layer === layer);
            return (
              <section
                key={layer}
                className={`layer-card layer-${layer}`}
                data-testid="layer-card"
                data-layer={layer}
              >
                <h3 className="layer-title" data-testid="layer-title">
                  {t(`tcpip.${layer}`)}
                </h3>
                {mine.length === 0 ? (
                  <p className="layer-note">
                    {t(layer === 'application' ? 'osiNote.empty' : 'stack.noHeader')}
                  </p>
                ) : (
                  mine.map((b) => <ProtocolBlock key={b.boundary.offset} block={b} selection={selection} />)
                )}
              </section>
            );
          })
        : osiRows(layers).map((row) => (
            <OsiCard key={row.osi} row={row} blocks={blocks} selection={selection} />
          ))}
    </div>
  );
}

const OSI_TO_TCPIP: Record<number, LayerName | null> = {
  7: 'application',
  6: 'application',
  5: 'application',
  4: 'transport',
  3: 'network',
  2: 'link',
  1: null,
};

function OsiCard({ row, blocks, selection }: { row: OsiRow; blocks: Block[]; selection: FieldSelection }) {
  const { t } = useTranslation('layers');
  const tcpip = OSI_TO_TCPIP[row.osi];
  const appProtocol = blocks.find((b) => b.boundary.layer === 'application')?.boundary.protocol;
  // TLS sits in rows 6 and 5: its fields are listed once, in row 6.
  const showFields = !(row.osi === 5 && row.note === 'spanned');
  return (
    <section
      className={`layer-card ${tcpip ? `layer-${tcpip}` : 'layer-physical'}`}
      data-testid="layer-card"
      data-osi={row.osi}
    >
      <h3 className="layer-title" data-testid="layer-title">
        {t('osi.title', { number: row.osi, name: t(`osi.${row.osi}`) })}
      </h3>
      {row.note && (
        <p className="layer-note">
          {t(`osiNote.${row.note}`, { protocol: appProtocol ? protocolLabel(appProtocol) : '' })}
        </p>
      )}
      {showFields &&
        row.boundaries.map((b) => {
          const block = blocks.find((x) => x.boundary === b);
          return block ? <ProtocolBlock key={b.offset} block={block} selection={selection} /> : null;
        })}
    </section>
  );
}

function ProtocolBlock({ block, selection }: { block: Block; selection: FieldSelection }) {
  const { t, i18n } = useTranslation('layers');
  const { boundary, node, path } = block;
  const addsKey = i18n.exists(`layers:adds.${boundary.protocol}`)
    ? boundary.protocol
    : `layer_${boundary.layer}`;
  return (
    <div className="protocol-block" data-protocol={boundary.protocol}>
      <div className="protocol-head">
        <button
          type="button"
          className="protocol-name"
          aria-pressed={selection.selected === path}
          onClick={() => path !== undefined && selection.select(path)}
          onMouseEnter={() => path !== undefined && selection.setHovered(path)}
          onMouseLeave={() => selection.setHovered(null)}
        >
          {protocolLabel(boundary.protocol)}
        </button>
        <span className="protocol-size" data-testid="layer-size">
          {boundary.layer === 'application'
            ? t('stack.payloadBytes', { count: boundary.length })
            : t('stack.headerBytes', { count: boundary.length })}
        </span>
      </div>
      <p className="protocol-adds">{t(`adds.${addsKey}`)}</p>
      {node && path !== undefined && <LayerFields parent={node} parentPath={path} selection={selection} />}
    </div>
  );
}
