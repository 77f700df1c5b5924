/** Reading facts off TLS sockets and classifying TLS errors into the model's causes. */
import type { TLSSocket } from 'node:tls';
import type {
  CertificateInfo,
  TlsAlertInfo,
  TlsSessionInfo,
  UpstreamCertificateProblem,
} from '../../../shared/model/proxy';
import { describeCertificate } from '../ca/describe-certificate';

/** The real chain a server sent, leaf first, described. */
export function peerCertificateChain(socket: TLSSocket): CertificateInfo[] {
  const chain: CertificateInfo[] = [];
  let cert = socket.getPeerCertificate(true);
  const seen = new Set<string>();
  while (cert && cert.raw && !seen.has(cert.fingerprint256) && chain.length < 10) {
    seen.add(cert.fingerprint256);
    chain.push(describeCertificate(cert.raw));
    cert = cert.issuerCertificate;
  }
  return chain;
}

export function tlsSessionInfo(
  socket: TLSSocket,
  sni: string | null,
  certificates: CertificateInfo[],
  verify: { verified: boolean | null; verifyError: string | null } = { verified: null, verifyError: null },
): TlsSessionInfo {
  return {
    version: socket.getProtocol() ?? null,
    cipher: socket.getCipher()?.standardName ?? socket.getCipher()?.name ?? null,
    alpn: typeof socket.alpnProtocol === 'string' ? socket.alpnProtocol : null,
    sni,
    certificates,
    verified: verify.verified,
    verifyError: verify.verifyError,
    resumed: socket.isSessionReused(),
  };
}

/** Alerts by which a client says "I do not accept this certificate". */
const CERTIFICATE_REJECTION_ALERTS: Record<string, TlsAlertInfo> = {
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: { code: 48, name: 'unknown_ca' },
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: { code: 42, name: 'bad_certificate' },
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN: { code: 46, name: 'certificate_unknown' },
  ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE: { code: 43, name: 'unsupported_certificate' },
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: { code: 45, name: 'certificate_expired' },
};

export function certificateRejectionAlert(code: string | undefined): TlsAlertInfo | null {
  if (!code) return null;
  return CERTIFICATE_REJECTION_ALERTS[code] ?? null;
}

/** Node's verification error codes (OpenSSL X509_V_ERR names) → the problem a learner reads. */
export function upstreamCertificateProblem(code: string | undefined): UpstreamCertificateProblem | null {
  switch (code) {
    case 'CERT_HAS_EXPIRED':
      return 'expired';
    case 'CERT_NOT_YET_VALID':
      return 'not-yet-valid';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HOSTNAME_MISMATCH':
      return 'hostname-mismatch';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'self-signed';
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_UNTRUSTED':
      return 'unknown-issuer';
    case 'CERT_REVOKED':
      return 'revoked';
    case 'CERT_SIGNATURE_FAILURE':
    case 'CERT_CHAIN_TOO_LONG':
    case 'INVALID_CA':
    case 'INVALID_PURPOSE':
    case 'CERT_REJECTED':
      return 'other';
    default:
      return null;
  }
}
