/**
 * Mints the per-host certificates NetLab presents to clients, signed by the installation's CA.
 * One RSA key pair is generated per run and shared by every leaf: key generation costs ~50-100 ms,
 * signing ~1 ms, so a fresh host costs a browser almost nothing. Minted certificates and their TLS
 * secure contexts are kept in an LRU cache.
 */
import { createSecureContext, type SecureContext } from 'node:tls';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';
import type { CertificateInfo } from '../../../shared/model/proxy';
import { LruCache } from '../lru-cache';
import type { CertificateAuthority } from './certificate-authority';
import { describeCertificate } from './describe-certificate';
import { randomSerialHex, signCertificate } from './sign-with-node-crypto';

const DAY_MS = 24 * 60 * 60 * 1000;
const LEAF_BACKDATE_MS = DAY_MS;
/**
 * Backdating plus lifetime stays under 200 days: Apple platforms refuse TLS server certificates
 * valid for more than 398 days and browsers keep shortening the limit; short-lived leaves are safe.
 */
const LEAF_LIFETIME_MS = 180 * DAY_MS;

export interface MintedLeaf {
  host: string;
  certificatePem: string;
  keyPem: string;
  secureContext: SecureContext;
  /** Computed lazily: describing costs more than minting and is only needed for the inspector. */
  describe(): CertificateInfo;
}

export class LeafMinter {
  private readonly keyPem: string;
  private readonly forgePublicKey: forge.pki.PublicKey;
  private readonly subjectKeyIdHex: string;
  private readonly cache: LruCache<string, MintedLeaf>;

  constructor(
    private readonly ca: CertificateAuthority,
    cacheSize = 1000,
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    this.forgePublicKey = forge.pki.publicKeyFromPem(
      publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    );
    // Same key for every leaf, so its subject key identifier is computed once.
    this.subjectKeyIdHex = forge.pki.getPublicKeyFingerprint(this.forgePublicKey, {
      type: 'RSAPublicKey',
      encoding: 'hex',
    }) as string;
    this.cache = new LruCache(cacheSize);
  }

  /** The certificate and TLS context for `host` (a DNS name or an IP address), minted on first use. */
  leafFor(host: string): MintedLeaf {
    const key = normalizeHost(host);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const minted = this.mint(key);
    this.cache.set(key, minted);
    return minted;
  }

  /** Mints without the cache (for measuring cold minting). */
  mint(host: string, now = Date.now()): MintedLeaf {
    const cert = forge.pki.createCertificate();
    cert.publicKey = this.forgePublicKey;
    cert.serialNumber = randomSerialHex();
    cert.validity.notBefore = new Date(now - LEAF_BACKDATE_MS);
    cert.validity.notAfter = new Date(now - LEAF_BACKDATE_MS + LEAF_LIFETIME_MS);
    cert.setSubject([
      // A CN longer than 64 characters is invalid; clients match the SAN anyway.
      { name: 'commonName', value: host.slice(0, 64) },
      { name: 'organizationName', value: 'NetLab (intercepted)' },
    ]);
    cert.setIssuer(this.ca.forgeCertificate.subject.attributes);
    const ipVersion = isIP(host);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      // Modern clients ignore the CN entirely: the SAN is what they match.
      { name: 'subjectAltName', altNames: [ipVersion ? { type: 7, ip: host } : { type: 2, value: host }] },
      { name: 'subjectKeyIdentifier', subjectKeyIdentifier: this.subjectKeyIdHex },
      { name: 'authorityKeyIdentifier', keyIdentifier: this.ca.subjectKeyIdentifier },
    ]);
    signCertificate(cert, this.ca.privateKey);
    const certificatePem = forge.pki.certificateToPem(cert);
    const secureContext = createSecureContext({
      key: this.keyPem,
      // The chain includes the CA so clients that need the issuer (some Android versions) get it.
      cert: certificatePem + this.ca.certificatePem,
    });
    let described: CertificateInfo | null = null;
    return {
      host,
      certificatePem,
      keyPem: this.keyPem,
      secureContext,
      describe: () => (described ??= describeCertificate(new X509Certificate(certificatePem))),
    };
  }

  clear(): void {
    this.cache.clear();
  }
}

/** IPv6 literals arrive as "[::1]" from CONNECT lines; certificates want the bare address. */
export function normalizeHost(host: string): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return bare.toLowerCase().replace(/\.$/, '');
}
