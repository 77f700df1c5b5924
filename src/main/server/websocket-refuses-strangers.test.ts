import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, type RunningTestServer } from './test-server';

let running: RunningTestServer;
beforeAll(async () => {
  running = await startTestServer();
});
afterAll(() => running.stop());

/** Tries an upgrade; resolves to 'open' or to the HTTP status and one-line body of the refusal. */
function attempt(path: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${running.server.port}${path}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(`${res.statusCode} ${body.trim()}`));
    });
    ws.on('error', (error) => resolve(`error ${error.message}`));
  });
}

describe('browser-mode WebSocket admission', () => {
  it('admits the page with the launch token and its own origin', async () => {
    const origin = `http://127.0.0.1:${running.server.port}`;
    expect(await attempt(`/api?token=${running.server.token}`, { Origin: origin })).toBe('open');
    const localhost = `http://localhost:${running.server.port}`;
    expect(
      await attempt(`/api?token=${running.server.token}`, {
        Origin: localhost,
        Host: `localhost:${running.server.port}`,
      }),
    ).toBe('open');
  });

  it('admits a non-browser client without Origin when it has the token', async () => {
    expect(await attempt(`/api?token=${running.server.token}`)).toBe('open');
  });

  it('refuses a missing token with 401', async () => {
    expect(await attempt('/api')).toMatch(/^401 Missing token/);
  });

  it('refuses a wrong token with 401, also one of a different length', async () => {
    const wrong = running.server.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await attempt(`/api?token=${wrong}`)).toMatch(/^401 Wrong token/);
    expect(await attempt('/api?token=short')).toMatch(/^401 Wrong token/);
  });

  it('refuses a foreign origin with 403 even with the right token', async () => {
    expect(await attempt(`/api?token=${running.server.token}`, { Origin: 'http://evil.example' })).toMatch(
      /^403 Origin not allowed/,
    );
    expect(
      await attempt(`/api?token=${running.server.token}`, {
        Origin: `http://127.0.0.1:${running.server.port + 1}`,
      }),
    ).toMatch(/^403 Origin/);
  });

  it('refuses a rebinding Host header with 403 even with the right token', async () => {
    const port = running.server.port;
    expect(await attempt(`/api?token=${running.server.token}`, { Host: `evil.example:${port}` })).toMatch(
      /^403 Host header/,
    );
    expect(await attempt(`/api?token=${running.server.token}`, { Host: '127.0.0.1' })).toMatch(/^403 Host/);
  });

  it('refuses upgrades on other paths with 404', async () => {
    expect(await attempt(`/other?token=${running.server.token}`)).toMatch(/^404/);
  });

  it('listens on loopback only, with a 43-character random token in the URL fragment', () => {
    expect(running.server.url).toBe(`http://127.0.0.1:${running.server.port}/#token=${running.server.token}`);
    expect(running.server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
