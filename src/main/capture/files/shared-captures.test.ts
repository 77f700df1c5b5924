/**
 * Every shared sample capture reads exactly as tshark reads it: frame count, nanosecond timestamps,
 * lengths and bytes. tshark reads all of them in one run (mergecap appends them into one file, which
 * keeps every frame as it was), so this stays fast.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCaptureFile, type CaptureReadResult } from './read-capture';
import { epochText, framesSideBySide, hexOf, type ComparableFrame } from './tshark-oracle.test-support';

const CAPTURES = '/work/shared/captures';
const files = readdirSync(CAPTURES)
  .filter((name) => name.endsWith('.pcapng'))
  .sort();

let dir = '';
const ours = new Map<string, CaptureReadResult>();
const theirs = new Map<string, ComparableFrame[]>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netlab-samples-'));
  const merged = join(dir, 'all.pcapng');
  execFileSync('mergecap', ['-a', '-w', merged, ...files.map((name) => join(CAPTURES, name))]);
  const results = await Promise.all(files.map((name) => readCaptureFile(join(CAPTURES, name))));
  const all = framesSideBySide(
    merged,
    results.flatMap((r) => r.frames),
  );
  let at = 0;
  files.forEach((name, i) => {
    ours.set(name, results[i]);
    theirs.set(name, all.theirs.slice(at, at + results[i].frames.length));
    at += results[i].frames.length;
  });
  expect(all.theirs.length).toBe(at);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading the shared sample captures gives what tshark reads', () => {
  it('finds the sample captures', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  for (const name of files) {
    it(name, () => {
      const result = ours.get(name);
      expect(result?.error).toBeNull();
      expect(result?.format).toBe('pcapng');
      const expected = theirs.get(name) ?? [];
      const actual = (result?.frames ?? []).map((f) => ({
        epoch: epochText(f.timestampNs),
        length: f.originalLength,
        capturedLength: f.data.length,
        hex: hexOf(f.data),
      }));
      // mergecap renumbers interfaces across files, so interface ids are not compared here.
      expect(actual).toEqual(expected.map(({ interfaceId: _, ...rest }) => rest));
    });
  }
});
