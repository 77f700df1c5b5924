/**
 * Chooses the application decoder for a TCP or UDP payload: by well-known port first, then by
 * what the first bytes look like (so HTTP on port 3000 and TLS on port 8443 are still recognised).
 */
import { dataNode } from './fields';
import { dissectDns } from './dns';
import { dissectHttp, looksLikeHttp } from './http';
import { dissectTls, looksLikeTls } from './tls';
import type { DissectState } from './state';

const DNS_PORT = 53;
const MDNS_PORT = 5353;
const HTTP_PORTS = new Set([80, 8080]);
const TLS_PORT = 443;

/** `end` is the last captured payload byte + 1; `payloadLength` what the IP header promises. */
export function dissectTcpPayload(
  st: DissectState,
  srcPort: number,
  dstPort: number,
  offset: number,
  end: number,
  payloadLength: number,
): void {
  const b = st.frame;
  if (srcPort === DNS_PORT || dstPort === DNS_PORT) return dissectDns(st, offset, end, true);
  if (looksLikeHttp(b, offset, end)) return dissectHttp(st, offset, end, false);
  if (looksLikeTls(b, offset, end)) return dissectTls(st, offset, end, payloadLength);
  if (HTTP_PORTS.has(srcPort) || HTTP_PORTS.has(dstPort)) return dissectHttp(st, offset, end, true);
  if (srcPort === TLS_PORT || dstPort === TLS_PORT) return dissectTls(st, offset, end, payloadLength);
  st.tree.push(dataNode(st, offset, end - offset));
}

export function dissectUdpPayload(
  st: DissectState,
  srcPort: number,
  dstPort: number,
  offset: number,
  end: number,
): void {
  const isDns =
    srcPort === DNS_PORT || dstPort === DNS_PORT || srcPort === MDNS_PORT || dstPort === MDNS_PORT;
  if (isDns) return dissectDns(st, offset, end, false);
  st.tree.push(dataNode(st, offset, end - offset));
}
