/**
 * The facts the interception diagram draws for each TLS leg, taken from an exchange or from a TLS
 * failure (where the client leg broke). Pure, so the diagram component only lays text out.
 */
import type {
  CertificateInfo,
  ExchangeDetail,
  TlsFailure,
  TlsSessionInfo,
} from '../../../../shared/model/proxy';
import { keyExchangeOf, type KeyExchangeKind } from './key-exchange';

/** 'handshake-only': the leg's handshake happened but no request crossed it (NetLab only fetched the real certificate). */
export type LegOutcome = 'ok' | 'failed' | 'not-reached' | 'handshake-only';

export interface DiagramLeg {
  sni: string | null;
  version: string | null;
  cipher: string | null;
  alpn: string | null;
  keyExchange: KeyExchangeKind;
  certificate: CertificateInfo | null;
  outcome: LegOutcome;
}

export interface DiagramModel {
  host: string;
  client: DiagramLeg;
  server: DiagramLeg;
}

function legFromSession(tls: TlsSessionInfo | null, outcome: LegOutcome): DiagramLeg {
  return {
    sni: tls?.sni ?? null,
    version: tls?.version ?? null,
    cipher: tls?.cipher ?? null,
    alpn: tls?.alpn ?? null,
    keyExchange: keyExchangeOf(tls),
    certificate: tls?.certificates[0] ?? null,
    outcome,
  };
}

export function diagramFromExchange(e: ExchangeDetail): DiagramModel {
  return {
    host: e.host,
    client: legFromSession(e.clientTls, e.clientTls ? 'ok' : 'not-reached'),
    server: legFromSession(e.serverTls, e.serverTls ? 'ok' : 'not-reached'),
  };
}

export function diagramFromFailure(f: TlsFailure): DiagramModel {
  const bare = (certificate: CertificateInfo | null, outcome: LegOutcome): DiagramLeg => ({
    sni: f.sni,
    version: null,
    cipher: null,
    alpn: null,
    keyExchange: 'unknown',
    certificate,
    outcome,
  });
  const clientFailed = f.side === 'client';
  return {
    host: f.host,
    // The client leg broke for a client rejection; the upstream leg broke for an upstream failure.
    client: bare(f.forgedCertificate, clientFailed ? 'failed' : 'not-reached'),
    server: bare(
      f.realCertificate,
      clientFailed ? (f.realCertificate ? 'handshake-only' : 'not-reached') : 'failed',
    ),
  };
}
