/**
 * Fetches the certificate the real server presents, to show its public-key pin next to NetLab's
 * forged one when a client refuses the forged certificate. Cached per host: a pinning app retries
 * often, and the answer does not change between retries.
 */
import tls from 'node:tls';
import type { CertificateInfo } from '../../../shared/model/proxy';
import { describeCertificate } from '../ca/describe-certificate';
import { LruCache } from '../lru-cache';

const FETCH_TIMEOUT_MS = 3000;

export class RealCertificateFetcher {
  private readonly cache = new LruCache<string, CertificateInfo>(500);

  /** Remembers a certificate seen on a normal upstream connection, saving a fetch later. */
  remember(host: string, port: number, certificate: CertificateInfo): void {
    this.cache.set(`${host}:${port}`, certificate);
  }

  async fetch(host: string, port: number, servername: string | null): Promise<CertificateInfo | null> {
    const key = `${host}:${port}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const fetched = await new Promise<CertificateInfo | null>((resolve) => {
      // Verification is off on purpose: we only read the certificate, no data is exchanged.
      const socket = tls.connect({
        host,
        port,
        servername: servername ?? (/^[\d.]+$|:/.test(host) ? undefined : host),
        rejectUnauthorized: false,
      });
      const timer = setTimeout(() => finish(null), FETCH_TIMEOUT_MS);
      const finish = (result: CertificateInfo | null) => {
        clearTimeout(timer);
        socket.destroy();
        resolve(result);
      };
      socket.once('secureConnect', () => {
        const peer = socket.getPeerCertificate();
        finish(peer?.raw ? describeCertificate(peer.raw) : null);
      });
      socket.once('error', () => finish(null));
    });
    if (fetched) this.cache.set(key, fetched);
    return fetched;
  }
}
