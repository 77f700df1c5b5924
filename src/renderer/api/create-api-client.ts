/**
 * Picks the transport: inside Electron the preload exposes the API as `window.netlab`; in a plain
 * browser (netlab serve) the client talks WebSocket to the page's own host with the launch token.
 */
import { BRIDGE_GLOBAL, type NetlabApi } from '../../shared/api/contract';
import { createWebSocketApi, type WebSocketApiOptions } from './ws-client';

const TOKEN_STORAGE_KEY = 'netlab.token';

/**
 * Reads `#token=...` from the URL the user opened, keeps it for reloads in sessionStorage (this tab
 * only), and clears the fragment so the hash router gets a clean route and the token leaves the
 * address bar.
 */
export function takeLaunchToken(
  location: Location = window.location,
  storage: Storage = sessionStorage,
): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    storage.setItem(TOKEN_STORAGE_KEY, fromHash);
    history.replaceState(null, '', `${location.pathname}${location.search}#/`);
    return fromHash;
  }
  return storage.getItem(TOKEN_STORAGE_KEY);
}

export function apiSocketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api?token=${encodeURIComponent(token)}`;
}

export function electronBridge(): NetlabApi | undefined {
  return (window as unknown as Record<string, NetlabApi | undefined>)[BRIDGE_GLOBAL];
}

export function createApiClient(options: Omit<WebSocketApiOptions, 'url'> = {}): NetlabApi {
  const bridge = electronBridge();
  if (bridge) return bridge;
  const token = takeLaunchToken() ?? '';
  return createWebSocketApi({ ...options, url: apiSocketUrl(window.location, token) });
}
