#!/usr/bin/env node
/**
 * Gives TypeScript the real Electron API types on machines where the `electron` package could not
 * be installed (its postinstall downloads a binary; without internet npm drops the optional
 * dependency). The types ship in the npm tarball itself, which the npm registry serves, so we fetch
 * that tarball for the exact locked version and keep only electron.d.ts under
 * node_modules/.netlab-types/electron, where tsconfig.json `paths` falls back to.
 *
 * Never fails the install: if anything goes wrong it prints one line and exits 0; `tsc` will then
 * say that 'electron' cannot be found, which names the real problem.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const targetDir = join(root, 'node_modules', '.netlab-types', 'electron');

/** The exact version npm locked, else the range's first version from package.json. */
export function electronVersion(projectRoot = root) {
  try {
    const lock = JSON.parse(readFileSync(join(projectRoot, 'package-lock.json'), 'utf8'));
    const locked = lock.packages?.['node_modules/electron']?.version;
    if (typeof locked === 'string') return locked;
  } catch {
    // no lock file: fall back to package.json
  }
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
  const range =
    pkg.optionalDependencies?.electron ?? pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
  const match = /\d+\.\d+\.\d+/.exec(range ?? '');
  return match ? match[0] : null;
}

/**
 * Returns the contents of one file from a .tgz (npm tarballs are plain ustar; we read the
 * name and prefix fields and skip pax/long-name records, which npm does not need for short paths).
 */
export function readFileFromTgz(tgz, wantedPath) {
  const tar = gunzipSync(tgz);
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start, length) => header.toString('utf8', start, start + length).replace(/\0.*$/s, '');
    const name = field(0, 100);
    const prefix = field(345, 155);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const fullName = prefix ? `${prefix}/${name}` : name;
    const dataStart = offset + 512;
    if ((type === '0' || type === '\0') && fullName === wantedPath) {
      return tar.subarray(dataStart, dataStart + size);
    }
    offset = dataStart + Math.ceil(size / 512) * 512;
  }
  return null;
}

function npmCommand() {
  // Inside `npm install` lifecycle scripts npm tells us where it lives; that also works on Windows.
  const execPath = process.env.npm_execpath;
  if (execPath && /\.(c|m)?js$/.test(execPath)) return { cmd: process.execPath, prefix: [execPath] };
  return { cmd: process.platform === 'win32' ? 'npm.cmd' : 'npm', prefix: [] };
}

function main() {
  if (existsSync(join(root, 'node_modules', 'electron', 'electron.d.ts'))) return;
  const version = electronVersion();
  if (!version) {
    console.log('electron-types: no electron version in package.json; skipping Electron types.');
    return;
  }
  const stampPath = join(targetDir, 'package.json');
  if (existsSync(stampPath)) {
    try {
      if (JSON.parse(readFileSync(stampPath, 'utf8')).version === version) return;
    } catch {
      // damaged stamp: fetch again
    }
  }
  const temp = mkdtempSync(join(tmpdir(), 'netlab-electron-types-'));
  try {
    const npm = npmCommand();
    const packed = spawnSync(
      npm.cmd,
      [...npm.prefix, 'pack', `electron@${version}`, '--pack-destination', temp, '--loglevel', 'error'],
      { cwd: temp, encoding: 'utf8', timeout: 120_000, shell: npm.cmd.endsWith('.cmd') },
    );
    const tarball = readdirSync(temp).find((f) => f.endsWith('.tgz'));
    if (packed.status !== 0 || !tarball) {
      const why = (packed.error?.message ?? packed.stderr ?? '').trim().split('\n')[0] || 'no tarball';
      console.log(
        `electron-types: could not fetch electron@${version} from the npm registry (${why}); skipping.`,
      );
      return;
    }
    const dts = readFileFromTgz(readFileSync(join(temp, tarball)), 'package/electron.d.ts');
    if (!dts) {
      console.log(`electron-types: electron@${version} tarball has no electron.d.ts; skipping.`);
      return;
    }
    mkdirSync(targetDir, { recursive: true });
    writeFileSync(join(targetDir, 'index.d.ts'), dts);
    writeFileSync(
      stampPath,
      JSON.stringify({ name: 'electron', version, types: 'index.d.ts', private: true }, null, 2) + '\n',
    );
    console.log(`electron-types: installed Electron ${version} API types (binary not installed).`);
  } catch (error) {
    console.log(`electron-types: skipped (${error instanceof Error ? error.message : String(error)}).`);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
