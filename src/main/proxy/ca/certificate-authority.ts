/**
 * NetLab's root certificate authority: one per installation, generated on first use in the data
 * folder and never shipped. Its key never leaves this machine; exports carry the certificate only.
 */
import { createPrivateKey, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import type { CaExportFormat, CaInfo, CertificateInfo } from '../../../shared/model/proxy';
import { describeCertificate } from './describe-certificate';
import { randomSerialHex, signCertificate } from './sign-with-node-crypto';

const CA_FOLDER = 'ca';
const CERT_FILE = 'netlab-ca.pem';
const KEY_FILE = 'netlab-ca.key';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Backdated so a client whose clock runs a little behind still accepts the CA. */
export const CA_BACKDATE_MS = DAY_MS;
const CA_LIFETIME_YEARS = 10;

export interface CaPaths {
  folder: string;
  certificatePath: string;
  keyPath: string;
}

export function caPaths(dataDir: string): CaPaths {
  const folder = join(dataDir, CA_FOLDER);
  return { folder, certificatePath: join(folder, CERT_FILE), keyPath: join(folder, KEY_FILE) };
}

export class CertificateAuthority {
  readonly x509: X509Certificate;
  readonly forgeCertificate: forge.pki.Certificate;
  /** Subject key identifier as a binary string, reused as every leaf's authority key identifier. */
  readonly subjectKeyIdentifier: string;

  private constructor(
    readonly certificatePem: string,
    readonly privateKey: KeyObject,
    readonly paths: CaPaths,
  ) {
    this.x509 = new X509Certificate(certificatePem);
    this.forgeCertificate = forge.pki.certificateFromPem(certificatePem);
    const ski = this.forgeCertificate.getExtension('subjectKeyIdentifier') as {
      subjectKeyIdentifier?: string;
    };
    this.subjectKeyIdentifier = forge.util.hexToBytes(ski?.subjectKeyIdentifier ?? '');
  }

  /** Loads the CA of this data folder, creating it on first use. */
  static loadOrCreate(dataDir: string): CertificateAuthority {
    const paths = caPaths(dataDir);
    if (existsSync(paths.certificatePath) && existsSync(paths.keyPath)) {
      return new CertificateAuthority(
        readFileSync(paths.certificatePath, 'utf8'),
        createPrivateKey(readFileSync(paths.keyPath, 'utf8')),
        paths,
      );
    }
    return CertificateAuthority.generate(dataDir);
  }

  /** Makes a new CA, replacing any existing one (clients must trust the new one again). */
  static generate(dataDir: string, now = Date.now()): CertificateAuthority {
    const paths = caPaths(dataDir);
    mkdirSync(paths.folder, { recursive: true, mode: 0o700 });
    chmodSync(paths.folder, 0o700);
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(publicPem);
    cert.serialNumber = randomSerialHex();
    cert.validity.notBefore = new Date(now - CA_BACKDATE_MS);
    const notAfter = new Date(now);
    notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CA_LIFETIME_YEARS);
    cert.validity.notAfter = notAfter;
    const name = [
      { name: 'commonName', value: `NetLab CA (${hostname().slice(0, 40)})` },
      { name: 'organizationName', value: 'NetLab' },
    ];
    cert.setSubject(name);
    cert.setIssuer(name);
    cert.setExtensions([
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ]);
    signCertificate(cert, privateKey);
    const certPem = forge.pki.certificateToPem(cert);

    // Key first with 0600 so it is never readable by others, even for a moment.
    writeFileSync(paths.keyPath, keyPem, { mode: 0o600 });
    chmodSync(paths.keyPath, 0o600);
    writeFileSync(paths.certificatePath, certPem, { mode: 0o644 });
    return new CertificateAuthority(certPem, privateKey, paths);
  }

  /** Removes the CA files. The next start makes a new CA. */
  static delete(dataDir: string): void {
    const paths = caPaths(dataDir);
    rmSync(paths.keyPath, { force: true });
    rmSync(paths.certificatePath, { force: true });
  }

  /** Describes the CA of a data folder without creating one. */
  static info(dataDir: string): CaInfo {
    const paths = caPaths(dataDir);
    if (!existsSync(paths.certificatePath)) {
      return {
        exists: false,
        subject: null,
        fingerprintSha256: null,
        spkiSha256: null,
        notBefore: null,
        notAfter: null,
        certificatePath: paths.certificatePath,
        keyPath: paths.keyPath,
        createdAt: null,
      };
    }
    const described = describeCertificate(readFileSync(paths.certificatePath, 'utf8'));
    return {
      exists: true,
      subject: described.subject,
      fingerprintSha256: described.fingerprintSha256,
      spkiSha256: described.spkiSha256,
      notBefore: described.notBefore,
      notAfter: described.notAfter,
      certificatePath: paths.certificatePath,
      keyPath: paths.keyPath,
      createdAt: described.notBefore + CA_BACKDATE_MS,
    };
  }

  describe(): CertificateInfo {
    return describeCertificate(this.x509);
  }

  /** The certificate (never the key) in the format a platform's trust store imports. */
  export(format: CaExportFormat, password?: string): Buffer {
    if (format === 'pem') return Buffer.from(this.certificatePem, 'utf8');
    if (format === 'der') return this.x509.raw;
    const p12 = forge.pkcs12.toPkcs12Asn1(null, [this.forgeCertificate], password ?? null, {
      algorithm: '3des',
      friendlyName: 'NetLab CA',
    });
    return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
  }
}

export const CA_EXPORT_FILE_NAMES: Record<CaExportFormat, string> = {
  pem: 'netlab-ca.pem',
  der: 'netlab-ca.cer',
  p12: 'netlab-ca.p12',
};

export const CA_EXPORT_MIME_TYPES: Record<CaExportFormat, string> = {
  pem: 'application/x-pem-file',
  der: 'application/pkix-cert',
  p12: 'application/x-pkcs12',
};
