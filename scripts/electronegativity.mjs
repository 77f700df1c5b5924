#!/usr/bin/env node
/**
 * `npm run security:electron`: Electronegativity (Doyensec's Electron security linter) over src/.
 * Fails on any HIGH finding unless the flagged line has a comment
 * `electronegativity-justified: <reason>` within the 3 lines above it, so every exception is
 * explained next to the code. Also fails when a file could not be parsed (it was then never
 * checked) and on Electronegativity's own `eng-disable` comments, which would hide findings silently.
 *
 * The tool pins old tooling (eslint 7, TypeScript 4.2), so it lives in tools/electronegativity with
 * its own lock file and is installed there on first use.
 *
 * Usage: node scripts/electronegativity.mjs [--input DIR]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronVersion } from './electron-types.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const toolDir = join(root, 'tools', 'electronegativity');
const JUSTIFICATION = /electronegativity-justified:\s*\S/;
const SOURCE_FILE = /\.(ts|tsx|js|mjs|cjs|jsx|html)$/;

function parseArgs(argv) {
  const at = argv.indexOf('--input');
  return { input: resolve(at >= 0 && argv[at + 1] ? argv[at + 1] : join(root, 'src')) };
}

function ensureInstalled() {
  if (existsSync(join(toolDir, 'node_modules', '@doyensec', 'electronegativity', 'package.json'))) return;
  console.log('Installing Electronegativity into tools/electronegativity (first run)...');
  const isWindows = process.platform === 'win32';
  const result = spawnSync(
    isWindows ? 'npm.cmd' : 'npm',
    ['ci', '--prefix', toolDir, '--no-audit', '--no-fund', '--loglevel', 'error'],
    { cwd: root, stdio: 'inherit', shell: isWindows },
  );
  if (result.status !== 0) {
    console.error('Could not install Electronegativity: check access to the npm registry, then run again.');
    process.exit(1);
  }
}

/** True when a justification comment sits on one of the 3 lines above `line` (1-based). */
export function isJustified(sourceLines, line) {
  for (let i = Math.max(0, line - 4); i < line - 1 && i < sourceLines.length; i++) {
    if (JUSTIFICATION.test(sourceLines[i])) return true;
  }
  return false;
}

function sourceFiles(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (SOURCE_FILE.test(name)) files.push(path);
  }
  return files;
}

function runTool(input, version) {
  const temp = mkdtempSync(join(tmpdir(), 'netlab-electronegativity-'));
  const outFile = join(temp, 'result.json');
  try {
    const result = spawnSync(process.execPath, [join(toolDir, 'run.cjs'), input, version, outFile], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (result.status !== 0 || !existsSync(outFile)) {
      console.error(
        `Electronegativity failed to run:\n${result.stderr || result.error?.message || 'no output'}`,
      );
      process.exit(1);
    }
    return JSON.parse(readFileSync(outFile, 'utf8'));
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function printTable(rows) {
  const headers = ['status', 'severity', 'check', 'where', 'what'];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const format = (cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(format(headers));
  console.log(format(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(format(row));
}

function main() {
  const { input } = parseArgs(process.argv.slice(2));
  ensureInstalled();
  const version = electronVersion(root) ?? '45.0.0';
  const report = runTool(input, version);

  const linesCache = new Map();
  const linesOf = (file) => {
    if (!linesCache.has(file)) linesCache.set(file, readFileSync(join(input, file), 'utf8').split('\n'));
    return linesCache.get(file);
  };

  let failures = 0;
  const rows = [];
  for (const f of report.findings) {
    const inSource = f.file && f.file !== 'N/A' && existsSync(join(input, f.file));
    const justified = inSource && isJustified(linesOf(f.file), f.line);
    let status = 'note';
    if (f.severity === 'HIGH') {
      status = justified ? 'justified' : 'FAIL';
      if (!justified) failures++;
    } else if (justified) {
      status = 'justified';
    }
    const where = inSource ? `${f.file}:${f.line}` : 'whole app';
    rows.push([status, f.severity, f.id, where, f.description.replace(/\s+/g, ' ').slice(0, 110)]);
  }
  for (const e of report.errors) {
    failures++;
    rows.push(['FAIL', 'PARSE', 'could not parse', relative(input, e.file), e.message.slice(0, 110)]);
  }
  for (const file of sourceFiles(input)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        if (!/\beng-disable\b/.test(text)) return;
        failures++;
        const where = `${relative(input, file)}:${i + 1}`;
        rows.push([
          'FAIL',
          'HIDDEN',
          'eng-disable',
          where,
          'use `electronegativity-justified: <reason>` instead',
        ]);
      });
  }

  console.log(
    `Electronegativity over ${relative(root, input) || '.'} (Electron ${version}, ` +
      `${report.globalChecks + report.atomicChecks} checks):`,
  );
  if (rows.length > 0) printTable(rows);
  else console.log('no findings');
  if (failures > 0) {
    console.error(
      `\n${failures} problem(s) must be fixed. If a HIGH finding is a false positive, add ` +
        '`// electronegativity-justified: <why>` within the 3 lines above the flagged line.',
    );
    process.exit(1);
  }
  console.log('\nNo unjustified HIGH findings.');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
