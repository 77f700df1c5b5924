/**
 * The HTTPS Inspector end to end: a real HTTPS server with a self-signed certificate, NetLab's
 * proxy started from the UI, the CA exported through the UI's download, and real curl through the
 * proxy. Then a pinned curl shows why pinning defeats interception, in English and Chinese.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/app';

const run = promisify(execFile);
// Each test takes 4-10 s; the ceiling leaves room for a loaded CI machine (curl, openssl, a build).
test.describe.configure({ timeout: 45_000 });
const BIG_BODY_BYTES = 200_000;
/** A 2×2 red PNG. */
const PNG_2X2_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==';
const BODY = { course: 'netlab', lesson: 'interception', items: [1, 2, 3] };

let dir: string;
let server: Server;
let serverPort: number;
let realPin: string;

/** curl's exit code and output; curl failing is part of what the tests check. */
async function curl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('curl', ['-sS', '-m', '10', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netlab-inspector-e2e-'));
  const key = join(dir, 'server-key.pem');
  const cert = join(dir, 'server-cert.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '2',
    '-subj',
    '/CN=localhost/O=NetLab E2E Server',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  // The pin a pinning client would ship: SHA-256 of the server's DER SubjectPublicKeyInfo, base64.
  const { stdout } = await run('sh', [
    '-c',
    `openssl x509 -in '${cert}' -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`,
  ]);
  realPin = `sha256//${stdout.trim()}`;
  const gzipped = gzipSync(Buffer.from(JSON.stringify(BODY)));
  server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    if (req.url === '/pixel.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(Buffer.from(PNG_2X2_BASE64, 'base64'));
      return;
    }
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('0123456789'.repeat(BIG_BODY_BYTES / 10));
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-encoding': 'gzip',
      'x-lab': 'inspector',
    });
    res.end(gzipped);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverPort = (server.address() as AddressInfo).port;
});

test.afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Starts the proxy from the UI on a free port, not verifying the self-signed lab server (localhost),
 * keeping `keepKib` of each body; returns its port.
 */
async function startProxy(page: Page, keepKib = '1024'): Promise<number> {
  await page.getByTestId('nav-inspector').click();
  await expect(page.getByTestId('view-inspector')).toBeVisible();
  // Wait until the panel knows whether a previous test left the proxy running, then stop it.
  const state = page.getByTestId('proxy-state');
  await expect(state).toHaveText(/^(Stopped|Listening on .+)$/);
  if ((await state.textContent())?.startsWith('Listening')) await page.getByTestId('proxy-stop').click();
  await expect(state).toHaveText('Stopped');
  await page.getByTestId('proxy-port').fill('0');
  await page.getByTestId('proxy-insecure-hosts').fill('localhost');
  await page.getByTestId('proxy-body-limit').fill(keepKib);
  await page.getByTestId('proxy-start').click();
  const address = page.getByTestId('proxy-address');
  await expect(address).toHaveText(/^http:\/\/127\.0\.0\.1:\d+$/);
  return Number(/:(\d+)$/.exec((await address.textContent()) ?? '')?.[1]);
}

/** The CA as a client would get it: the UI's PEM download. */
async function exportCaPem(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByTestId('ca-export-pem').click();
  const file = join(dir, `netlab-ca-${Date.now()}.pem`);
  await (await download).saveAs(file);
  expect(readFileSync(file, 'utf8')).toContain('-----BEGIN CERTIFICATE-----');
  return file;
}

