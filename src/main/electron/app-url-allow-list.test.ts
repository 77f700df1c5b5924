import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  appEntryUrl,
  contentSecurityPolicy,
  isAllowedRequest,
  isAppUrl,
  isSafeExternalUrl,
  needsCspHeader,
  resolveAppLocation,
  type AppLocation,
} from './security-policy';

const indexFileUrl = pathToFileURL('/opt/NetLab/resources/app/out/renderer/index.html').href;
const production: AppLocation = { kind: 'file', indexUrl: indexFileUrl };
const dev: AppLocation = { kind: 'dev-server', origin: 'http://localhost:5173' };

describe('which URLs count as the app itself', () => {
  it('accepts the packaged index.html with any route in the hash or query', () => {
    expect(isAppUrl(indexFileUrl, production)).toBe(true);
    expect(isAppUrl(`${indexFileUrl}#/capture/live`, production)).toBe(true);
    expect(isAppUrl(`${indexFileUrl}?lang=zh-CN`, production)).toBe(true);
  });

  it('refuses other local files, even next to index.html or via path tricks', () => {
    expect(isAppUrl(pathToFileURL('/etc/passwd').href, production)).toBe(false);
    expect(
      isAppUrl(pathToFileURL('/opt/NetLab/resources/app/out/renderer/other.html').href, production),
    ).toBe(false);
    expect(isAppUrl(`${indexFileUrl}/../../../../etc/passwd`, production)).toBe(false);
    expect(isAppUrl('file://evil-host/opt/NetLab/resources/app/out/renderer/index.html', production)).toBe(
      false,
    );
  });

  it('refuses web pages and odd schemes in production', () => {
    for (const url of [
      'https://example.com/',
      'http://localhost:5173/',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url, production), url).toBe(false);
    }
  });

  it('accepts only the dev server origin in development', () => {
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isAppUrl('http://localhost.evil.com:5173/', dev)).toBe(false);
    expect(isAppUrl(indexFileUrl, dev)).toBe(false);
  });
});

describe('choosing where the renderer is loaded from', () => {
  it('uses the dev server only when unpackaged and on loopback http', () => {
    const base = { indexFileUrl, isPackaged: false };
    expect(resolveAppLocation({ ...base, devServerUrl: 'http://localhost:5173' })).toEqual(dev);
    expect(resolveAppLocation({ ...base, devServerUrl: 'http://127.0.0.1:5173/' })).toEqual({
      kind: 'dev-server',
      origin: 'http://127.0.0.1:5173',
    });
    expect(resolveAppLocation({ ...base, devServerUrl: 'http://192.168.1.10:5173' })).toEqual(production);
    expect(resolveAppLocation({ ...base, devServerUrl: 'https://example.com' })).toEqual(production);
    expect(resolveAppLocation({ ...base, devServerUrl: undefined })).toEqual(production);
    expect(
      resolveAppLocation({ indexFileUrl, isPackaged: true, devServerUrl: 'http://localhost:5173' }),
    ).toEqual(production);
  });

  it('loads the entry URL that it will later accept', () => {
    for (const location of [production, dev]) {
      expect(isAppUrl(appEntryUrl(location), location)).toBe(true);
    }
  });
});

describe('opening links in the system browser', () => {
  it('allows plain https links', () => {
    expect(isSafeExternalUrl('https://wiki.wireshark.org/TCP_3_way_handshaking')).toBe(true);
  });

  it('refuses every other scheme and credentials in the URL', () => {
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:/id',
      'https://user:pass@example.com/',
      'https://',
      'garbage',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('content security policy', () => {
  it('forbids inline and remote scripts and plugins', () => {
    const csp = contentSecurityPolicy(production);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("connect-src 'self';");
  });

  it('lets the dev page open its hot-reload socket to the dev server only', () => {
    expect(contentSecurityPolicy(dev)).toContain("connect-src 'self' ws://localhost:5173;");
  });

  it('adds the header to served responses but not to files from disk', () => {
    expect(needsCspHeader('http://localhost:5173/')).toBe(true);
    expect(needsCspHeader(indexFileUrl)).toBe(false);
  });
});

describe('what the app may load at all', () => {
  const rendererDir = pathToFileURL('/opt/NetLab/resources/app/out/renderer').href;

  it('loads its own bundled files and page-made data/blob URLs', () => {
    expect(isAllowedRequest(indexFileUrl, production, rendererDir)).toBe(true);
    expect(isAllowedRequest(`${rendererDir}/assets/index-abc123.js`, production, rendererDir)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', production, rendererDir)).toBe(true);
    expect(isAllowedRequest('blob:file:///1234-5678', production, rendererDir)).toBe(true);
  });

  it('never fetches remote hosts or files outside the renderer folder', () => {
    for (const url of [
      'https://example.com/tracker.png',
      'http://127.0.0.1:8080/',
      'ws://localhost:5173/',
      pathToFileURL('/etc/passwd').href,
      pathToFileURL('/opt/NetLab/resources/app/out/renderer-evil/x.js').href,
      `${rendererDir}/../main/index.js`,
    ]) {
      expect(isAllowedRequest(url, production, rendererDir), url).toBe(false);
    }
  });

  it('reaches the dev server and its hot-reload socket in development only', () => {
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev, rendererDir)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', dev, rendererDir)).toBe(true);
    expect(isAllowedRequest('http://localhost:5174/', dev, rendererDir)).toBe(false);
    expect(isAllowedRequest('https://fonts.example.com/x.woff2', dev, rendererDir)).toBe(false);
  });
});
