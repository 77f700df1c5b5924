/**
 * The Packets view against tshark: open capture files through the file input (chunked upload),
 * display filters, a damaged file, saving pcapng, keyboard paging through a list larger than one
 * page.
 */
import type { Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures/app';

const CAPTURES = '/work/shared/captures';
const SYN_FILTER = 'tcp.flags.syn == 1 && tcp.flags.ack == 0';

function tsharkNumbers(file: string, filter?: string): number[] {
  const args = ['-r', file, '-T', 'fields', '-e', 'frame.number', ...(filter ? ['-Y', filter] : [])];
  // tshark exits with an error on a damaged file but still prints the packets before the damage.
  const { stdout } = spawnSync('tshark', args, { encoding: 'utf8' });
  return stdout.split('\n').filter(Boolean).map(Number);
}

async function openCapture(page: Page, file: string) {
  await page.getByTestId('nav-packets').click();
  await page.getByTestId('open-file-input').setInputFiles(file);
  await expect(page.getByTestId('import-outcome')).toBeVisible();
}

async function listedNumbers(page: Page): Promise<number[]> {
  const values = await page
    .getByTestId('packet-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')));
  return values.map(Number);
}

let tmp: string;
test.beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'netlab-packets-e2e-'));
});
test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('filters SYNs exactly as tshark does', async ({ appPage }) => {
  const file = join(CAPTURES, 'tcp_ports.pcapng');
  const all = tsharkNumbers(file);
  await openCapture(appPage, file);
  await expect(appPage.getByTestId('import-outcome')).toContainText(`${all.length} packets`);
  await expect(appPage.getByTestId('packet-list')).toHaveAttribute('data-total', String(all.length));

  const input = appPage.getByTestId('filter-input');
  await input.fill(SYN_FILTER);
  await expect(input).toHaveAttribute('data-state', 'valid');
  await input.press('Enter');
  const expected = tsharkNumbers(file, SYN_FILTER);
  await expect(appPage.getByTestId('packet-list')).toHaveAttribute('data-total', String(expected.length));
  await expect.poll(() => listedNumbers(appPage)).toEqual(expected);
  await expect(appPage.getByTestId('filter-matched')).toContainText(`${expected.length} of ${all.length}`);
});

test('saves all, displayed and marked packets as pcapng that tshark reads back', async ({ appPage }) => {
  const file = join(CAPTURES, 'tcp_ports.pcapng');
  const all = tsharkNumbers(file);
  const expected = tsharkNumbers(file, SYN_FILTER);
  await openCapture(appPage, file);
  await expect(appPage.getByTestId('packet-list')).toHaveAttribute('data-total', String(all.length));

  // Save the whole session: tshark reads the download with the same frame count.
  const [download] = await Promise.all([
    appPage.waitForEvent('download'),
    appPage.getByTestId('save-pcapng').click(),
  ]);
  const saved = join(tmp, 'all.pcapng');
  await download.saveAs(saved);
  expect(download.suggestedFilename()).toMatch(/\.pcapng$/);
  expect(tsharkNumbers(saved)).toHaveLength(all.length);

  // Save only the displayed (filtered) packets.
  await appPage.getByTestId('filter-input').fill(SYN_FILTER);
  await appPage.getByTestId('filter-input').press('Enter');
  await expect(appPage.getByTestId('packet-list')).toHaveAttribute('data-total', String(expected.length));
  await appPage.getByTestId('save-scope').selectOption('displayed');
  const [filtered] = await Promise.all([
    appPage.waitForEvent('download'),
    appPage.getByTestId('save-pcapng').click(),
  ]);
  const savedFiltered = join(tmp, 'syn.pcapng');
  await filtered.saveAs(savedFiltered);
  expect(tsharkNumbers(savedFiltered, SYN_FILTER)).toHaveLength(expected.length);
  expect(tsharkNumbers(savedFiltered)).toHaveLength(expected.length);

  // Ctrl+click marks packets; "Selected packets" saves exactly those.
  const rows = appPage.getByTestId('packet-row');
  await rows.nth(0).click();
  await rows.nth(2).click({ modifiers: ['Control'] });
  await rows.nth(3).click({ modifiers: ['Control'] });
  await expect(appPage.locator('[data-testid="packet-row"][data-marked]')).toHaveCount(2);
  await appPage.getByTestId('save-scope').selectOption('selected');
  const [marked] = await Promise.all([
    appPage.waitForEvent('download'),
    appPage.getByTestId('save-pcapng').click(),
  ]);
  const savedMarked = join(tmp, 'marked.pcapng');
  await marked.saveAs(savedMarked);
  const { stdout } = spawnSync('tshark', ['-r', savedMarked, '-T', 'fields', '-e', 'tcp.seq_raw'], {
    encoding: 'utf8',
  });
  const seqOf = (n: number) =>
    spawnSync('tshark', ['-r', file, '-Y', `frame.number == ${n}`, '-T', 'fields', '-e', 'tcp.seq_raw'], {
      encoding: 'utf8',
    }).stdout.trim();
  expect(stdout.trim().split('\n')).toEqual([seqOf(expected[2]), seqOf(expected[3])]);
});

