/** Both TLS legs of an intercepted exchange (version, cipher, ALPN, SNI) and both certificates. */
import { useTranslation } from 'react-i18next';
import type { ExchangeDetail, TlsSessionInfo } from '../../../../shared/model/proxy';
import { CertificatePair } from './CertificateCard';
import { keyExchangeOf } from './key-exchange';

function LegFacts({ title, tls, testId }: { title: string; tls: TlsSessionInfo | null; testId: string }) {
  const { t } = useTranslation('inspector');
  return (
    <section className="insp-leg" data-testid={testId}>
      <h4>{title}</h4>
      {tls ? (
        <dl className="insp-facts">
          <dt>{t('tls.version')}</dt>
          <dd data-testid={`${testId}-version`}>{tls.version ?? '—'}</dd>
          <dt>{t('tls.cipher')}</dt>
          <dd className="mono">{tls.cipher ?? '—'}</dd>
          <dt>{t('tls.keyExchange')}</dt>
          <dd>{t(`kex.${keyExchangeOf(tls)}`)}</dd>
          <dt>{t('tls.alpn')}</dt>
          <dd>{tls.alpn ?? t('tls.none')}</dd>
          <dt>{t('tls.sni')}</dt>
          <dd>{tls.sni ?? t('tls.noSni')}</dd>
          <dt>{t('tls.chain')}</dt>
          <dd data-testid={`${testId}-chain`}>
            {tls.certificates.length > 0
              ? tls.certificates.map((c) => c.commonName ?? c.subject).join(' ← ')
              : '—'}
          </dd>
          <dt>{t('tls.resumed')}</dt>
          <dd>{tls.resumed ? t('tls.yes') : t('tls.no')}</dd>
          {tls.verified !== null && (
            <>
              <dt>{t('tls.verified')}</dt>
              <dd className={tls.verified ? '' : 'insp-bad'}>
                {tls.verified ? t('tls.yes') : t('tls.notVerified', { reason: tls.verifyError ?? '' })}
              </dd>
            </>
          )}
        </dl>
      ) : (
        <p className="insp-muted">{t('tls.plain')}</p>
      )}
    </section>
  );
}

export function TlsDetails({ exchange }: { exchange: ExchangeDetail }) {
  const { t } = useTranslation('proxy');
  const { t: ti } = useTranslation('inspector');
  if (!exchange.clientTls && !exchange.serverTls)
    return <p className="insp-muted">{ti('tls.plainExchange')}</p>;
  return (
    <div data-testid="tls-details">
      <div className="insp-cert-pair">
        <LegFacts title={t('legs.client')} tls={exchange.clientTls} testId="tls-client-leg" />
        <LegFacts title={t('legs.server')} tls={exchange.serverTls} testId="tls-server-leg" />
      </div>
      <CertificatePair
        forged={exchange.clientTls?.certificates[0] ?? null}
        real={exchange.serverTls?.certificates[0] ?? null}
      />
    </div>
  );
}
