/**
 * Mints the per-host certificates NetLab presents to clients, signed by the installation's CA.
 * One key pair is generated per run and shared by every leaf, so a fresh host costs only a signature
 * (~1 ms). The leaf key is ECDSA P-256: every TLS handshake signs with it, and P-256 signs about ten
 * times faster than RSA 2048 and loads faster into a TLS context. node-forge only models RSA keys,
 * so the certificate is built with a placeholder key and the real SubjectPublicKeyInfo is swapped
 * into the to-be-signed structure before OpenSSL signs it with the (RSA) CA key.
 * Minted certificates and their TLS secure contexts are kept in an LRU cache.
 */
import { createSecureContext, type SecureContext } from 'node:tls';
import { createHash, generateKeyPairSync, sign, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';
import type { CertificateInfo } from '../../../shared/model/proxy';
import { LruCache } from '../lru-cache';
import type { CertificateAuthority } from './certificate-authority';
import { describeCertificate } from './describe-certificate';
import { randomSerialHex } from './sign-with-node-crypto';

type Asn1 = forge.asn1.Asn1;
const pkiInternals = forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): Asn1 };
const { asn1 } = forge;

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
  /** The leaf key's SubjectPublicKeyInfo, swapped into every certificate. */
  private readonly spki: Asn1;
  private readonly subjectKeyIdHex: string;
  private readonly cache: LruCache<string, MintedLeaf>;

  constructor(
    private readonly ca: CertificateAuthority,
    cacheSize = 1000,
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    this.keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const spkiDer = publicKey.export({ type: 'spki', format: 'der' });
    // decodeBitStrings: false keeps the EC point as raw bytes instead of guessing at ASN.1 inside it.
    this.spki = asn1.fromDer(spkiDer.toString('binary'), { decodeBitStrings: false } as never);
    // RFC 5280 method 1: SHA-1 of the subjectPublicKey bits (after the unused-bits byte).
    const point = Buffer.from((this.spki.value as Asn1[])[1].value as string, 'binary').subarray(1);
    this.subjectKeyIdHex = createHash('sha1').update(point).digest('hex');
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
    // A placeholder so forge can build the structure; replaced by the P-256 key below.
    cert.publicKey = this.ca.forgeCertificate.publicKey;
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
      // An ECDSA key only signs (keyEncipherment is for RSA key transport).
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      // Modern clients ignore the CN entirely: the SAN is what they match.
      { name: 'subjectAltName', altNames: [ipVersion ? { type: 7, ip: host } : { type: 2, value: host }] },
      { name: 'subjectKeyIdentifier', subjectKeyIdentifier: this.subjectKeyIdHex },
      { name: 'authorityKeyIdentifier', keyIdentifier: this.ca.subjectKeyIdentifier },
    ]);
    const certificatePem = this.signWithLeafKey(cert);
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

  /** Swaps in the leaf's SubjectPublicKeyInfo, signs the TBS with the CA key and returns PEM. */
  private signWithLeafKey(cert: forge.pki.Certificate): string {
    const sha256WithRsa = forge.pki.oids.sha256WithRSAEncryption;
    cert.signatureOid = sha256WithRsa;
    (cert as unknown as { siginfo: { algorithmOid: string } }).siginfo.algorithmOid = sha256WithRsa;
    const tbs = pkiInternals.getTBSCertificate(cert);
    const fields = tbs.value as Asn1[];
    // TBSCertificate: [0] version, serial, signature, issuer, validity, subject, subjectPublicKeyInfo, [3] extensions
    fields[6] = this.spki;
    const tbsDer = asn1.toDer(tbs).getBytes();
    const signature = sign('sha256', Buffer.from(tbsDer, 'binary'), this.ca.privateKey);
    const algorithm = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(sha256WithRsa).getBytes()),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''),
    ]);
    const certificate = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      tbs,
      algorithm,
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\u0000${signature.toString('binary')}`),
    ]);
    const der = Buffer.from(asn1.toDer(certificate).getBytes(), 'binary');
    const base64 = der.toString('base64').replace(/.{64}/g, '$&\n');
    return `-----BEGIN CERTIFICATE-----\n${base64}${base64.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
  }
}

/** IPv6 literals arrive as "[::1]" from CONNECT lines; certificates want the bare address. */
export function normalizeHost(host: string): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return bare.toLowerCase().replace(/\.$/, '');
}
