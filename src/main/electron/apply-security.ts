/**
 * Wires the pure rules of security-policy.ts into Electron: every webContents (including any we did
 * not create on purpose) gets navigation limits and a deny-all window-open handler, and the session
 * refuses permissions, remote requests and serves our CSP on non-file responses.
 */
import { app, shell, type Session, type WebContents } from 'electron';
import {
  contentSecurityPolicy,
  isAllowedRequest,
  isAppUrl,
  isSafeExternalUrl,
  needsCspHeader,
  type AppLocation,
} from './security-policy';

function warn(message: string, url: string): void {
  console.warn(`netlab: ${message}: ${url.slice(0, 200)}`);
}

/** Opens a link in the system browser, but only plain https links (see isSafeExternalUrl). */
function openInSystemBrowser(url: string): void {
  if (!isSafeExternalUrl(url)) {
    warn('refused to open a non-https link outside the app', url);
    return;
  }
  // electronegativity-justified: the URL was checked to be https with a host and no credentials just above.
  shell
    .openExternal(url)
    .catch((error: unknown) => warn(`could not open the system browser (${String(error)})`, url));
}

export function hardenWebContents(contents: WebContents, location: AppLocation): void {
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    warn('blocked a <webview>', contents.getURL());
  });
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url, location)) return;
    event.preventDefault();
    // A plain link the user clicked: show it in their browser rather than inside the app.
    if (isSafeExternalUrl(event.url)) openInSystemBrowser(event.url);
    else warn('blocked navigation away from the app', event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (isAppUrl(event.url, location)) return;
    event.preventDefault();
    warn('blocked frame navigation', event.url);
  });
  contents.on('will-redirect', (event) => {
    if (isAppUrl(event.url, location)) return;
    event.preventDefault();
    warn('blocked a redirect away from the app', event.url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    openInSystemBrowser(url);
    return { action: 'deny' };
  });
}

export function hardenSession(session: Session, location: AppLocation, rendererDirUrl: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    warn(`denied permission request '${permission}'`, _contents.getURL());
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, location, rendererDirUrl);
    if (!allowed) warn('blocked a request outside the app', details.url);
    callback({ cancel: !allowed });
  });
  const csp = contentSecurityPolicy(location);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!needsCspHeader(details.url)) return callback({});
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}

/**
 * Must run before the app is ready so that no webContents escapes the hardening. Any webContents
 * on a session other than the default one (a partition) gets that session hardened as well.
 */
export function hardenAllWebContents(location: AppLocation, rendererDirUrl: string): void {
  const hardenedSessions = new WeakSet<Session>();
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, location);
    if (!hardenedSessions.has(contents.session)) {
      hardenedSessions.add(contents.session);
      hardenSession(contents.session, location, rendererDirUrl);
    }
  });
}
