/**
 * Property-based fuzzing of the readers: random bytes, real files cut or with bytes inserted or
 * overwritten, and random chunk sizes. Nothing may throw or hang, the packets before the damage
 * must come out unchanged, and the result must not depend on how the input was chunked.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCaptureBytes, scanCaptureBytes } from './read-capture';
import { concat, dsb, epb, idb, nrb, packetBlock, pcapFile, shb, spb } from './pcapng-builder.test-support';
import type { CaptureReadResult } from './read-capture';

const pcapngSample = new Uint8Array(readFileSync('/work/shared/captures/http_ip4and6.pcapng'));
const pcapSample = pcapFile(
  'be',
  true,
  1,
  65535,
  readCaptureBytes(pcapngSample).frames.map((f) => ({
    seconds: Number(f.timestampNs / 1_000_000_000n),
    fraction: Number(f.timestampNs % 1_000_000_000n),
    data: f.data,
  })),
);

const data = (n: number): Uint8Array => Uint8Array.from({ length: 20 + n }, (_, i) => i * n);
/** Every kind of block NetLab reads, in two sections of opposite byte order. */
const richSample = concat(
  shb('le', [[1, 'section one']]),
  idb('le', 1, 48, [
    [2, 'eth0'],
    [9, Uint8Array.of(9)],
  ]),
  nrb('le', [{ ip: [10, 0, 0, 1], names: ['a.test'] }]),
  epb('le', 0, 1_700_000_000_000_000_001n, data(1), [[1, 'first']]),
  dsb('le', 0x544c534b, new TextEncoder().encode('CLIENT_RANDOM 1 2\n')),
  spb('le', 70, data(28).subarray(0, 48)),
  shb('be'),
  idb('be', 228, 0, [[9, Uint8Array.of(0x80 | 10)]]),
  packetBlock('be', 0, 123_456_789n, data(3)),
  epb('be', 0, 987_654_321n, data(4)),
);

/** Block (or record) end offsets of a well-formed file, walked independently of the reader. */
function recordEnds(file: Uint8Array): {
  ends: number[];
  packetEnds: number[];
  littleEndianAt: Map<number, boolean>;
} {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const ends: number[] = [];
  const packetEnds: number[] = [];
  /** Byte order of the block starting at each offset. */
  const littleEndianAt = new Map<number, boolean>();
  if (view.getUint32(0) === 0x0a0d0d0a) {
    let le = true;
    for (let pos = 0; pos < file.length;) {
      if (view.getUint32(pos) === 0x0a0d0d0a) le = view.getUint32(pos + 8, true) === 0x1a2b3c4d;
      littleEndianAt.set(pos, le);
      const type = view.getUint32(pos, le);
      pos += view.getUint32(pos + 4, le);
      ends.push(pos);
      if (type === 2 || type === 3 || type === 6) packetEnds.push(pos);
    }
  } else {
    ends.push(24);
    for (let pos = 24; pos < file.length;) {
      pos += 16 + view.getUint32(pos + 8, false);
      ends.push(pos);
      packetEnds.push(pos);
    }
  }
  return { ends, packetEnds, littleEndianAt };
}

function comparable(result: CaptureReadResult): unknown {
  const { frames, interfaces, ...rest } = result;
  return {
    ...rest,
    interfaces,
    frames: frames.map((f) => [
      f.timestampNs,
      f.originalLength,
      f.interfaceId,
      Buffer.from(f.data).toString('hex'),
    ]),
  };
}

const samples = fc.constantFrom(pcapngSample, pcapSample, richSample);

