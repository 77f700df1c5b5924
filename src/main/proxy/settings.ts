/** Proxy settings: defaults, validation of the listen address, and host pattern matching. */
import { isIP } from 'node:net';
import type { ProxySettings } from '../../shared/model/proxy';

export const DEFAULT_PROXY_SETTINGS: ProxySettings = {
  host: '127.0.0.1',
  port: 8080,
  bodyCaptureLimit: 1024 * 1024,
  maxExchanges: 10_000,
  passthroughHosts: [],
  interceptOnlyHosts: [],
  insecureUpstreamHosts: [],
  upstreamConnectTimeoutMs: 10_000,
  upstreamResponseTimeoutMs: 60_000,
  headersTimeoutMs: 20_000,
  maxHeaderBytes: 32 * 1024,
  keyLogPath: null,
};

/** Total bytes of captured bodies kept across all exchanges; the oldest exchanges go first beyond it. */
export const MAX_CAPTURED_BYTES_TOTAL = 256 * 1024 * 1024;

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

/** The warning shown when the proxy listens beyond loopback, or null when it does not. */
export function exposureWarning(host: string): string | null {
  if (isLoopbackHost(host)) return null;
  return (
    `WARNING: the proxy listens on ${host}, so other machines on that network can send traffic through it ` +
    'and read what NetLab decrypts. Use 127.0.0.1 unless you are capturing a phone or another device.'
  );
}

/** "example.com" matches itself; "*.example.com" matches any subdomain (not the bare domain). */
export function hostMatches(host: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return false;
  const h = host
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^\[(.*)\]$/, '$1');
  for (const raw of patterns) {
    const p = raw.toLowerCase().replace(/^\[(.*)\]$/, '$1');
    if (p === h || p === '*') return true;
    if (p.startsWith('*.') && h.endsWith(p.slice(1))) return true;
  }
  return false;
}

/** Whether a CONNECT to `host` is decrypted (true) or tunnelled untouched (false). */
export function shouldIntercept(host: string, settings: ProxySettings): boolean {
  if (hostMatches(host, settings.passthroughHosts)) return false;
  if (settings.interceptOnlyHosts.length > 0) return hostMatches(host, settings.interceptOnlyHosts);
  return true;
}
