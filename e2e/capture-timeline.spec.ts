/**
 * Live capture on loopback → connection list → ladder timeline, end to end: a real TCP connection
 * made by this test process appears as SYN, SYN-ACK, ACK with the endpoint states, its teardown
 * shows FIN-WAIT-1/2, CLOSE-WAIT, LAST-ACK and TIME-WAIT, the explanations follow the language,
 * and the Mermaid export has the three handshake arrows. Capturing needs root (tests run as root).
 */
import { readFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/app';

/** A loopback server that answers "hello" with "world" and closes its side 200 ms after the client's FIN. */
async function startEchoServer(): Promise<{ server: Server; port: number }> {
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    socket.on('data', () => socket.write('world'));
    // Waiting after the FIN keeps the server in CLOSE-WAIT long enough for its ACK to go out alone.
    socket.on('end', () => setTimeout(() => socket.end(), 200));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

async function startLoopbackCapture(page: Page, port: number): Promise<void> {
  await page.getByTestId('nav-capture').click();
  await page.getByTestId('capture-interface').selectOption('lo');
  await page.getByTestId('capture-filter').fill(`tcp port ${port}`);
  await expect(page.getByTestId('capture-filter-status')).toContainText('valid');
  await page.getByTestId('capture-start').click();
  await expect(page.getByTestId('capture-state')).toHaveAttribute('data-state', 'running');
}

// Tall enough for the whole 11-segment ladder (only the visible part of a ladder is drawn).
test.use({ viewport: { width: 1600, height: 1300 } });

test('a loopback connection appears live as a ladder, with states, explanations and a Mermaid export', async ({
  appPage: page,
  isElectron,
}) => {
  // ~10 s on an idle machine; the lazy mermaid import for the pictures can take much longer on a
  // busy 2-core CI runner.
  test.setTimeout(60_000);
  const { server, port } = await startEchoServer();
  try {
    await startLoopbackCapture(page, port);

    const client: Socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => client.once('connect', resolve));
    client.write('hello');
    await new Promise<void>((resolve) => client.once('data', () => resolve()));

    const row = page.getByTestId('connection-row').first();
    await expect(row).toBeVisible();
    await row.click();
    const ladder = page.getByTestId('ladder');
    // A live capture opens its ladder in follow mode: new segments stay in view.
    await expect(page.getByTestId('ladder-follow')).toBeChecked();
    const segments = ladder.getByTestId('ladder-segment');
    await expect(segments.nth(2)).toBeVisible();
    // SYN (0x02) from the client, SYN-ACK (0x12) from the server, ACK (0x10) from the client.
    await expect(segments.nth(0)).toHaveAttribute('data-flags', '2');
    await expect(segments.nth(0)).toHaveAttribute('data-from', 'client');
    await expect(segments.nth(1)).toHaveAttribute('data-flags', '18');
    await expect(segments.nth(1)).toHaveAttribute('data-from', 'server');
    await expect(segments.nth(2)).toHaveAttribute('data-flags', '16');
    await expect(segments.nth(2)).toHaveAttribute('data-from', 'client');
    await expect(segments.nth(0).getByTestId('ladder-label')).toContainText('SYN seq=0');
    await expect(segments.nth(0).getByTestId('ladder-options')).toContainText('MSS=');
    const states = (role: string, state: string) =>
      ladder.locator(`[data-testid="ladder-state"][data-role="${role}"][data-state="${state}"]`);
    // A state is written again when it changes from inferred to observed, so look for the first.
    for (const [role, state] of [
      ['client', 'SYN-SENT'],
      ['server', 'SYN-RECEIVED'],
      ['client', 'ESTABLISHED'],
      ['server', 'ESTABLISHED'],
    ]) {
      await expect(states(role, state).first(), `${role} ${state}`).toBeVisible();
    }

    // Follow off: segments arriving meanwhile never move the view. Back on: it jumps to the newest.
    await page.getByTestId('ladder-follow').uncheck();
    await ladder.evaluate((el) => (el.scrollTop = 0));
    const count = Number(await page.getByTestId('timeline-segment-count').getAttribute('data-count'));
    client.write('again');
    await new Promise<void>((resolve) => client.once('data', () => resolve()));
    await expect(page.getByTestId('timeline-segment-count')).not.toHaveAttribute('data-count', String(count));
    await page.waitForTimeout(200);
    expect(await ladder.evaluate((el) => el.scrollTop)).toBe(0);
    await page.getByTestId('ladder-follow').check();
    await expect
      .poll(() => ladder.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 2))
      .toBe(true);

    // Teardown: the client closes first, the server 200 ms later.
    client.end();
    await new Promise<void>((resolve) => client.once('close', () => resolve()));
    for (const [role, state] of [
      ['client', 'FIN-WAIT-1'],
      ['server', 'CLOSE-WAIT'],
      ['client', 'FIN-WAIT-2'],
      ['server', 'LAST-ACK'],
      ['client', 'TIME-WAIT'],
    ]) {
      await expect(states(role, state).first(), `${role} ${state}`).toBeVisible();
    }

    // The explanation beside the SYN-ACK, in English, then in Chinese. Follow mode kept the view at
    // the newest segment; turn it off and go back to the top (only visible rows are drawn).
    await page.getByTestId('ladder-follow').uncheck();
    await ladder.evaluate((el) => (el.scrollTop = 0));
    const synAckNote = ladder.locator('[data-note="step-synAck"]');
    await expect(synAckNote).toContainText('SYN-RECEIVED');
    await expect(synAckNote).toContainText('half-open');
    await expect(ladder.locator('[data-note="step-finAcked"]')).toContainText('four segments');
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(synAckNote).toContainText('半连接');
    await expect(ladder.locator('[data-note="step-finAcked"]')).toContainText('四次');
    await page.getByTestId('language-switch').selectOption('en');

    // Clicking a segment selects its packet and offers the Layers view.
    await segments.nth(1).click();
    await expect(page.getByTestId('segment-details')).toContainText('SYN, ACK');
    await expect(page.getByTestId('open-layers')).toHaveAttribute('href', '#/layers');
    // Keyboard: End selects the last segment, Home the SYN (the ladder scrolls to it).
    await ladder.focus();
    await page.keyboard.press('End');
    const lastFrame = await segments.last().getAttribute('data-frame');
    await expect(page.getByTestId('segment-details')).toHaveAttribute('data-frame', lastFrame ?? '');
    await page.keyboard.press('Home');
    await expect(page.getByTestId('segment-details')).toContainText('SYN seq=0');

    // Mermaid export: the copied text (and in the browser the downloaded .mmd, the same text) has
    // the three handshake arrows.
    if (!isElectron) await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByTestId('export-mermaid-copy').click();
    await expect(page.getByTestId('export-status')).toContainText('copied');
    const mermaid = await page.evaluate(() => navigator.clipboard.readText());
    if (!isElectron) {
      const downloading = page.waitForEvent('download');
      await page.getByTestId('export-mermaid-download').click();
      expect(readFileSync(await (await downloading).path(), 'utf8')).toBe(mermaid);
    }
    expect(mermaid).toMatch(/^sequenceDiagram/);
    expect(mermaid).toContain('Client->>Server: SYN seq=0 len=0');
    expect(mermaid).toContain('Server->>Client: SYN, ACK seq=0 ack=1 len=0');
    expect(mermaid).toContain('Client->>Server: ACK seq=1 ack=1 len=0');
    expect(mermaid).toContain('Note over Server: SYN-RECEIVED');
    // Each side's states in order (within one row the client's note comes first).
    for (const sequence of [
      ['Client: FIN-WAIT-1', 'Client: FIN-WAIT-2', 'Client: TIME-WAIT'],
      ['Server: CLOSE-WAIT', 'Server: LAST-ACK'],
    ]) {
      const positions = sequence.map((note) => mermaid.indexOf(`Note over ${note}`));
      expect(Math.min(...positions), sequence.join(', ')).toBeGreaterThan(0);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    }

    // SVG and PNG pictures rendered by mermaid in the page (strict security level, CSP intact).
    // Electron would open a save dialog for a download: only the browser project checks the files.
    for (const [button, check] of isElectron
      ? []
      : ([
          [
            'export-svg',
            (bytes: Buffer) => expect(bytes.toString('utf8')).toMatch(/<svg[\s\S]*SYN, ACK seq=0 ack=1/),
          ],
          ['export-png', (bytes: Buffer) => expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')],
        ] as const)) {
      const picture = page.waitForEvent('download');
      await page.getByTestId(button).click();
      check(readFileSync(await (await picture).path()));
    }
    if (!isElectron) await expect(page.getByTestId('export-status')).toContainText('.png');

    await page.getByTestId('capture-stop').click();
    await expect(page.getByTestId('capture-state')).toHaveAttribute('data-state', 'stopped');
  } finally {
    server.close();
  }
});

test('an invalid capture filter is shown inline and blocks Start', async ({ appPage: page }) => {
  await page.getByTestId('capture-interface').selectOption('lo');
  await page.getByTestId('capture-filter').fill('tcp port nonsense and');
  await expect(page.getByTestId('capture-filter-status')).toContainText('not valid');
  await expect(page.getByTestId('capture-filter')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('capture-start')).toBeDisabled();
});
