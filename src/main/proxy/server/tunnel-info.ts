/** What the proxy knows about one client connection inside a CONNECT tunnel (or a plain connection). */
import type { TlsSessionInfo } from '../../../shared/model/proxy';

export interface TunnelInfo {
  scheme: 'http' | 'https';
  /** Host and port from the CONNECT line: where requests on this connection go. */
  host: string;
  port: number;
  sni: string | null;
  clientAddress: string;
  clientTls: TlsSessionInfo | null;
  intercepted: boolean;
  /** Set once the first request arrives; a TLS connection closed without one hints at pinning. */
  requested: boolean;
  secureAt: number;
  /**
   * Called when the client connection ends (idempotent). HTTP/2 sessions take over the socket at
   * the C++ level, so the socket's own 'close' may never reach JavaScript; the session's does.
   */
  connectionClosed?: () => void;
}
