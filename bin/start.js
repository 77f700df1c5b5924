#!/usr/bin/env node
// `npm start [-- --browser] [args...]`: the desktop app when Electron can run here, browser mode
// otherwise. Electron is an optional dependency (its binary comes from the internet, which some
// machines lack), so "no Electron" is a normal situation: say why in one line and serve the same UI
// to the default browser instead.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS launcher, it runs before any build */
const { spawn, spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { constants } = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
/** An Electron that dies this soon with an error never showed a usable window. */
const STARTUP_GRACE_MS = 2000;

/**
 * Finds a runnable Electron binary for the project in `root`, or says in one sentence why there is
 * none. Uses the electron package's own index.js (it knows the platform's binary name and honours
 * ELECTRON_OVERRIDE_DIST_PATH) and then checks the file is really there.
 */
function findElectron(root, env = process.env, platform = process.platform) {
  let packageDir;
  try {
    packageDir = join(require.resolve('electron/package.json', { paths: [root] }), '..');
  } catch {
    return { ok: false, reason: 'Electron is not installed (it is optional and npm could not download it)' };
  }
  let binary;
  try {
    binary = require(packageDir);
  } catch {
    return { ok: false, reason: 'Electron binary not installed (npm could not download it)' };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) {
    return { ok: false, reason: 'Electron binary not installed (npm could not download it)' };
  }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'no graphical display here (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  return { ok: true, binary };
}

/** Splits our own `--browser` switch from the arguments passed on to the app. */
function parseStartArgs(argv) {
  const rest = argv.filter((arg) => arg !== '--browser');
  return { browser: rest.length !== argv.length, rest };
}

/**
 * Whether an Electron exit means "could not start here" (fall back to the browser) rather than
 * "the user quit": an error exit or a crash signal soon after launch, when we did not ask it to stop.
 */
function isStartupFailure(code, signal, elapsedMs, stopRequested) {
  if (stopRequested) return false;
  const failed = (code !== null && code !== 0) || (signal !== null && signal !== undefined);
  return failed && elapsedMs < STARTUP_GRACE_MS;
}

function exitCodeOf(code, signal) {
  if (code !== null && code !== undefined) return code;
  return 128 + (constants.signals[signal] ?? 1);
}

function ensureBuilt(root, file) {
  if (existsSync(join(root, file))) return true;
  console.log('NetLab is not built yet; building it now (npx electron-vite build).');
  const isWindows = process.platform === 'win32';
  const result = spawnSync(isWindows ? 'npx.cmd' : 'npx', ['electron-vite', 'build'], {
    cwd: root,
    stdio: 'inherit',
    shell: isWindows,
  });
  if (result.status === 0 && existsSync(join(root, file))) return true;
  console.error('The build failed; fix the errors above, or run `npm run build` to see them again.');
  return false;
}

/**
 * Runs a child with our terminal, forwards SIGINT/SIGTERM to it and reports how it ended. On POSIX
 * the child gets its own process group so Ctrl+C reaches it once (from us), not twice.
 */
function runChild(command, args, root) {
  return new Promise((resolve) => {
    const started = Date.now();
    let stopRequested = false;
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      detached: process.platform !== 'win32',
    });
    const forward = (signal) => {
      stopRequested = true;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const done = (result) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve({ ...result, elapsedMs: Date.now() - started, stopRequested });
    };
    child.once('error', (error) => done({ error, code: null, signal: null }));
    child.once('exit', (code, signal) => done({ error: null, code, signal }));
  });
}

async function runBrowserMode(root, args) {
  if (!ensureBuilt(root, join('out', 'main', 'cli.js'))) return 1;
  const result = await runChild(
    process.execPath,
    [join(root, 'out', 'main', 'cli.js'), 'serve', ...args],
    root,
  );
  if (result.error) {
    console.error(`Could not start browser mode: ${result.error.message}`);
    return 1;
  }
  return exitCodeOf(result.code, result.signal);
}

async function main(argv) {
  const { browser, rest } = parseStartArgs(argv);
  if (browser) {
    console.log('Starting browser mode (--browser).');
    return runBrowserMode(ROOT, rest);
  }
  const electron = findElectron(ROOT);
  if (!electron.ok) {
    console.log(`${electron.reason}; starting browser mode instead.`);
    return runBrowserMode(ROOT, rest);
  }
  if (!ensureBuilt(ROOT, join('out', 'main', 'index.js'))) return 1;
  // The project folder as the app path: Electron reads package.json (name, version, main ->
  // out/main/index.js) from it, as a packaged app would.
  const result = await runChild(electron.binary, [ROOT, ...rest], ROOT);
  if (result.error) {
    console.log(`Electron failed to start (${result.error.message}); starting browser mode instead.`);
    return runBrowserMode(ROOT, rest);
  }
  if (isStartupFailure(result.code, result.signal, result.elapsedMs, result.stopRequested)) {
    const how = result.code !== null ? `exited with code ${result.code}` : `was killed by ${result.signal}`;
    console.log(`Electron ${how} right after launch; starting browser mode instead.`);
    return runBrowserMode(ROOT, rest);
  }
  return exitCodeOf(result.code, result.signal);
}

module.exports = { findElectron, parseStartArgs, isStartupFailure, exitCodeOf, STARTUP_GRACE_MS };

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
