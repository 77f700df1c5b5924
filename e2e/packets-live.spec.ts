/**
 * Live rows: while a loopback capture runs, packets arrive as session.packets events and extend the
 * list (batched per animation frame); with "Follow new packets" the newest row stays in view.
 */
import type { Page } from '@playwright/test';
import { createSocket } from 'node:dgram';
import { expect, test } from './fixtures/app';

const PORT = 40_999;
const COUNT = 60;

/** Calls the API over a second WebSocket opened by the page (same origin and token as the app). */
function invokeFromPage(page: Page, method: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    ([m, i]) => {
      const token = sessionStorage.getItem('netlab.token');
      const ws = new WebSocket(`ws://${location.host}/api?token=${token}`);
      return new Promise((resolve, reject) => {
        ws.onopen = () => ws.send(JSON.stringify({ t: 'req', id: 1, method: m, input: i }));
        ws.onmessage = (event) => {
          const message = JSON.parse(String(event.data)) as { t: string; result?: unknown; error?: unknown };
          if (message.t !== 'res') return;
          ws.close();
          if (message.error) reject(new Error(JSON.stringify(message.error)));
          else resolve(message.result);
        };
        ws.onerror = () => reject(new Error('WebSocket refused'));
      });
    },
    [method, input] as const,
  );
}

test('a running capture extends the list live and follows the newest packet', async ({
  appPage,
  isElectron,
}) => {
  test.skip(isElectron, 'drives the API over the browser-mode WebSocket');
  await appPage.getByTestId('nav-packets').click();
  await appPage.getByTestId('toggle-autoscroll').check();
  await invokeFromPage(appPage, 'capture.start', { interface: 'lo', filter: `udp port ${PORT}` });
  try {
    const socket = createSocket('udp4');
    for (let i = 0; i < COUNT; i++) {
      await new Promise<void>((resolve, reject) =>
        socket.send(`netlab live row ${i}`, PORT, '127.0.0.1', (error) =>
          error ? reject(error) : resolve(),
        ),
      );
    }
    socket.close();
    const list = appPage.getByTestId('packet-list');
    await expect(list).toHaveAttribute('data-total', String(COUNT));
    const last = appPage.locator(`[data-testid="packet-row"][data-number="${COUNT}"]`);
    await expect(last).toBeInViewport();
    await expect(last).toContainText('UDP');
    await expect(last).toContainText('127.0.0.1');
  } finally {
    await invokeFromPage(appPage, 'capture.stop', {});
  }
});

test('with a display filter applied, only matching live packets are listed', async ({
  appPage,
  isElectron,
}) => {
  test.skip(isElectron, 'drives the API over the browser-mode WebSocket');
  const port = PORT - 1;
  await appPage.getByTestId('nav-packets').click();
  // Every other datagram is long: 30 of 60 have a UDP length over 30 bytes.
  await appPage.getByTestId('filter-input').fill(`udp.dstport == ${port} && udp.length > 30`);
  await appPage.getByTestId('filter-input').press('Enter');
  await invokeFromPage(appPage, 'capture.start', { interface: 'lo', filter: `udp port ${port}` });
  try {
    const socket = createSocket('udp4');
    for (let i = 0; i < COUNT; i++) {
      const text = i % 2 ? `short ${i}` : `a much longer datagram, number ${i}`;
      await new Promise<void>((resolve, reject) =>
        socket.send(text, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())),
      );
    }
    socket.close();
    await expect(appPage.getByTestId('packet-list')).toHaveAttribute('data-total', String(COUNT / 2));
    const numbers = await appPage
      .getByTestId('packet-row')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-number'))));
    expect(numbers.slice(0, 5)).toEqual([1, 3, 5, 7, 9]);
  } finally {
    await invokeFromPage(appPage, 'capture.stop', {});
  }
});
