/**
 * A throwaway PKI for tests: a "lab CA" standing in for a public CA, and server certificates that
 * are good, expired, for the wrong host, self-signed or from an unknown issuer. The proxy trusts the
 * lab CA through its extra-CA option, as a user would add a company CA.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { randomSerialHex, signCertificate } from '../ca/sign-with-node-crypto';

const DAY = 24 * 60 * 60 * 1000;

export interface TestKeyPair {
  privateKey: KeyObject;
  keyPem: string;
  forgePublic: forge.pki.PublicKey;
}

export function makeKeyPair(): TestKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    forgePublic: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  };
}

interface CertOptions {
  subjectCn: string;
  altNames?: { dns?: string[]; ips?: string[] };
  isCa?: boolean;
  notBefore?: Date;
  notAfter?: Date;
  key: TestKeyPair;
  issuer?: { cert: forge.pki.Certificate; key: TestKeyPair };
}

export function makeCertificate(o: CertOptions): { pem: string; cert: forge.pki.Certificate } {
  const cert = forge.pki.createCertificate();
  cert.publicKey = o.key.forgePublic;
  cert.serialNumber = randomSerialHex();
  cert.validity.notBefore = o.notBefore ?? new Date(Date.now() - DAY);
  cert.validity.notAfter = o.notAfter ?? new Date(Date.now() + 30 * DAY);
  const subject = [{ name: 'commonName', value: o.subjectCn }];
  cert.setSubject(subject);
  cert.setIssuer(o.issuer ? o.issuer.cert.subject.attributes : subject);
  const extensions: object[] = o.isCa
    ? [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        { name: 'subjectKeyIdentifier' },
      ]
    : [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            ...(o.altNames?.dns ?? []).map((value) => ({ type: 2, value })),
            ...(o.altNames?.ips ?? []).map((ip) => ({ type: 7, ip })),
          ],
        },
      ];
  cert.setExtensions(extensions);
  signCertificate(cert, (o.issuer?.key ?? o.key).privateKey);
  return { pem: forge.pki.certificateToPem(cert), cert };
}

export interface TestPki {
  caPem: string;
  serverKeyPem: string;
  /** localhost + 127.0.0.1, signed by the lab CA. */
  goodPem: string;
  expiredPem: string;
  wrongHostPem: string;
  selfSignedPem: string;
  unknownIssuerPem: string;
}

let cached: TestPki | null = null;

export function testPki(): TestPki {
  if (cached) return cached;
  const caKey = makeKeyPair();
  const ca = makeCertificate({ subjectCn: 'NetLab Test Lab CA', isCa: true, key: caKey });
  const otherCaKey = makeKeyPair();
  const otherCa = makeCertificate({ subjectCn: 'Unknown CA', isCa: true, key: otherCaKey });
  const key = makeKeyPair();
  const local = { dns: ['localhost'], ips: ['127.0.0.1'] };
  const issuer = { cert: ca.cert, key: caKey };
  cached = {
    caPem: ca.pem,
    serverKeyPem: key.keyPem,
    goodPem: makeCertificate({ subjectCn: 'localhost', altNames: local, key, issuer }).pem,
    expiredPem: makeCertificate({
      subjectCn: 'localhost',
      altNames: local,
      key,
      issuer,
      notBefore: new Date(Date.now() - 60 * DAY),
      notAfter: new Date(Date.now() - 30 * DAY),
    }).pem,
    wrongHostPem: makeCertificate({
      subjectCn: 'example.org',
      altNames: { dns: ['example.org'] },
      key,
      issuer,
    }).pem,
    selfSignedPem: makeCertificate({ subjectCn: 'localhost', altNames: local, key }).pem,
    unknownIssuerPem: makeCertificate({
      subjectCn: 'localhost',
      altNames: local,
      key,
      issuer: { cert: otherCa.cert, key: otherCaKey },
    }).pem,
  };
  return cached;
}