test('an invalid filter is red and points at the bad span while typing', async ({ appPage }) => {
  await openCapture(appPage, join(CAPTURES, 'tcp_handshake.pcapng'));
  const input = appPage.getByTestId('filter-input');
  await input.fill('tcp.prot == 80');
  await expect(input).toHaveAttribute('data-state', 'invalid');
  await expect(appPage.getByTestId('filter-error')).toHaveAttribute('data-position', '0');
  await expect(appPage.getByTestId('filter-error-span')).toHaveText('tcp.prot');
  await expect(appPage.getByTestId('filter-error')).toContainText('tcp.port');
  await expect(appPage.getByTestId('filter-apply')).toBeDisabled();

  await input.fill('tcp.port == 80 &&');
  await expect(appPage.getByTestId('filter-error')).toHaveAttribute('data-position', /^1[5-8]$/);
  await input.fill('tcp.port == 80');
  await expect(input).toHaveAttribute('data-state', 'valid');
  await expect(appPage.getByTestId('filter-error')).toHaveCount(0);
});

test('a damaged file shows the byte offset of the damage and keeps the packets before it', async ({
  appPage,
}) => {
  const original = readFileSync(join(CAPTURES, 'http_google.pcapng'));
  const cut = 4000;
  const damaged = join(tmp, 'http_google-cut.pcapng');
  writeFileSync(damaged, original.subarray(0, cut));
  // The damaged block is the pcapng block the cut falls in: walk the block lengths to find it.
  let blockStart = 0;
  while (blockStart + original.readUInt32LE(blockStart + 4) <= cut)
    blockStart += original.readUInt32LE(blockStart + 4);
  const kept = tsharkNumbers(damaged);

  await openCapture(appPage, damaged);
  const outcome = appPage.getByTestId('import-outcome');
  await expect(outcome).toContainText(`damaged at byte ${blockStart}`);
  await expect(outcome).toContainText(`${kept.length} packets before it are kept`);
  await expect(appPage.getByTestId('packet-list')).toHaveAttribute('data-total', String(kept.length));
  await expect.poll(() => listedNumbers(appPage)).toEqual(kept);
});

test('pages through a list larger than a page with the keyboard', async ({ appPage }) => {
  const file = join(CAPTURES, 'synscan.pcapng');
  const all = tsharkNumbers(file);
  await openCapture(appPage, file);
  const list = appPage.getByTestId('packet-list');
  await expect(list).toHaveAttribute('data-total', String(all.length));
  // Only the visible rows (plus overscan) exist in the DOM.
  expect(await appPage.getByTestId('packet-row').count()).toBeLessThan(100);

  await list.focus();
  await list.press('End');
  const last = appPage.locator(`[data-testid="packet-row"][data-number="${all.length}"]`);
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(appPage.getByTestId('packet-detail')).toContainText(String(all.length));
  await list.press('ArrowUp');
  await expect(
    appPage.locator(`[data-testid="packet-row"][data-number="${all.length - 1}"]`),
  ).toHaveAttribute('aria-selected', 'true');
  await list.press('Home');
  await expect(appPage.locator('[data-testid="packet-row"][data-number="1"]')).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await list.press('PageDown');
  await expect(appPage.locator('[data-testid="packet-row"][aria-selected="true"]')).not.toHaveAttribute(
    'data-number',
    '1',
  );
});
