import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeFrameBatch,
  encodeJsonMessage,
  FrameBatchBuilder,
  MessageKind,
  MessageReader,
  type DecodedMessage,
} from './protocol';

const frameArb = fc.record({
  timestampNs: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  data: fc.uint8Array({ minLength: 0, maxLength: 300 }),
  extra: fc.nat({ max: 2000 }),
});

function buildStream(groups: { timestampNs: bigint; data: Uint8Array; extra: number }[][], capacity: number) {
  const messages: Buffer[] = [];
  const builder = new FrameBatchBuilder(capacity, 1);
  for (const group of groups) {
    messages.push(
      encodeJsonMessage({
        type: 'stats',
        counters: {
          packets: group.length,
          bytes: 0,
          droppedByAgent: 0,
          droppedByKernel: null,
          droppedByInterface: null,
          truncatedByBinding: 0,
          batches: 0,
        },
      }),
    );
    for (const f of group) {
      const source = Buffer.from(f.data);
      if (!builder.add(f.timestampNs, f.data.length + f.extra, source, source.length)) {
        messages.push(builder.takeMessage()!);
        expect(builder.add(f.timestampNs, f.data.length + f.extra, source, source.length)).toBe(true);
      }
    }
    const last = builder.takeMessage();
    if (last) messages.push(last);
  }
  return Buffer.concat(messages);
}

describe('agent protocol under random chunking', () => {
  it('every frame and message comes out whole and in order, however the pipe cuts the bytes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(frameArb, { maxLength: 20 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 400, max: 4096 }),
        (groups, cuts, capacity) => {
          const stream = buildStream(groups, capacity);
          const reader = new MessageReader();
          const decoded: DecodedMessage[] = [];
          let offset = 0;
          for (let i = 0; offset < stream.length; i++) {
            const size = cuts[i % cuts.length];
            decoded.push(...reader.push(stream.subarray(offset, offset + size)));
            offset += size;
          }
          const frames = decoded
            .filter((m) => m.kind === MessageKind.FRAME_BATCH)
            .flatMap((m) => (m.kind === MessageKind.FRAME_BATCH ? decodeFrameBatch(m.payload).frames : []));
          const expected = groups.flat();
          expect(frames.map((f) => f.timestampNs)).toEqual(expected.map((f) => f.timestampNs));
          expect(frames.map((f) => f.originalLength)).toEqual(expected.map((f) => f.data.length + f.extra));
          expect(frames.map((f) => Buffer.from(f.data).toString('hex'))).toEqual(
            expected.map((f) => Buffer.from(f.data).toString('hex')),
          );
          const stats = decoded.filter((m) => m.kind === MessageKind.JSON);
          expect(stats).toHaveLength(groups.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a corrupt length is a protocol error, not a wait for gigabytes', () => {
    const reader = new MessageReader();
    const bad = Buffer.alloc(8);
    bad.writeUInt32LE(0xffffffff, 0);
    expect(() => reader.push(bad)).toThrow(/protocol error/);
  });

  it('a frame larger than the batch capacity still travels, alone in its batch', () => {
    const builder = new FrameBatchBuilder(100, 1);
    const big = Buffer.alloc(5000, 7);
    expect(builder.add(1n, 5000, big, 5000)).toBe(true);
    expect(builder.add(2n, 3, Buffer.from([1, 2, 3]), 3)).toBe(false);
    const message = builder.takeMessage()!;
    const [decoded] = new MessageReader().push(message);
    expect(decoded.kind).toBe(MessageKind.FRAME_BATCH);
    if (decoded.kind !== MessageKind.FRAME_BATCH) return;
    const batch = decodeFrameBatch(decoded.payload);
    expect(batch.linkType).toBe(1);
    expect(batch.frames).toHaveLength(1);
    expect(batch.frames[0].data.equals(big)).toBe(true);
  });
});
