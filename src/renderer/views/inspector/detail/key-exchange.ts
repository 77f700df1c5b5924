/**
 * What a TLS leg used to agree on its keys, read from the version and cipher name. This is the fact
 * the study notes get wrong: they describe RSA key transport (the client encrypts a secret with the
 * server's public key). TLS 1.3 always uses (EC)DHE, and TLS 1.2 suites say so in their name.
 */
import type { TlsSessionInfo } from '../../../../shared/model/proxy';

export type KeyExchangeKind = 'tls13-ecdhe' | 'ecdhe' | 'dhe' | 'rsa' | 'unknown';

export function keyExchangeOf(tls: Pick<TlsSessionInfo, 'version' | 'cipher'> | null): KeyExchangeKind {
  if (!tls) return 'unknown';
  if (tls.version === 'TLSv1.3') return 'tls13-ecdhe';
  const cipher = (tls.cipher ?? '').toUpperCase();
  if (!cipher) return 'unknown';
  if (cipher.includes('ECDHE')) return 'ecdhe';
  if (cipher.includes('DHE')) return 'dhe';
  // TLS 1.2 suites without (EC)DHE transport the premaster secret encrypted with the server's RSA key.
  if (cipher.includes('RSA') || /^(AES|DES|RC4|CAMELLIA|SEED|IDEA)/.test(cipher)) return 'rsa';
  return 'unknown';
}
