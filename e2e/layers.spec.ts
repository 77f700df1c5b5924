/**
 * The Layers view on a real SYN: the TCP flags field's bytes in the hex dump are exactly where
 * tshark's PDML puts them, the SYN bit is set in the bit grid, explanations follow the language,
 * the OSI switch re-labels the layers, and clicking a byte selects its field.
 */
import type { Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, repoRoot, test } from './fixtures/app';

const FILE = '/work/shared/captures/tcp_handshake.pcapng';
const SYN_FILTER = 'tcp.flags.syn == 1 && tcp.flags.ack == 0';

function fieldsJson(language: string): Record<string, { name?: string; explain?: string }> {
  return JSON.parse(readFileSync(join(repoRoot, 'src/shared/i18n/locales', language, 'fields.json'), 'utf8'));
}

/** pos and size of the first `name` field in tshark's PDML of `frame`. */
function pdmlField(frame: number, name: string): { pos: number; size: number } {
  const { stdout } = spawnSync('tshark', ['-r', FILE, '-Y', `frame.number == ${frame}`, '-T', 'pdml'], {
    encoding: 'utf8',
  });
  const match = new RegExp(`<field name="${name.replace(/\./g, '\\.')}"[^>]*size="(\\d+)" pos="(\\d+)"`).exec(
    stdout,
  );
  if (!match) throw new Error(`tshark printed no ${name} for frame ${frame}`);
  return { size: Number(match[1]), pos: Number(match[2]) };
}

async function selectFirstSyn(page: Page, via: 'button' | 'enter'): Promise<number> {
  await page.getByTestId('nav-packets').click();
  await page.getByTestId('open-file-input').setInputFiles(FILE);
  await expect(page.getByTestId('import-outcome')).toBeVisible();
  await page.getByTestId('filter-input').fill(SYN_FILTER);
  await page.getByTestId('filter-input').press('Enter');
  const first = page.getByTestId('packet-row').first();
  await expect(page.getByTestId('packet-list')).toHaveAttribute('data-total', '1');
  const number = Number(await first.getAttribute('data-number'));
  await first.click();
  // The detail pane's button and Enter in the list both open the selected packet in Layers.
  if (via === 'button') await page.getByTestId('open-in-layers').click();
  else await page.getByTestId('packet-list').press('Enter');
  await expect(page.getByTestId('view-layers')).toBeVisible();
  return number;
}

const selectedOffsets = (page: Page) =>
  page
    .locator('[data-testid="hex-byte"][data-selected]')
    .evaluateAll((bytes) => bytes.map((b) => Number(b.getAttribute('data-offset'))));

test('the TCP flags of a SYN: exact bytes, SYN bit set, explained in both languages', async ({ appPage }) => {
  const number = await selectFirstSyn(appPage, 'button');
  const expectedNumbers = spawnSync(
    'tshark',
    ['-r', FILE, '-Y', SYN_FILTER, '-T', 'fields', '-e', 'frame.number'],
    {
      encoding: 'utf8',
    },
  ).stdout.trim();
  expect(String(number)).toBe(expectedNumbers.split('\n')[0]);

  await appPage.locator('[data-testid="layer-field"][data-field="tcp.flags"]').click();
  const { pos, size } = pdmlField(number, 'tcp.flags');
  await expect.poll(() => selectedOffsets(appPage)).toEqual(Array.from({ length: size }, (_, i) => pos + i));
  await expect(appPage.locator('[data-testid="bit-cell"][data-field="tcp.flags.syn"]')).toHaveAttribute(
    'data-set',
    '1',
  );
  await expect(appPage.locator('[data-testid="bit-cell"][data-field="tcp.flags.ack"]')).toHaveAttribute(
    'data-set',
    '0',
  );
  await expect(appPage.getByTestId('field-explain')).toHaveText(fieldsJson('en')['tcp.flags'].explain ?? '');

  await appPage.getByTestId('language-switch').selectOption('zh-CN');
  await expect(appPage.getByTestId('field-explain')).toHaveText(
    fieldsJson('zh-CN')['tcp.flags'].explain ?? '',
  );
  await expect(appPage.getByTestId('field-info-name')).toHaveText(
    fieldsJson('zh-CN')['tcp.flags'].name ?? '',
  );
});

test('the OSI switch re-labels the layers; clicking a byte selects its deepest field', async ({
  appPage,
}) => {
  const number = await selectFirstSyn(appPage, 'enter');
  const titles = appPage.getByTestId('layer-title');
  await expect(titles).toHaveText([
    'Application layer',
    'Transport layer',
    'Internet (network) layer',
    'Link layer',
  ]);
  await appPage.getByTestId('model-osi').click();
  await expect(titles).toHaveCount(7);
  await expect(titles.first()).toHaveText('7 · Application');
  await expect(titles.last()).toHaveText('1 · Physical');
  await expect(appPage.locator('[data-testid="layer-card"][data-osi="1"]')).toContainText('bits on the wire');
  await expect(appPage.locator('[data-testid="layer-card"][data-osi="4"]')).toContainText('TCP');

  // The TTL byte: tshark's position for ip.ttl.
  const ttl = pdmlField(number, 'ip.ttl');
  await appPage.locator(`[data-testid="hex-byte"][data-offset="${ttl.pos}"]`).click();
  await expect(appPage.getByTestId('field-info')).toContainText('ip.ttl');
  await expect.poll(() => selectedOffsets(appPage)).toEqual([ttl.pos]);

  // Arrow keys move to the next field of the stack.
  await appPage.getByTestId('layer-stack').focus();
  await appPage.getByTestId('layer-stack').press('ArrowDown');
  await expect(appPage.getByTestId('field-info')).toContainText('ip.proto');

  // Encapsulation at the sender: payload first, then + TCP, + IP, + Ethernet.
  await appPage.getByTestId('encap-next').click();
  await expect(appPage.getByTestId('encap-blocks').locator('[data-protocol]')).toHaveCount(2);
  await appPage.getByTestId('encap-receive').click();
  await expect(appPage.getByTestId('encap-blocks').locator('[data-protocol]')).toHaveCount(4);
});
