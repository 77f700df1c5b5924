/**
 * End-to-end tests. The 'browser' project drives Debian's Chromium (never a downloaded browser)
 * against browser mode (`netlab serve`); the 'electron' project runs the same specs in the
 * Electron app when its binary is installed, and skips them with the reason otherwise.
 * See e2e/fixtures/app.ts for the fixtures specs use.
 */
import { defineConfig } from '@playwright/test';

const chromiumPath = process.env.NETLAB_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // One netlab server per worker; two workers keep a 2-core CI busy without contention.
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'browser', use: { browserName: 'chromium' } },
    { name: 'electron', use: { browserName: 'chromium' } },
  ],
});
