/**
 * The security policy of the desktop app, as pure data and pure checks, so it can be unit-tested
 * without Electron. apply-security.ts wires these into Electron's sessions and webContents.
 *
 * The renderer shows untrusted data (packets, decrypted HTTP bodies), so we treat it as a web page:
 * it runs sandboxed, isolated from the preload, can only load our own files and can never navigate
 * away, open windows or gain permissions.
 */

/** Where the app's own UI is loaded from: a file in production, the local Vite server in development. */
export type AppLocation = { kind: 'file'; indexUrl: string } | { kind: 'dev-server'; origin: string };

/**
 * The Content-Security-Policy we add as a response header to anything that is not a file:// load
 * (the dev server). Production loads index.html from disk, where the page's own meta tag applies.
 * The dev server also needs a WebSocket back to itself for hot reload.
 */
export function contentSecurityPolicy(location: AppLocation): string {
  const connect =
    location.kind === 'dev-server' ? `'self' ${location.origin.replace(/^http/, 'ws')}` : "'self'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Decides where the renderer comes from. The dev server URL is honoured only when not packaged and
 * only if it is plain http on loopback: the app must never load remote content, even by mistake.
 */
export function resolveAppLocation(options: {
  indexFileUrl: string;
  devServerUrl: string | undefined;
  isPackaged: boolean;
}): AppLocation {
  if (!options.isPackaged && options.devServerUrl) {
    const dev = parseUrl(options.devServerUrl);
    if (dev && dev.protocol === 'http:' && LOOPBACK_HOSTS.has(dev.hostname)) {
      return { kind: 'dev-server', origin: dev.origin };
    }
  }
  return { kind: 'file', indexUrl: options.indexFileUrl };
}

/** The URL the main window loads. */
export function appEntryUrl(location: AppLocation): string {
  return location.kind === 'file' ? location.indexUrl : `${location.origin}/`;
}

/**
 * True when `raw` is our own UI: the exact index.html file (any query or #route) in production, or
 * any page of the loopback dev server's origin in development. Everything else is foreign.
 */
export function isAppUrl(raw: string, location: AppLocation): boolean {
  const url = parseUrl(raw);
  if (!url) return false;
  if (location.kind === 'dev-server') return url.origin === location.origin;
  const index = parseUrl(location.indexUrl);
  if (!index) return false;
  return (
    url.protocol === 'file:' &&
    index.protocol === 'file:' &&
    url.host === index.host &&
    url.pathname === index.pathname
  );
}

/**
 * Links the user clicks may open in the system browser only if they are https with a host and no
 * embedded credentials. Other schemes (file:, javascript:, custom protocol handlers, smb:) can run
 * code or leak data through the OS, so they are refused.
 */
export function isSafeExternalUrl(raw: string): boolean {
  const url = parseUrl(raw);
  return (
    !!url && url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === ''
  );
}

/** Whether a response should receive our CSP header: everything the app loads that is not from disk. */
export function needsCspHeader(responseUrl: string): boolean {
  const url = parseUrl(responseUrl);
  return !!url && url.protocol !== 'file:' && url.protocol !== 'devtools:';
}

/**
 * Whether the app may load `raw` at all (documents, scripts, images, sockets). In production only
 * files below the renderer folder plus data:/blob: URLs the page makes itself; in development also
 * the loopback dev server. Any remote host is refused, so a hostile packet or HTTP body shown in the
 * UI can never make the app fetch from the network.
 */
export function isAllowedRequest(raw: string, location: AppLocation, rendererDirUrl: string): boolean {
  const url = parseUrl(raw);
  if (!url) return false;
  if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'devtools:') return true;
  if (url.protocol === 'file:') {
    const dir = parseUrl(rendererDirUrl.endsWith('/') ? rendererDirUrl : `${rendererDirUrl}/`);
    return !!dir && url.host === dir.host && url.pathname.startsWith(dir.pathname);
  }
  if (location.kind === 'dev-server') {
    const origin = new URL(location.origin);
    const sameHost = url.host === origin.host;
    return sameHost && (url.protocol === 'http:' || url.protocol === 'ws:');
  }
  return false;
}
