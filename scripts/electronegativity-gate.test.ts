/**
 * The security gate on a small app with one insecure window, one justified exception and one
 * silenced finding: only the explained exception may pass.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const script = resolve(__dirname, 'electronegativity.mjs');
const app = mkdtempSync(join(tmpdir(), 'netlab-eneg-app-'));
afterAll(() => rmSync(app, { recursive: true, force: true }));

const insecureWindow = 'new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: true } });';

it('fails on an unexplained HIGH finding and on eng-disable, but accepts a justified one', () => {
  writeFileSync(join(app, 'insecure.ts'), `import { BrowserWindow } from 'electron';\n\n${insecureWindow}\n`);
  writeFileSync(
    join(app, 'justified.ts'),
    `import { BrowserWindow } from 'electron';\n\n// electronegativity-justified: shows a bundled licence page only.\n${insecureWindow}\n`,
  );
  writeFileSync(
    join(app, 'silenced.ts'),
    `import { BrowserWindow } from 'electron';\n\n${insecureWindow} // eng-disable CONTEXT_ISOLATION_JS_CHECK\n`,
  );

  const run = spawnSync(process.execPath, [script, '--input', app], { encoding: 'utf8', timeout: 120_000 });
  const rows = run.stdout.split('\n');
  const row = (file: string, check: string) => rows.find((r) => r.includes(check) && r.includes(file)) ?? '';

  expect(run.status).toBe(1);
  expect(row('insecure.ts:3', 'CONTEXT_ISOLATION_JS_CHECK')).toMatch(/^FAIL\s+HIGH/);
  expect(row('justified.ts:4', 'CONTEXT_ISOLATION_JS_CHECK')).toMatch(/^justified\s+HIGH/);
  expect(row('silenced.ts:3', 'eng-disable')).toMatch(/^FAIL\s+HIDDEN/);
  expect(run.stderr).toContain('electronegativity-justified');
}, 120_000);
