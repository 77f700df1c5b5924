/**
 * A real browser through NetLab, set up the way a learner does it on Linux: NetLab's CA trusted in
 * the user's NSS database (certutil, in a temporary HOME), Chromium pointed at the proxy. The page
 * loads over HTTPS without a certificate warning and NetLab records the decrypted exchange.
 */
import { chromium, type Browser } from '@playwright/test';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, run, startProxy, type Harness } from '../test-support/proxy-harness.test-support';
import { testPki } from '../test-support/test-pki.test-support';
import { startHttpsServer, type RunningServer } from '../test-support/test-servers.test-support';

const CHROMIUM = process.env.NETLAB_CHROMIUM ?? '/usr/bin/chromium';

let h: Harness;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const pki = testPki();
  [h, server] = await Promise.all([startProxy(), startHttpsServer(pki.serverKeyPem, pki.goodPem)]);
  const home = join(h.dir, 'home');
  const nssdb = join(home, '.pki', 'nssdb');
  mkdirSync(nssdb, { recursive: true });
  const created = await run('certutil', ['-d', `sql:${nssdb}`, '-N', '--empty-password']);
  expect(created.code, created.stderr).toBe(0);
  const added = await run('certutil', [
    '-d',
    `sql:${nssdb}`,
    '-A',
    '-t',
    'C,,',
    '-n',
    'NetLab CA',
    '-i',
    h.caFile,
  ]);
  expect(added.code, added.stderr).toBe(0);
  expect(existsSync(CHROMIUM)).toBe(true);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    env: { ...process.env, HOME: home },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      `--proxy-server=http://127.0.0.1:${h.port}`,
      // Chromium bypasses proxies for loopback unless told otherwise; the lab server is on localhost.
      '--proxy-bypass-list=<-loopback>',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([h?.close(), server?.close()]);
});

describe('Chromium through NetLab with the CA in its NSS database', () => {
  it('loads an HTTPS page without a certificate error and NetLab records it', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`https://localhost:${server.port}/page`);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.textContent('#greeting')).toBe('Hello from the lab server');
    const security = await response?.securityDetails();
    expect(security?.issuer).toContain('NetLab CA');
    const e = await eventually(() =>
      h.proxy.store.all().find((x) => x.start.path === '/page' && x.state === 'complete'),
    );
    expect(e.start.clientHttpVersion).toBe('HTTP/2');
    expect(e.detail().clientTls?.sni).toBe('localhost');
    await page.close();
  });
});
