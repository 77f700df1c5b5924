import WebSocket from 'ws';
import { expect, test, type NetlabServer } from './fixtures/app';

/** Tries the API upgrade from this (non-browser) process with chosen headers. */
function attempt(server: NetlabServer, query: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_request, response) => resolve(String(response.statusCode)));
    ws.on('error', (error) => resolve(`error: ${error.message}`));
  });
}

test.describe('browser-mode WebSocket security', () => {
  test.skip(({ isElectron }) => isElectron, 'browser mode only');

  test('admits the right token from the page origin', async ({ netlabServer }) => {
    expect(await attempt(netlabServer, `?token=${netlabServer.token}`, { Origin: netlabServer.origin })).toBe(
      'open',
    );
  });

  test('refuses a missing token with 401', async ({ netlabServer }) => {
    expect(await attempt(netlabServer, '', { Origin: netlabServer.origin })).toBe('401');
  });

  test('refuses a wrong token with 401', async ({ netlabServer }) => {
    const wrong = `${netlabServer.token.slice(0, -1)}${netlabServer.token.endsWith('A') ? 'B' : 'A'}`;
    expect(await attempt(netlabServer, `?token=${wrong}`, { Origin: netlabServer.origin })).toBe('401');
  });

  test('refuses a foreign Origin with 403 even with the right token', async ({ netlabServer }) => {
    expect(
      await attempt(netlabServer, `?token=${netlabServer.token}`, { Origin: 'http://evil.example' }),
    ).toBe('403');
  });

  test('refuses a DNS-rebinding Host with 403 even with the right token', async ({ netlabServer }) => {
    const headers = {
      Host: `evil.example:${netlabServer.port}`,
      Origin: `http://evil.example:${netlabServer.port}`,
    };
    expect(await attempt(netlabServer, `?token=${netlabServer.token}`, headers)).toBe('403');
    expect(
      await attempt(netlabServer, `?token=${netlabServer.token}`, {
        Host: `evil.example:${netlabServer.port}`,
      }),
    ).toBe('403');
  });

  test('serves the UI with the strict CSP header', async ({ netlabServer, request }) => {
    const response = await request.get(`${netlabServer.origin}/`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers()['content-security-policy']).toContain("object-src 'none'");
  });
});
