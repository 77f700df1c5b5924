/**
 * `npm start` must reach a working UI whether or not Electron can run: these tests build real
 * project folders (with and without an electron package) and run the real launcher.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

interface FindResult {
  ok: boolean;
  reason?: string;
  binary?: string;
}
interface StartModule {
  findElectron(root: string, env: Record<string, string | undefined>, platform: string): FindResult;
  parseStartArgs(argv: string[]): { browser: boolean; rest: string[] };
  isStartupFailure(
    code: number | null,
    signal: string | null,
    elapsedMs: number,
    stopRequested: boolean,
  ): boolean;
}

const repoRoot = resolve(__dirname, '..');
const start = createRequire(__filename)(join(repoRoot, 'bin', 'start.js')) as StartModule;
const temp = mkdtempSync(join(tmpdir(), 'netlab-start-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A project folder whose node_modules/electron/index.js has the given body. */
function projectWithElectron(name: string, indexJs: string | null): string {
  const root = join(temp, name);
  mkdirSync(root, { recursive: true });
  if (indexJs !== null) {
    const pkg = join(root, 'node_modules', 'electron');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(
      join(pkg, 'package.json'),
      JSON.stringify({ name: 'electron', version: '45.4.1', main: 'index.js' }),
    );
    writeFileSync(join(pkg, 'index.js'), indexJs);
  }
  return root;
}

describe('finding a runnable Electron', () => {
  const display = { DISPLAY: ':0' };

  it('reports a missing optional package', () => {
    const result = start.findElectron(projectWithElectron('none', null), display, 'linux');
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('Electron is not installed') });
  });

  it('reports a package whose binary download failed (its index.js throws)', () => {
    const root = projectWithElectron('no-binary', "throw new Error('Electron failed to install correctly');");
    expect(start.findElectron(root, display, 'linux').reason).toMatch(/^Electron binary not installed/);
  });

  it('reports a binary path that does not exist', () => {
    const root = projectWithElectron(
      'gone',
      `module.exports = ${JSON.stringify(join(temp, 'missing-electron'))};`,
    );
    expect(start.findElectron(root, display, 'linux').ok).toBe(false);
  });

  it('accepts an installed binary, but not on Linux without a display', () => {
    const binary = join(temp, 'fake-electron-binary');
    writeFileSync(binary, '');
    const root = projectWithElectron('installed', `module.exports = ${JSON.stringify(binary)};`);
    expect(start.findElectron(root, display, 'linux')).toEqual({ ok: true, binary });
    expect(start.findElectron(root, { WAYLAND_DISPLAY: 'wayland-0' }, 'linux').ok).toBe(true);
    expect(start.findElectron(root, {}, 'darwin').ok).toBe(true);
    expect(start.findElectron(root, {}, 'linux').reason).toMatch(/no graphical display/);
  });
});

describe('telling a failed start from a normal quit', () => {
  it('falls back only on an early error exit or crash we did not cause', () => {
    expect(start.isStartupFailure(1, null, 300, false)).toBe(true);
    expect(start.isStartupFailure(null, 'SIGTRAP', 300, false)).toBe(true);
    expect(start.isStartupFailure(0, null, 300, false)).toBe(false); // second instance handing over
    expect(start.isStartupFailure(1, null, 60_000, false)).toBe(false); // ran, then failed later
    expect(start.isStartupFailure(null, 'SIGINT', 300, true)).toBe(false); // the user pressed Ctrl+C
  });

  it('keeps the app arguments and drops only --browser', () => {
    expect(start.parseStartArgs(['--browser', '--port', '0', '--no-open'])).toEqual({
      browser: true,
      rest: ['--port', '0', '--no-open'],
    });
    expect(start.parseStartArgs(['--data-dir', '/x'])).toEqual({
      browser: false,
      rest: ['--data-dir', '/x'],
    });
  });
});

/** Runs a copy of bin/start.js from `root` until it prints the URL, then stops it with Ctrl+C. */
function runStartUntilUrl(root: string, args: string[]): Promise<{ output: string; code: number | null }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'start.js'), ...args], {
      env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no URL within 20 s; output so far:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/NetLab is running at http:\/\/127\.0\.0\.1:\d+\//.test(output)) child.kill('SIGINT');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ output, code });
    });
  });
}

describe('npm start without Electron', () => {
  it('says why in one line, serves browser mode and stops cleanly on Ctrl+C', async () => {
    // A project folder with our launcher and build but no node_modules/electron.
    const root = join(temp, 'project');
    mkdirSync(join(root, 'bin'), { recursive: true });
    copyFileSync(join(repoRoot, 'bin', 'start.js'), join(root, 'bin', 'start.js'));
    symlinkSync(join(repoRoot, 'out'), join(root, 'out'), 'dir');
    const dataDir = join(temp, 'data');
    const { output, code } = await runStartUntilUrl(root, ['--no-open', '--data-dir', dataDir]);
    const lines = output.trim().split('\n');
    expect(lines[0]).toBe(
      'Electron is not installed (it is optional and npm could not download it); starting browser mode instead.',
    );
    expect(lines[1]).toMatch(/^NetLab is running at http:\/\/127\.0\.0\.1:\d+\/#token=/);
    expect(code).toBe(0);
  });

  it('goes straight to browser mode with --browser', async () => {
    const { output, code } = await runStartUntilUrl(repoRoot, [
      '--browser',
      '--no-open',
      '--data-dir',
      join(temp, 'd2'),
    ]);
    expect(output.split('\n')[0]).toBe('Starting browser mode (--browser).');
    expect(output).toMatch(/NetLab is running at http:\/\/127\.0\.0\.1:\d+\//);
    expect(code).toBe(0);
  });
});
