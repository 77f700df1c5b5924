import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { resolveStaticPath } from './static-files';
import { startTestServer, type RunningTestServer } from './test-server';

let running: RunningTestServer;
beforeAll(async () => {
  running = await startTestServer();
  const outside = join(dirname(running.rendererDir), 'secret.txt');
  writeFileSync(outside, 'TOP SECRET');
  mkdirSync(join(running.rendererDir, 'nested'));
  symlinkSync(outside, join(running.rendererDir, 'nested', 'link.txt'));
});
afterAll(() => running.stop());

/** Sends a raw request line so no client library normalises the path for us. */
function rawGet(
  path: string,
  host = `127.0.0.1:${running.server.port}`,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(running.server.port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => resolve({ status: Number(data.split(' ')[1]), text: data }));
    socket.on('error', reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
  });
}

describe('browser-mode static files', () => {
  it('serves index.html at / with the same CSP as the page meta tag', async () => {
    const res = await fetch(`http://127.0.0.1:${running.server.port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('NetLab test');
  });

  it('serves hashed assets with a JavaScript MIME type and a long cache', async () => {
    const res = await fetch(`http://127.0.0.1:${running.server.port}/assets/app-1234.js`);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/nested/link.txt',
    ]) {
      const res = await rawGet(path);
      expect(res.text, path).not.toContain('TOP SECRET');
      expect([400, 404], path).toContain(res.status);
    }
    expect((await rawGet('/%E0%A4%A')).status).toBe(400);
    expect((await rawGet('/a%00b')).status).toBe(400);
  });

  it('answers 404 for a missing file and 405 for a POST', async () => {
    expect((await fetch(`http://127.0.0.1:${running.server.port}/nope.js`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${running.server.port}/`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses a rebinding Host header on plain HTTP too', async () => {
    expect((await rawGet('/', 'evil.example')).status).toBe(403);
  });

  it('maps paths inside the root and rejects those that leave it', () => {
    expect(resolveStaticPath('/srv/ui', '/')).toBe('/srv/ui/index.html');
    expect(resolveStaticPath('/srv/ui', '/assets/a.js?v=1')).toBe('/srv/ui/assets/a.js');
    expect(resolveStaticPath('/srv/ui', '/../ui2/x')).toBeNull();
    expect(resolveStaticPath('/srv/ui', '/..%5cx')).toBeNull();
  });

  it('keeps the header CSP identical to the meta tag in src/renderer/index.html', () => {
    const html = readFileSync(join(__dirname, '..', '..', 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });
});
