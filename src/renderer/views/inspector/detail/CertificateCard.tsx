/** One certificate as a learner needs it: who it names, who signed it, when it is valid, its pins. */
import { useTranslation } from 'react-i18next';
import type { CertificateInfo } from '../../../../shared/model/proxy';
import { formatDate } from '../format';

export function CertificateCard({
  title,
  cert,
  testId,
  variant,
}: {
  title: string;
  cert: CertificateInfo | null;
  testId: string;
  variant: 'forged' | 'real';
}) {
  const { t } = useTranslation('inspector');
  return (
    <section className={`insp-cert ${variant}`} data-testid={testId} aria-label={title}>
      <h4>{title}</h4>
      {cert ? (
        <dl className="insp-facts stacked">
          <dt>{t('cert.subject')}</dt>
          <dd data-testid={`${testId}-subject`}>{cert.subject}</dd>
          <dt>{t('cert.issuer')}</dt>
          <dd data-testid={`${testId}-issuer`}>
            {cert.issuer}
            {cert.selfSigned ? ` (${t('cert.selfSigned')})` : ''}
          </dd>
          <dt>{t('cert.validity')}</dt>
          <dd>
            {formatDate(cert.notBefore)} → {formatDate(cert.notAfter)}
          </dd>
          <dt>{t('cert.sans')}</dt>
          <dd>{cert.subjectAltNames.length > 0 ? cert.subjectAltNames.join(', ') : '—'}</dd>
          <dt>{t('cert.publicKey')}</dt>
          <dd>{cert.publicKey}</dd>
          <dt>{t('cert.fingerprint')}</dt>
          <dd className="mono small" data-testid={`${testId}-fingerprint`}>
            {cert.fingerprintSha256}
          </dd>
          <dt>{t('cert.spki')}</dt>
          <dd className="mono small" data-testid={`${testId}-spki`}>
            sha256//{cert.spkiSha256}
          </dd>
        </dl>
      ) : (
        <p className="insp-muted">{t('cert.unknown')}</p>
      )}
    </section>
  );
}

/** The client's view and the server's real certificate next to each other. */
export function CertificatePair({
  forged,
  real,
}: {
  forged: CertificateInfo | null;
  real: CertificateInfo | null;
}) {
  const { t } = useTranslation('proxy');
  return (
    <div className="insp-cert-pair" data-testid="certificate-pair">
      <CertificateCard
        title={t('legs.forgedCertificate')}
        cert={forged}
        testId="cert-forged"
        variant="forged"
      />
      <CertificateCard title={t('legs.realCertificate')} cert={real} testId="cert-real" variant="real" />
    </div>
  );
}
