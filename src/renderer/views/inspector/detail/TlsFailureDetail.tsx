/**
 * A TLS failure: what broke, the possible reasons (CA not trusted on the client, or the app pins the
 * real certificate or key), the two SPKI pins side by side, and both certificates.
 */
import { useTranslation } from 'react-i18next';
import type { TlsFailure } from '../../../../shared/model/proxy';
import { formatClock } from '../format';
import { isClientRejection } from '../list/inspector-rows';
import { CertificatePair } from './CertificateCard';
import { diagramFromFailure } from './diagram-legs';
import { InterceptionExplained } from './InterceptionExplained';

function PinCompare({ failure }: { failure: TlsFailure }) {
  const { t } = useTranslation('proxy');
  const { t: ti } = useTranslation('inspector');
  return (
    <div className="insp-pins" data-testid="pin-compare">
      <div className="insp-pin real">
        <span>{t('tlsFailure.pins.real')}</span>
        <code data-testid="pin-real">{failure.realSpkiPin ?? '—'}</code>
      </div>
      <div className="insp-pin forged">
        <span>{t('tlsFailure.pins.forged')}</span>
        <code data-testid="pin-forged">{failure.forgedSpkiPin ?? '—'}</code>
      </div>
      {failure.realSpkiPin && failure.forgedSpkiPin && failure.realSpkiPin !== failure.forgedSpkiPin && (
        <p className="insp-bad" data-testid="pins-differ">
          {ti('failure.pinsDiffer')}
        </p>
      )}
      <p className="insp-muted">{t('tlsFailure.pins.explain')}</p>
      <p className="insp-muted">{ti('failure.certPin')}</p>
    </div>
  );
}

export function TlsFailureDetail({ failure }: { failure: TlsFailure }) {
  const { t } = useTranslation('proxy');
  const { t: ti } = useTranslation('inspector');
  const rejection = isClientRejection(failure);
  return (
    <div className="insp-failure" data-testid="tls-failure-detail">
      <h3 data-testid="failure-headline">
        ⚠{' '}
        {t(`tlsFailure.cause.${failure.cause}`, {
          alert: failure.alert ? `${failure.alert.code} ${failure.alert.name}` : '—',
        })}
      </h3>
      <p className="insp-muted">
        {ti('failure.where', {
          host: failure.host,
          port: failure.port,
          client: failure.clientAddress,
          time: formatClock(failure.time),
        })}
      </p>
      {rejection && (
        <div className="insp-reasons" data-testid="failure-explanation">
          <p>
            {failure.cause === 'client-closed-after-handshake'
              ? ti('failure.closedIntro')
              : ti('failure.alertIntro')}
          </p>
          <ol>
            {failure.possibleReasons.map((reason) => (
              <li key={reason} data-testid={`failure-reason-${reason}`}>
                {t(`tlsFailure.reason.${reason}`)}
              </li>
            ))}
          </ol>
          <p data-testid="failure-why-pinning">{ti('failure.whyPinningWins')}</p>
        </div>
      )}
      {failure.upstreamProblem && (
        <p className="insp-warn">{t(`tlsFailure.upstreamProblem.${failure.upstreamProblem}`)}</p>
      )}
      {rejection && <PinCompare failure={failure} />}
      <CertificatePair forged={failure.forgedCertificate} real={failure.realCertificate} />
      <details className="insp-technical">
        <summary>{ti('failure.technical')}</summary>
        <p className="mono">
          {failure.errorCode ?? ''} {failure.message}
        </p>
      </details>
      <InterceptionExplained model={diagramFromFailure(failure)} />
    </div>
  );
}
