/** The bits of the selected bit field, most significant first, each named bit labelled. */
import { useTranslation } from 'react-i18next';
import type { FieldNode } from '../../../shared/model/packet';
import { bitGrid } from './bit-grid';
import { useFieldTexts } from './field-text';

export function BitGrid({ bytes, field }: { bytes: Uint8Array; field: FieldNode }) {
  const { t } = useTranslation('layers');
  const texts = useFieldTexts();
  const cells = bitGrid(bytes, field);
  if (!cells) return null;
  const childName = (id: string | null) => {
    const child = field.children?.find((c) => c.id === id);
    return child ? texts.name(child) : '';
  };
  return (
    <figure className="bit-grid-figure">
      <figcaption>{t('bits.caption', { name: texts.name(field) })}</figcaption>
      <div
        className="bit-grid"
        data-testid="bit-grid"
        role="table"
        aria-label={t('bits.caption', { name: texts.name(field) })}
      >
        {cells.map((cell) => (
          <div
            key={cell.index}
            role="cell"
            className={`bit-cell${cell.inMask ? ' in-mask' : ''}${cell.value ? ' set' : ''}`}
            data-testid="bit-cell"
            data-bit={cell.index}
            data-field={cell.fieldId ?? undefined}
            data-set={cell.value}
            data-in-mask={cell.inMask}
            title={cell.fieldId ? `${childName(cell.fieldId)} = ${cell.value}` : undefined}
          >
            <span className="bit-value">{cell.value}</span>
            <span className="bit-label">{cell.fieldId ? shortBitLabel(cell.fieldId) : ''}</span>
          </div>
        ))}
      </div>
    </figure>
  );
}

/** 'tcp.flags.syn' → 'SYN': the last id part, as the RFC diagrams name the bits. */
function shortBitLabel(id: string): string {
  const last = id.slice(id.lastIndexOf('.') + 1);
  return last === 'push' ? 'PSH' : last === 'reset' ? 'RST' : last.toUpperCase().slice(0, 4);
}
