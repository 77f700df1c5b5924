/**
 * The man in the middle: terminates the client's TLS inside a CONNECT tunnel with a certificate
 * minted for the host the client asked for (its SNI, else the CONNECT host), then hands the
 * decrypted connection to the HTTP/1.1 or HTTP/2 front end according to the ALPN it agreed.
 * Two separate TLS sessions exist: client↔NetLab (this file) and NetLab↔server (upstream pool).
 */
import type { Socket } from 'node:net';
import tls from 'node:tls';
import type { CertificateInfo, TlsFailure } from '../../../shared/model/proxy';
import type { CertificateAuthority } from '../ca/certificate-authority';
import { formatPin } from '../ca/describe-certificate';
import type { LeafMinter } from '../ca/leaf-minter';
import type { KeyLog } from '../record/key-log';
import type { RealCertificateFetcher } from './real-certificate';
import { certificateRejectionAlert, tlsSessionInfo } from './tls-facts';
import type { TunnelInfo } from './tunnel-info';

/** A client that hangs up this soon after the handshake without one request most likely refused us. */
const CLOSE_AFTER_HANDSHAKE_WINDOW_MS = 3000;

export interface TlsInterceptorDeps {
  ca: CertificateAuthority;
  minter: LeafMinter;
  keyLog: KeyLog;
  realCertificates: RealCertificateFetcher;
  recordFailure(failure: Omit<TlsFailure, 'id'>): void;
  /** Receives the decrypted connection. */
  onSecure(socket: tls.TLSSocket, info: TunnelInfo): void;
  log(line: string): void;
}

export class TlsInterceptor {
  private caInfo: CertificateInfo | null = null;

  constructor(private readonly deps: TlsInterceptorDeps) {}

  intercept(raw: Socket, host: string, port: number, clientAddress: string): void {
    const { minter, keyLog } = this.deps;
    let sni: string | null = null;
    let fallback: tls.SecureContext;
    try {
      fallback = minter.leafFor(host).secureContext;
    } catch (error) {
      this.deps.log(`cannot mint a certificate for ${host}: ${String(error)}`);
      raw.destroy();
      return;
    }
    const socket = new tls.TLSSocket(raw, {
      isServer: true,
      secureContext: fallback,
      ALPNProtocols: ['h2', 'http/1.1'],
      SNICallback: (servername, callback) => {
        sni = servername;
        try {
          callback(null, minter.leafFor(servername).secureContext);
        } catch (error) {
          callback(error as Error);
        }
      },
    });
    socket.on('keylog', (line) => keyLog.add(line));
    let secure = false;
    socket.once('secure', () => {
      secure = true;
      // What tls.Server does for the sockets it creates and a standalone TLSSocket never does: mark
      // the handshake finished. Without this, an HTTP/2 session waits forever for a 'secure' event.
      const internals = socket as unknown as { secureConnecting: boolean; _releaseControl?: () => boolean };
      internals.secureConnecting = false;
      internals._releaseControl?.();
      const info: TunnelInfo = {
        scheme: 'https',
        host,
        port,
        sni,
        clientAddress,
        clientTls: tlsSessionInfo(socket, sni, [minter.leafFor(sni ?? host).describe(), this.describeCa()]),
        intercepted: true,
        requested: false,
        secureAt: Date.now(),
      };
      let closed = false;
      info.connectionClosed = () => {
        if (closed) return;
        closed = true;
        if (!info.requested && Date.now() - info.secureAt < CLOSE_AFTER_HANDSHAKE_WINDOW_MS) {
          void this.recordRejection(
            host,
            port,
            sni,
            clientAddress,
            null,
            null,
            'Closed right after the handshake.',
          );
        }
      };
      socket.once('close', info.connectionClosed);
      socket.once('end', info.connectionClosed);
      this.deps.onSecure(socket, info);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (secure) return; // After the handshake the HTTP layer owns errors.
      const alert = certificateRejectionAlert(error.code);
      if (alert || error.code?.startsWith('ERR_SSL')) {
        void this.recordRejection(host, port, sni, clientAddress, alert, error.code ?? null, error.message);
      }
    });
  }

  private describeCa(): CertificateInfo {
    return (this.caInfo ??= this.deps.ca.describe());
  }

  private async recordRejection(
    host: string,
    port: number,
    sni: string | null,
    clientAddress: string,
    alert: ReturnType<typeof certificateRejectionAlert>,
    errorCode: string | null,
    message: string,
  ): Promise<void> {
    const name = sni ?? host;
    const forged = this.deps.minter.leafFor(name).describe();
    const closedAfterHandshake = errorCode === null;
    const rejected = alert !== null || closedAfterHandshake;
    const real = rejected ? await this.deps.realCertificates.fetch(host, port, sni) : null;
    const cause: TlsFailure['cause'] = closedAfterHandshake
      ? 'client-closed-after-handshake'
      : alert
        ? 'client-rejected-certificate'
        : 'client-handshake-failed';
    this.deps.recordFailure({
      time: Date.now(),
      side: 'client',
      cause,
      host: name,
      port,
      sni,
      clientAddress,
      alert,
      errorCode,
      message,
      // An alert such as unknown_ca usually means "your CA is not trusted"; a clean hang-up after a
      // completed handshake usually means the app compared the certificate with a pin. Either way
      // both remain possible, so both are offered, most likely first.
      possibleReasons: rejected
        ? alert
          ? ['ca-not-trusted', 'certificate-pinned']
          : ['certificate-pinned', 'ca-not-trusted']
        : [],
      upstreamProblem: null,
      forgedCertificate: forged,
      realCertificate: real,
      forgedSpkiPin: formatPin(forged.spkiSha256),
      realSpkiPin: real ? formatPin(real.spkiSha256) : null,
    });
  }
}
