/**
 * A file several times the chunk size, streamed with the default 8 MiB chunks (records straddle
 * chunk boundaries), gives exactly what reading it whole in memory gives.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawFrame } from '../../../shared/model/packet';
import { scanCaptureBytes, scanCaptureFile } from './read-capture';
import type { PacketVisitor } from './types';
import { PcapngFileWriter } from './write-pcapng';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'netlab-large-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Order-sensitive digest of every packet's time, lengths, interface and bytes. */
function digestVisitor(): { visit: PacketVisitor; digest: () => number } {
  let h = 0;
  const mix = (v: number): void => {
    h = (Math.imul(h ^ v, 0x01000193) + 0x9e3779b9) | 0;
  };
  return {
    visit: (bytes, offset, captured, original, seconds, nanoseconds, interfaceId) => {
      mix(seconds);
      mix(nanoseconds);
      mix(captured);
      mix(original);
      mix(interfaceId);
      for (let i = offset; i < offset + captured; i += 7) mix(bytes[i]);
    },
    digest: () => h,
  };
}

describe('streaming a large file', () => {
  it('gives the same packets as reading it whole, with progress up to the last byte', async () => {
    const path = join(dir, 'large.pcapng');
    const writer = await PcapngFileWriter.create(path, {
      interfaces: [
        { linkType: 1, snapLength: 0, name: 'lo' },
        { linkType: 276, snapLength: 0, name: 'any' },
      ],
    });
    const frames: RawFrame[] = [];
    for (let i = 0; i < 30_000; i++) {
      // Odd sizes up to ~1.5 kB so records land across every chunk boundary.
      const data = new Uint8Array(60 + ((i * 7919) % 1441)).fill(i & 0xff);
      frames.push({
        timestampNs: 1_700_000_000_000_000_000n + BigInt(i) * 1_234_567n,
        originalLength: data.length,
        data,
        interfaceId: i % 2,
      });
    }
    await writer.writeFrames(frames);
    await writer.close();
    const bytes = readFileSync(path);
    expect(bytes.length).toBeGreaterThan(2.5 * 8 * 1024 * 1024);

    const whole = digestVisitor();
    const inMemory = scanCaptureBytes(bytes, whole.visit);
    const streamed = digestVisitor();
    const progress: number[] = [];
    const fromFile = await scanCaptureFile(path, streamed.visit, {
      onProgress: (p) => progress.push(p.bytesRead),
    });

    expect(fromFile.error).toBeNull();
    expect(fromFile.packetCount).toBe(30_000);
    expect(inMemory.packetCount).toBe(30_000);
    expect(streamed.digest()).toBe(whole.digest());
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toBe(bytes.length);
    expect(fromFile.bytesRead).toBe(bytes.length);
  });
});
