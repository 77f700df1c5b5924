/**
 * NetLab's certificate authority: what it is, its fingerprint, export in the formats trust stores
 * want (PEM, DER .cer, PKCS#12), regenerate or delete it, and how to trust and untrust it per platform.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaExportFormat, CaInfo } from '../../../../shared/model/proxy';
import { useApi } from '../../../api/api-context';
import { downloadFile } from '../download';
import { formatDate } from '../format';
import { ConfirmButton } from './ConfirmButton';
import { TrustInstructions } from './TrustInstructions';

const FORMATS: CaExportFormat[] = ['pem', 'der', 'p12'];

export function CaPanel({ onCaChanged }: { onCaChanged?: () => void }) {
  const { t } = useTranslation('inspector');
  const { t: tp } = useTranslation('proxy');
  const api = useApi();
  const [info, setInfo] = useState<CaInfo | null>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(
    () => api.invoke('proxy.ca.info', {}).then(setInfo, (e: Error) => setError(e.message)),
    [api],
  );
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      await refresh();
      onCaChanged?.();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const exportAs = (format: CaExportFormat) =>
    run(async () => {
      const out = await api.invoke('proxy.ca.export', {
        format,
        ...(format === 'p12' && password ? { password } : {}),
      });
      downloadFile(out.bytes, out.suggestedFileName, out.mimeType);
    });

  return (
    <section className="insp-card" aria-labelledby="insp-ca-title" data-testid="ca-panel">
      <h2 id="insp-ca-title">{tp('ca.title')}</h2>
      <p className="insp-muted">{tp('ca.explain')}</p>
      {info?.exists ? (
        <dl className="insp-facts" data-testid="ca-info">
          <dt>{t('cert.subject')}</dt>
          <dd data-testid="ca-subject">{info.subject}</dd>
          <dt>{tp('ca.fingerprint')}</dt>
          <dd className="mono" data-testid="ca-fingerprint">
            {info.fingerprintSha256}
          </dd>
          <dt>{t('cert.spki')}</dt>
          <dd className="mono">sha256//{info.spkiSha256}</dd>
          <dt>{t('cert.validity')}</dt>
          <dd>
            {formatDate(info.notBefore)} → {formatDate(info.notAfter)}
          </dd>
          <dt>{t('ca.file')}</dt>
          <dd className="mono">{info.certificatePath}</dd>
        </dl>
      ) : (
        info && (
          <p data-testid="ca-missing">
            {t('ca.missing')}{' '}
            <button type="button" onClick={() => run(() => api.invoke('proxy.ca.regenerate', {}))}>
              {t('ca.create')}
            </button>
          </p>
        )
      )}
      <div className="insp-row">
        <span>{t('ca.export')}</span>
        {FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            disabled={busy}
            onClick={() => exportAs(format)}
            data-testid={`ca-export-${format}`}
          >
            {t(`ca.format.${format}`)}
          </button>
        ))}
        <label>
          {t('ca.p12Password')}
          <input
            type="password"
            value={password}
            autoComplete="new-password"
            onChange={(e) => setPassword(e.target.value)}
            data-testid="ca-p12-password"
          />
        </label>
      </div>
      <p className="insp-hint">{t('ca.exportHint')}</p>
      {info?.exists && (
        <div className="insp-row">
          <ConfirmButton
            label={t('ca.regenerate')}
            warning={tp('ca.regenerateWarning')}
            disabled={busy}
            testId="ca-regenerate"
            onConfirm={() => run(() => api.invoke('proxy.ca.regenerate', {}))}
          />
          <ConfirmButton
            label={t('ca.delete')}
            warning={tp('ca.deleteWarning')}
            disabled={busy}
            testId="ca-delete"
            onConfirm={() => run(() => api.invoke('proxy.ca.delete', {}))}
          />
        </div>
      )}
      {error && (
        <p className="banner-error" role="alert">
          {t('ca.failed', { message: error })}
        </p>
      )}
      <TrustInstructions />
    </section>
  );
}
