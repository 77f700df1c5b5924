import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaptureFile } from './read-capture';
import { epochText, hexOf, tsharkFrames } from './tshark-oracle.test-support';

const CAPTURES = '/work/shared/captures';
const files = readdirSync(CAPTURES).filter((name) => name.endsWith('.pcapng'));

describe('reading the shared sample captures gives what tshark reads', () => {
  it('finds the sample captures', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  for (const name of files) {
    it(name, async () => {
      const path = join(CAPTURES, name);
      const result = await readCaptureFile(path);
      const oracle = tsharkFrames(path);
      expect(result.error).toBeNull();
      expect(result.format).toBe('pcapng');
      expect(result.frames.length).toBe(oracle.length);
      result.frames.forEach((frame, i) => {
        const expected = oracle[i];
        expect({
          epoch: epochText(frame.timestampNs),
          length: frame.originalLength,
          capturedLength: frame.data.length,
          interfaceId: frame.interfaceId,
          hex: hexOf(frame.data),
        }).toEqual({
          epoch: expected.epoch,
          length: expected.length,
          capturedLength: expected.capturedLength,
          interfaceId: expected.interfaceId,
          hex: expected.hex,
        });
      });
    });
  }
});