describe('fuzzed input never breaks the reader', () => {
  it('the rich sample reads whole', () => {
    const result = readCaptureBytes(richSample);
    expect(result.error).toBeNull();
    expect(result.frames).toHaveLength(4);
    expect(result.notes).toEqual([]);
  });

  it('random bytes, with or without a valid magic in front', () => {
    const magics = [[], [0x0a, 0x0d, 0x0d, 0x0a], [0xd4, 0xc3, 0xb2, 0xa1], [0x4d, 0x3c, 0xb2, 0xa1]];
    fc.assert(
      fc.property(
        fc.constantFrom(...magics),
        fc.uint8Array({ maxLength: 3000 }),
        fc.integer({ min: 1, max: 600 }),
        (magic, tail, chunkSize) => {
          const bytes = Uint8Array.from([...magic, ...tail]);
          let visits = 0;
          const result = scanCaptureBytes(bytes, (b, offset, captured) => {
            visits++;
            expect(offset + captured).toBeLessThanOrEqual(b.length);
          });
          expect(result.packetCount).toBe(visits);
          expect(result.bytesRead).toBeLessThanOrEqual(bytes.length);
          if (result.error === null) expect(result.bytesRead).toBe(bytes.length);
          expect(comparable(readCaptureBytes(bytes, { chunkSize }))).toEqual(
            comparable(readCaptureBytes(bytes)),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a file cut anywhere keeps exactly the packets whose records end before the cut', () => {
    fc.assert(
      fc.property(samples, fc.nat(), (file, at) => {
        const cut = at % (file.length + 1);
        const full = readCaptureBytes(file).frames;
        const { ends, packetEnds } = recordEnds(file);
        const result = readCaptureBytes(file.subarray(0, cut));
        const kept = packetEnds.filter((end) => end <= cut).length;
        expect(result.frames.map((f) => f.timestampNs)).toEqual(
          full.slice(0, kept).map((f) => f.timestampNs),
        );
        if (cut > 0 && ends.includes(cut)) {
          expect(result.error).toBeNull();
        } else {
          expect(result.error).not.toBeNull();
          expect(result.error?.offset).toBe(result.bytesRead);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('inserted bytes leave the packets before them untouched', () => {
    fc.assert(
      fc.property(samples, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 64 }), (file, at, junk) => {
        const pos = at % (file.length + 1);
        const mutated = Uint8Array.from([...file.subarray(0, pos), ...junk, ...file.subarray(pos)]);
        const full = readCaptureBytes(file).frames;
        const kept = recordEnds(file).packetEnds.filter((end) => end <= pos).length;
        const result = readCaptureBytes(mutated);
        expect(result.frames.length).toBeGreaterThanOrEqual(kept);
        const hex = (frames: typeof full): string[] => frames.map((f) => Buffer.from(f.data).toString('hex'));
        expect(hex(result.frames.slice(0, kept))).toEqual(hex(full.slice(0, kept)));
      }),
      { numRuns: 300 },
    );
  });

  it('the result does not depend on the chunk size, even for damaged files', () => {
    fc.assert(
      fc.property(
        samples,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.integer({ min: 1, max: 5000 }),
        (file, edits, chunkSize) => {
          const mutated = Uint8Array.from(file);
          for (const [at, value] of edits) mutated[at % mutated.length] = value;
          expect(comparable(readCaptureBytes(mutated, { chunkSize }))).toEqual(
            comparable(readCaptureBytes(mutated)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('huge length fields never make huge buffers', () => {
    fc.assert(
      fc.property(samples, fc.nat(), fc.integer({ min: 0x01000000, max: 0xffffffff }), (file, at, length) => {
        const mutated = Uint8Array.from(file);
        const { ends, littleEndianAt } = recordEnds(file);
        const blockStart = ends[at % (ends.length - 1)];
        // Overwrite the length field of a record: pcapng total length, or pcap captured length.
        const pcapng = file[0] === 0x0a;
        const field = pcapng ? blockStart + 4 : blockStart + 8;
        new DataView(mutated.buffer).setUint32(field, length, littleEndianAt.get(blockStart) ?? false);
        const before = process.memoryUsage().arrayBuffers;
        const result = readCaptureBytes(mutated, { chunkSize: 1024 });
        expect(result.error?.offset).toBe(blockStart);
        expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * 1024 * 1024);
      }),
      { numRuns: 200 },
    );
  });
});
