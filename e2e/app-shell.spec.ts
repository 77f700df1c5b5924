import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, repoRoot, test } from './fixtures/app';

const VIEW_IDS = ['capture', 'packets', 'layers', 'inspector', 'labs', 'reports'] as const;

test('opens on the capture view with a live connection', async ({ appPage }) => {
  await expect(appPage).toHaveTitle('NetLab');
  await expect(appPage.getByTestId('connection-indicator')).toHaveText('Connected');
  await expect(appPage.getByTestId('view-capture')).toBeVisible();
  expect(new URL(appPage.url()).hash).toBe('#/capture');
});

test('visits every view from the left navigation', async ({ appPage }) => {
  for (const id of VIEW_IDS) {
    await appPage.getByTestId(`nav-${id}`).click();
    await expect(appPage.getByTestId(`view-${id}`)).toBeVisible();
    await expect(appPage.getByTestId(`nav-${id}`)).toHaveAttribute('aria-current', 'page');
    expect(new URL(appPage.url()).hash).toBe(`#/${id}`);
  }
});

test('switches to Chinese, remembers it across a reload, and switches back', async ({ appPage }) => {
  await appPage.getByTestId('language-switch').selectOption('zh-CN');
  await expect(appPage.getByTestId('nav-capture')).toHaveText('抓包与时间线');
  await expect(appPage.getByTestId('connection-indicator')).toHaveText('已连接');
  await expect(appPage.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await appPage.reload();
  await expect(appPage.getByTestId('nav-inspector')).toHaveText('HTTPS 检查器');
  await appPage.getByTestId('language-switch').selectOption('en');
  await expect(appPage.getByTestId('nav-capture')).toHaveText('Capture & Timeline');
  await expect(appPage.locator('html')).toHaveAttribute('lang', 'en');
});

test('switches to the dark theme and keeps it after a reload', async ({ appPage }) => {
  await appPage.getByTestId('theme-switch').selectOption('dark');
  await expect(appPage.locator('html')).toHaveAttribute('data-theme', 'dark');
  await appPage.reload();
  await expect(appPage.locator('html')).toHaveAttribute('data-theme', 'dark');
  await appPage.getByTestId('theme-switch').selectOption('light');
  await expect(appPage.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('shows the backend version and transport in About (app.info and app.ping end to end)', async ({
  appPage,
  isElectron,
}) => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  await appPage.getByTestId('about-button').click();
  const dialog = appPage.getByTestId('about-dialog');
  await expect(dialog.getByTestId('about-version')).toHaveText(pkg.version);
  await expect(dialog.getByTestId('about-transport')).toHaveText(
    isElectron ? 'Electron IPC' : 'WebSocket (browser mode)',
  );
  await expect(dialog.getByTestId('about-round-trip')).toHaveText(/^\d+ ms$/);
  await appPage.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
