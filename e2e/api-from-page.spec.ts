import { expect, test } from './fixtures/app';

test('the page itself calls app.ping over its transport and gets the echo back', async ({
  appPage,
  isElectron,
}) => {
  const answer = await appPage.evaluate(async (electronMode) => {
    if (electronMode) {
      const bridge = (window as unknown as { netlab: { invoke(m: string, i: unknown): Promise<unknown> } })
        .netlab;
      return bridge.invoke('app.ping', { echo: 'from the page' });
    }
    // A second socket, opened by the page like the app's own client: same origin, same token.
    const token = sessionStorage.getItem('netlab.token');
    const ws = new WebSocket(`ws://${location.host}/api?token=${token}`);
    return new Promise((resolve, reject) => {
      ws.onopen = () =>
        ws.send(JSON.stringify({ t: 'req', id: 1, method: 'app.ping', input: { echo: 'from the page' } }));
      ws.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as { t: string; result?: unknown };
        if (message.t === 'res') resolve(message.result);
      };
      ws.onerror = () => reject(new Error('WebSocket refused'));
    });
  }, isElectron);
  expect(answer).toMatchObject({ echo: 'from the page', serverTime: expect.any(Number) });
});

test('the URL token leaves the address bar once the page has read it', async ({ appPage, isElectron }) => {
  test.skip(isElectron, 'no token in Electron');
  expect(appPage.url()).not.toContain('token=');
});
