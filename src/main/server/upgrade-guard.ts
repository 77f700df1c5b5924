/**
 * Who may open the API WebSocket. Browser mode listens on loopback, but any web page the user visits
 * can still try to reach 127.0.0.1, so every upgrade must pass three checks:
 * - Host is this server's loopback name and port (defeats DNS rebinding, where evil.example resolves
 *   to 127.0.0.1 and the browser sends Host: evil.example);
 * - Origin, when present, is this server's own origin (a foreign page is refused even with the token);
 * - the per-launch token is given, compared in constant time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export type UpgradeVerdict = { ok: true } | { ok: false; status: 401 | 403 | 404; reason: string };

export interface UpgradeRequestFacts {
  url: string | undefined;
  host: string | undefined;
  origin: string | undefined;
}

export interface UpgradeGuardOptions {
  port: number;
  token: string;
  /** The loopback address the server is bound to (127.0.0.1 unless told otherwise). */
  boundHost: string;
}

/** 32 random bytes, base64url: a secret new on every launch. */
export function createLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The `host:port` forms a browser may legitimately send for this server. */
export function allowedHostHeaders(boundHost: string, port: number): string[] {
  const names = new Set(['127.0.0.1', 'localhost', boundHost.includes(':') ? `[${boundHost}]` : boundHost]);
  return [...names].map((name) => `${name}:${port}`);
}

export function isAllowedHost(host: string | undefined, options: UpgradeGuardOptions): boolean {
  return (
    host !== undefined && allowedHostHeaders(options.boundHost, options.port).includes(host.toLowerCase())
  );
}

export function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // timingSafeEqual needs equal lengths; the length of a fixed-size token is no secret.
  return a.length === b.length && timingSafeEqual(a, b);
}

export function checkUpgrade(request: UpgradeRequestFacts, options: UpgradeGuardOptions): UpgradeVerdict {
  const url = new URL(request.url ?? '/', 'http://upgrade.invalid');
  if (url.pathname !== '/api')
    return { ok: false, status: 404, reason: 'No WebSocket here: connect to /api.' };
  if (!isAllowedHost(request.host, options)) {
    return { ok: false, status: 403, reason: 'Host header not allowed: connect to 127.0.0.1 or localhost.' };
  }
  if (request.origin !== undefined) {
    const allowedOrigins = allowedHostHeaders(options.boundHost, options.port).map((h) => `http://${h}`);
    if (!allowedOrigins.includes(request.origin.toLowerCase())) {
      return { ok: false, status: 403, reason: 'Origin not allowed: only the NetLab page may connect.' };
    }
  }
  const token = url.searchParams.get('token');
  if (!token)
    return { ok: false, status: 401, reason: 'Missing token: open the URL printed by netlab serve.' };
  if (!tokensMatch(token, options.token)) {
    return { ok: false, status: 401, reason: 'Wrong token: open the URL printed by this netlab serve.' };
  }
  return { ok: true };
}
