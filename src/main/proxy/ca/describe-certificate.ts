/** Turns a certificate (PEM or DER) into the CertificateInfo a learner reads. */
import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import type { CertificateInfo } from '../../../shared/model/proxy';

/** SHA-256 of the DER SubjectPublicKeyInfo, base64: the value curl's --pinnedpubkey compares. */
export function spkiSha256(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

export function describeCertificate(input: string | Buffer | X509Certificate): CertificateInfo {
  const x509 = input instanceof X509Certificate ? input : new X509Certificate(input);
  const details = x509.publicKey.asymmetricKeyDetails;
  const keyType = x509.publicKey.asymmetricKeyType ?? 'unknown';
  const keySize = details?.modulusLength ?? details?.namedCurve ?? '';
  return {
    subject: joinDn(x509.subject),
    commonName: findCommonName(x509.subject),
    issuer: joinDn(x509.issuer),
    serialNumber: x509.serialNumber.toUpperCase(),
    notBefore: Date.parse(x509.validFrom),
    notAfter: Date.parse(x509.validTo),
    subjectAltNames: x509.subjectAltName ? x509.subjectAltName.split(/,\s*/) : [],
    fingerprintSha256: x509.fingerprint256,
    spkiSha256: spkiSha256(x509.publicKey),
    publicKey: `${keyType.toUpperCase()} ${keySize}`.trim(),
    isCa: x509.ca,
    selfSigned: x509.checkIssued(x509) && safeVerify(x509),
    pem: x509.toString(),
  };
}

function safeVerify(x509: X509Certificate): boolean {
  try {
    return x509.verify(x509.publicKey);
  } catch {
    return false;
  }
}

function joinDn(dn: string): string {
  return dn
    .split('\n')
    .filter((part) => part.length > 0)
    .join(', ');
}

function findCommonName(dn: string): string | null {
  const line = dn.split('\n').find((part) => part.startsWith('CN='));
  return line ? line.slice(3) : null;
}

/** Formats a pin the way curl and most pinning docs write it. */
export function formatPin(spkiBase64: string): string {
  return `sha256//${spkiBase64}`;
}
