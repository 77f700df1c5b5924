/**
 * The selected field in full: its name, Wireshark id, value, where its bytes are, what it means,
 * the bit grid for bit fields, and copy actions (value; bytes as hex: the dragged range or the field).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldNode } from '../../../shared/model/packet';
import { BitGrid } from './BitGrid';
import { bytesToHex, copyText } from './clipboard';
import { fieldValueText, useFieldTexts } from './field-text';
import type { ByteRange } from './use-field-selection';

export function FieldInfo({
  field,
  bytes,
  range,
}: {
  field: FieldNode | null;
  bytes: Uint8Array;
  range: ByteRange | null;
}) {
  const { t } = useTranslation('layers');
  const texts = useFieldTexts();
  const [copied, setCopied] = useState<string | null>(null);
  const copy = (what: string, text: string) =>
    void copyText(text).then((ok) => setCopied(ok ? what : 'failed'));

  const hexRange: ByteRange | null =
    range ??
    (field && field.length > 0 ? { start: field.offset, end: field.offset + field.length - 1 } : null);

  return (
    <section className="field-info" data-testid="field-info" aria-live="polite">
      {field ? (
        <>
          <h3>
            <span data-testid="field-info-name">{texts.name(field)}</span> <code>{field.id}</code>
          </h3>
          <p className="field-info-value">
            <strong>{fieldValueText(field) || '—'}</strong>
            {field.length > 0 && (
              <span className="field-bytes">
                {' '}
                {t('field.bytes', {
                  start: field.offset,
                  end: field.offset + field.length - 1,
                  count: field.length,
                })}
              </span>
            )}
          </p>
          <p className="field-info-explain" data-testid="field-explain">
            {texts.explain(field.id) ?? t('field.noExplain')}
          </p>
          <BitGrid bytes={bytes} field={field} />
        </>
      ) : (
        <p className="layer-note">{t('field.none')}</p>
      )}
      <div className="field-actions">
        <button
          type="button"
          data-testid="copy-value"
          disabled={!field || fieldValueText(field) === ''}
          onClick={() => field && copy('value', fieldValueText(field))}
        >
          {t('field.copyValue')}
        </button>
        <button
          type="button"
          data-testid="copy-hex"
          disabled={!hexRange}
          onClick={() => hexRange && copy('hex', bytesToHex(bytes, hexRange.start, hexRange.end))}
        >
          {range ? t('dump.copyRange', { count: range.end - range.start + 1 }) : t('dump.copyHex')}
        </button>
        {copied && (
          <span className="copied" role="status" data-testid="copied">
            {copied === 'failed' ? t('field.copyFailed') : t('field.copied')}
          </span>
        )}
      </div>
    </section>
  );
}
