/**
 * One body: its sizes (on the wire vs decoded, kept vs relayed), its compression, and its content as
 * pretty JSON, text, an image or a hex dump.
 */
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BodyDecodeState, BodyInfo } from '../../../../shared/model/proxy';
import { formatBytes } from '../format';
import { presentBody } from './body-presentation';

function ImageBody({ bytes, mimeType }: { bytes: Uint8Array; mimeType: string }) {
  const url = useMemo(
    () => URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: mimeType })),
    [bytes, mimeType],
  );
  // Blob URLs hold the bytes until revoked: free them when the image changes or leaves.
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return <img className="insp-image" src={url} alt={mimeType} data-testid="body-image" />;
}

export function BodyView({
  info,
  raw,
  decoded,
  decodeState,
  testId,
}: {
  info: BodyInfo;
  raw: Uint8Array;
  decoded: Uint8Array | null;
  decodeState: BodyDecodeState;
  testId: string;
}) {
  const { t } = useTranslation('inspector');
  const { t: tp } = useTranslation('proxy');
  const shown = decoded ?? raw;
  const presentation = useMemo(() => presentBody(shown, info.contentType), [shown, info.contentType]);
  const encodings = info.contentEncodings.join(', ');
  return (
    <div className="insp-body" data-testid={testId}>
      <p className="insp-body-facts" data-testid={`${testId}-facts`}>
        <span>{t('body.wireSize', { size: formatBytes(info.size) })}</span>
        {decoded && <span>{t('body.decodedSize', { size: formatBytes(decoded.byteLength) })}</span>}
        <span data-testid={`${testId}-encoding`}>{tp(`body.decodeState.${decodeState}`, { encodings })}</span>
        {info.contentType && <span className="mono">{info.contentType}</span>}
      </p>
      {info.truncated && (
        <p className="insp-warn" data-testid={`${testId}-truncated`}>
          {tp('body.truncated', { kept: info.capturedSize, total: info.size })}
        </p>
      )}
      {presentation.mode === 'empty' && <p className="insp-muted">{t('body.empty')}</p>}
      {presentation.mode === 'json' && (
        <pre className="insp-code" data-testid={`${testId}-json`}>
          {presentation.text}
        </pre>
      )}
      {presentation.mode === 'text' && (
        <pre className="insp-code" data-testid={`${testId}-text`}>
          {presentation.text}
        </pre>
      )}
      {presentation.mode === 'image' && <ImageBody bytes={shown} mimeType={presentation.mimeType} />}
      {presentation.mode === 'hex' && (
        <>
          <pre className="insp-code" data-testid={`${testId}-hex`}>
            {presentation.lines.join('\n')}
          </pre>
          {presentation.shownBytes < shown.byteLength && (
            <p className="insp-muted">
              {t('body.hexCut', { shown: presentation.shownBytes, total: shown.byteLength })}
            </p>
          )}
        </>
      )}
    </div>
  );
}