test('a request through the proxy shows headers, the decoded JSON, both certificates and the two TLS sessions', async ({
  appPage: page,
}) => {
  const proxyPort = await startProxy(page);
  const ca = await exportCaPem(page);
  const url = `https://localhost:${serverPort}/data.json?lab=1`;
  const r = await curl(['--proxy', `http://127.0.0.1:${proxyPort}`, '--cacert', ca, '--compressed', url]);
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout)).toEqual(BODY);

  const row = page.getByTestId('exchange-row').filter({ hasText: '/data.json?lab=1' });
  await expect(row.getByTestId('row-host')).toContainText('localhost');
  await expect(row.getByTestId('row-status')).toHaveText('200');
  await row.click();

  // curl offers h2 by ALPN, so the client leg is usually HTTP/2 while the server leg is HTTP/1.1.
  await expect(page.getByTestId('request-line')).toHaveText(/^GET \/data\.json\?lab=1 HTTP\/(1\.1|2)$/);
  await expect(page.getByTestId('response-headers')).toContainText('x-lab');
  await expect(page.getByTestId('response-headers')).toContainText('gzip');

  await page.getByTestId('detail-tab-response').click();
  await expect(page.getByTestId('response-body-encoding')).toHaveText('Decoded from gzip');
  // Pretty-printed: one key per line, two-space indent.
  await expect(page.getByTestId('response-body-json')).toContainText('{\n  "course": "netlab",\n  "lesson"');

  await page.getByTestId('detail-tab-tls').click();
  await expect(page.getByTestId('cert-forged-issuer')).toContainText('NetLab CA');
  await expect(page.getByTestId('cert-real-issuer')).toContainText('NetLab E2E Server');
  await expect(page.getByTestId('cert-real-spki')).toHaveText(realPin);
  await expect(page.getByTestId('cert-forged-spki')).not.toHaveText(realPin);
  await expect(page.getByTestId('tls-client-leg-version')).toHaveText(/^TLSv1\.[23]$/);
  await expect(page.getByTestId('tls-server-leg-chain')).toHaveText('localhost');

  await page.getByTestId('detail-tab-how').click();
  const diagram = page.getByTestId('interception-diagram');
  await expect(diagram).toBeVisible();
  await expect(diagram.getByTestId('diagram-client-leg')).toContainText('SNI: localhost');
  await expect(diagram.getByTestId('diagram-client-leg')).toContainText('issued by NetLab CA');
  await expect(diagram.getByTestId('diagram-server-leg')).toContainText('self-signed by the server');
  await expect(page.getByTestId('how-correction')).toContainText('RSA key transport');

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('copy-curl').click();
  await expect(page.getByTestId('copy-curl')).toHaveText('Copied to the clipboard');
  const command = await page.evaluate(() => navigator.clipboard.readText());
  expect(command).toContain(`https://localhost:${serverPort}/data.json?lab=1`);
  expect(command).toMatch(/^curl /);
});

test('a client pinning the real public key rejects NetLab: the failure row explains both causes and both pins, also in Chinese', async ({
  appPage: page,
}) => {
  const proxyPort = await startProxy(page);
  const ca = await exportCaPem(page);
  const url = `https://localhost:${serverPort}/pinned`;
  const r = await curl([
    '--proxy',
    `http://127.0.0.1:${proxyPort}`,
    '--cacert',
    ca,
    '--pinnedpubkey',
    realPin,
    url,
  ]);
  // 90: SSL public key does not match pinned public key.
  expect(r.code).toBe(90);

  const failureRow = page.getByTestId('tls-failure-row').last();
  await expect(failureRow).toContainText("The client rejected NetLab's certificate");
  await failureRow.click();
  const explanation = page.getByTestId('failure-explanation');
  await expect(explanation.getByTestId('failure-reason-ca-not-trusted')).toBeVisible();
  await expect(explanation.getByTestId('failure-reason-certificate-pinned')).toBeVisible();
  await expect(page.getByTestId('pin-real')).toHaveText(realPin);
  await expect(page.getByTestId('pin-forged')).toHaveText(/^sha256\/\/[A-Za-z0-9+/]{43}=$/);
  await expect(page.getByTestId('pin-forged')).not.toHaveText(realPin);
  await expect(page.getByTestId('failure-why-pinning')).toContainText('pinning');
  await expect(page.getByTestId('diagram-client-leg')).toContainText('the client refused the certificate');
  await expect(page.getByTestId('diagram-server-leg')).toContainText('only the real certificate was fetched');

  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(page.getByTestId('failure-why-pinning')).toContainText('证书固定');
  await expect(page.getByTestId('how-correction')).toContainText('RSA 密钥传输');
  await expect(failureRow).toContainText('客户端拒绝了 NetLab 的证书');
  await page.getByTestId('language-switch').selectOption('en');
});

