/**
 * node-forge builds the certificate structure; node:crypto (OpenSSL) signs it. Forge's own RSA
 * signing runs big-integer maths in JavaScript (~10-30 ms per signature for 2048-bit keys), which
 * would blow the 20 ms budget for minting a leaf while a browser waits. OpenSSL signs in ~1 ms.
 */
import { sign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

const SHA256_WITH_RSA = forge.pki.oids.sha256WithRSAEncryption;

export function signCertificate(cert: forge.pki.Certificate, signerKey: KeyObject): void {
  // Both copies of the algorithm identifier must say what we actually sign with.
  cert.signatureOid = SHA256_WITH_RSA;
  (cert as unknown as { siginfo: { algorithmOid: string } }).siginfo.algorithmOid = SHA256_WITH_RSA;
  const pki = forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 };
  const tbsDer = forge.asn1.toDer(pki.getTBSCertificate(cert)).getBytes();
  const signature = sign('sha256', Buffer.from(tbsDer, 'binary'), signerKey);
  cert.signature = signature.toString('binary');
}

export function certificateToDer(cert: forge.pki.Certificate): Buffer {
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

/** A positive serial: 16 random bytes with the top bit cleared and a non-zero first byte. */
export function randomSerialHex(): string {
  const bytes = forge.random.getBytesSync(16);
  const first = (bytes.charCodeAt(0) & 0x7f) | 0x01;
  return forge.util.bytesToHex(String.fromCharCode(first) + bytes.slice(1));
}
