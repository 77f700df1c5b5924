/**
 * Start and stop the interception proxy: the port, the hosts whose real certificate is not checked
 * (lab servers with self-signed certificates), and the address a client must be told to use.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProxyStatus } from '../../../../shared/model/proxy';
import { useApi } from '../../../api/api-context';

function parseHostList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((h) => h.trim())
    .filter((h) => h.length > 0);
}

export function ProxyPanel({
  status,
  onStatus,
}: {
  status: ProxyStatus | null;
  onStatus: (s: ProxyStatus) => void;
}) {
  const { t } = useTranslation('inspector');
  const api = useApi();
  const [port, setPort] = useState('8080');
  const [insecureHosts, setInsecureHosts] = useState('');
  const [keepKib, setKeepKib] = useState('1024');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    api.invoke('proxy.settings', {}).then(
      (s) => {
        setPort(String(s.port));
        setInsecureHosts(s.insecureUpstreamHosts.join(', '));
        setKeepKib(String(Math.round(s.bodyCaptureLimit / 1024)));
      },
      () => undefined,
    );
  }, [api]);

  const running = status?.running ?? false;
  const address = running && status?.host && status.port ? `${status.host}:${status.port}` : null;
  const portNumber = Number(port);
  const portValid = /^\d+$/.test(port) && portNumber >= 0 && portNumber <= 65535;
  const keepValid = /^\d+$/.test(keepKib) && Number(keepKib) <= 256 * 1024;

  const act = async (action: () => Promise<ProxyStatus>) => {
    setBusy(true);
    setError(null);
    try {
      onStatus(await action());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const start = () =>
    act(() =>
      api.invoke('proxy.start', {
        port: portNumber,
        insecureUpstreamHosts: parseHostList(insecureHosts),
        bodyCaptureLimit: Number(keepKib) * 1024,
      }),
    );
  const stop = () => act(() => api.invoke('proxy.stop', {}));
  const copyAddress = async () => {
    if (!address) return;
    await navigator.clipboard?.writeText(`http://${address}`).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };

  return (
    <section className="insp-card" aria-labelledby="insp-proxy-title" data-testid="proxy-panel">
      <h2 id="insp-proxy-title">{t('proxy.title')}</h2>
      <div className="insp-row">
        <span className={running ? 'insp-badge ok' : 'insp-badge'} data-testid="proxy-state">
          {status === null
            ? t('proxy.checking')
            : running && address
              ? t('proxy.running', { address })
              : t('proxy.stopped')}
        </span>
        {status && (
          <span className="insp-muted" data-testid="proxy-counts">
            {t('proxy.counts', { exchanges: status.exchangeCount, failures: status.tlsFailureCount })}
          </span>
        )}
      </div>
      <div className="insp-row">
        <label>
          {t('proxy.port')}
          <input
            type="number"
            min={0}
            max={65535}
            value={port}
            disabled={running}
            onChange={(e) => setPort(e.target.value)}
            data-testid="proxy-port"
            className="insp-narrow"
            aria-invalid={!portValid}
          />
        </label>
        <label title={t('proxy.bodyLimitHint')}>
          {t('proxy.bodyLimit')}
          <input
            type="number"
            min={0}
            value={keepKib}
            disabled={running}
            onChange={(e) => setKeepKib(e.target.value)}
            data-testid="proxy-body-limit"
            aria-invalid={!keepValid}
            className="insp-narrow"
          />
        </label>
        <label className="insp-grow">
          {t('proxy.insecureHosts')}
          <input
            type="text"
            value={insecureHosts}
            disabled={running}
            placeholder="localhost, lab.test"
            onChange={(e) => setInsecureHosts(e.target.value)}
            data-testid="proxy-insecure-hosts"
          />
        </label>
        {running ? (
          <button type="button" onClick={stop} disabled={busy} data-testid="proxy-stop">
            {t('proxy.stop')}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={start}
            disabled={busy || status === null || !portValid || !keepValid}
            data-testid="proxy-start"
          >
            {t('proxy.start')}
          </button>
        )}
      </div>
      <p className="insp-hint">{t('proxy.insecureHint')}</p>
      {error && (
        <p className="banner-error" role="alert" data-testid="proxy-error">
          {t('proxy.startFailed', { message: error })}
        </p>
      )}
      {status?.exposedWarning && <p className="banner-error">{status.exposedWarning}</p>}
      {address && (
        <div className="insp-configure" data-testid="proxy-configure">
          <p>{t('proxy.configure')}</p>
          <div className="insp-row">
            <code data-testid="proxy-address">http://{address}</code>
            <button type="button" onClick={copyAddress}>
              {copied ? t('common.copied') : t('common.copy')}
            </button>
          </div>
          <p className="insp-muted">{t('proxy.tryCurl')}</p>
          <pre className="insp-code">
            curl --proxy http://{address} --cacert netlab-ca.pem https://example.com/
          </pre>
        </div>
      )}
    </section>
  );
}