test('HAR export downloads the exchanges and importing it brings the rows back', async ({
  appPage: page,
}) => {
  const proxyPort = await startProxy(page);
  const ca = await exportCaPem(page);
  const r = await curl([
    '--proxy',
    `http://127.0.0.1:${proxyPort}`,
    '--cacert',
    ca,
    '-o',
    '/dev/null',
    `https://localhost:${serverPort}/for-har`,
  ]);
  expect(r.code).toBe(0);
  await expect(page.getByTestId('exchange-row').filter({ hasText: '/for-har' })).toHaveCount(1);

  const download = page.waitForEvent('download');
  await page.getByTestId('har-export').click();
  const har = join(dir, 'export.har');
  await (await download).saveAs(har);
  const parsed = JSON.parse(readFileSync(har, 'utf8')) as {
    log: { entries: { request: { url: string } }[] };
  };
  expect(parsed.log.entries.some((e) => e.request.url.endsWith('/for-har'))).toBe(true);

  // Filters: a host that matches nothing empties the list; a status class brings the row back.
  await page.getByTestId('filter-host').fill('no-such-host');
  await expect(page.getByTestId('exchange-list-empty')).toHaveText('No exchange matches the filter.');
  await page.getByTestId('filter-host').fill('');
  await page.getByTestId('filter-status').fill('2xx');
  await expect(page.getByTestId('exchange-row').filter({ hasText: '/for-har' })).toHaveCount(1);
  await page.getByTestId('filter-status').fill('');

  // Keyboard: End selects the last row, which opens its detail.
  await page.getByTestId('exchange-list-scroll').focus();
  await page.keyboard.press('End');
  await expect(page.locator('[data-testid="exchange-row"][aria-selected="true"]')).toContainText('/for-har');
  await expect(page.getByTestId('detail-url')).toContainText('/for-har');

  await page.getByTestId('exchanges-clear').click();
  await expect(page.getByTestId('exchange-list-empty')).toBeVisible();
  await page.getByTestId('har-file-input').setInputFiles(har);
  await expect(page.getByTestId('har-message')).toContainText('Imported');
  await expect(page.getByTestId('exchange-row').filter({ hasText: '/for-har' })).toHaveCount(1);
});

test('a body over the capture limit is relayed whole, kept in part, and the rest counted; an image shows as an image', async ({
  appPage: page,
}) => {
  const proxyPort = await startProxy(page, '64');
  const ca = await exportCaPem(page);
  const r = await curl([
    '--proxy',
    `http://127.0.0.1:${proxyPort}`,
    '--cacert',
    ca,
    `https://localhost:${serverPort}/big`,
  ]);
  expect(r.stdout.length).toBe(BIG_BODY_BYTES);
  await page.getByTestId('exchange-row').filter({ hasText: '/big' }).last().click();
  await page.getByTestId('detail-tab-response').click();
  await expect(page.getByTestId('response-body-truncated')).toHaveText(
    `NetLab kept the first ${64 * 1024} of ${BIG_BODY_BYTES} bytes; the rest was relayed but not stored.`,
  );
  await expect(page.getByTestId('response-body-text')).toContainText('0123456789');

  // An image body is shown as an image (from a blob: URL the CSP allows).
  await curl([
    '--proxy',
    `http://127.0.0.1:${proxyPort}`,
    '--cacert',
    ca,
    '-o',
    '/dev/null',
    `https://localhost:${serverPort}/pixel.png`,
  ]);
  await page.getByTestId('exchange-row').filter({ hasText: '/pixel.png' }).last().click();
  const image = page.getByTestId('body-image');
  await expect(image).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
});

test('the CA can be regenerated and deleted only after confirming, and created again', async ({
  appPage: page,
}) => {
  await page.getByTestId('nav-inspector').click();
  const fingerprint = page.getByTestId('ca-fingerprint');
  if (await page.getByTestId('ca-missing').isVisible())
    await page.getByRole('button', { name: 'Create it now' }).click();
  await expect(fingerprint).toHaveText(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  const before = await fingerprint.textContent();

  await page.getByTestId('ca-regenerate').click();
  await expect(page.getByTestId('ca-regenerate-confirm')).toContainText(
    'Every client must trust the new CA again',
  );
  await page.getByTestId('ca-regenerate-yes').click();
  await expect(fingerprint).not.toHaveText(before ?? '');

  await page.getByTestId('ca-delete').click();
  await page.getByTestId('ca-delete-yes').click();
  await expect(page.getByTestId('ca-missing')).toBeVisible();
  await page.getByRole('button', { name: 'Create it now' }).click();
  await expect(fingerprint).toHaveText(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

  // Trust steps come per platform, with the way back after the lab.
  await page.getByTestId('trust-tab-nss').click();
  await expect(page.getByTestId('trust-panel')).toContainText(
    'certutil -d sql:$HOME/.pki/nssdb -D -n "NetLab CA"',
  );
});
