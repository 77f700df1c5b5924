/**
 * The WebSocket frame parser sees the stream in arbitrary chunks (TCP decides where they break):
 * whatever the cut, it must report the same messages, joining fragments and unmasking previews.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WebSocketFrameParser, type ParsedWsMessage } from './websocket-frame-parser';

function frame(opcode: number, payload: Buffer, options: { fin?: boolean; mask?: Buffer } = {}): Buffer {
  const fin = options.fin ?? true;
  const len = payload.length;
  const header: number[] = [(fin ? 0x80 : 0) | opcode];
  const maskBit = options.mask ? 0x80 : 0;
  if (len < 126) header.push(maskBit | len);
  else if (len < 65536) header.push(maskBit | 126, len >> 8, len & 0xff);
  else {
    header.push(maskBit | 127, 0, 0, 0, 0);
    header.push((len >>> 24) & 0xff, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff);
  }
  let body = payload;
  if (options.mask) {
    const mask = options.mask;
    header.push(...mask);
    body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]));
  }
  return Buffer.concat([Buffer.from(header), body]);
}

function parseInChunks(stream: Buffer, cuts: number[], previewLimit = 64): ParsedWsMessage[] {
  const out: ParsedWsMessage[] = [];
  const parser = new WebSocketFrameParser(previewLimit, (m) => out.push(m));
  let start = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (cut <= start || cut >= stream.length) continue;
    parser.push(stream.subarray(start, cut));
    start = cut;
  }
  parser.push(stream.subarray(start));
  return out;
}

describe('WebSocketFrameParser', () => {
  it('joins a fragmented masked text message around an interleaved ping', () => {
    const mask = Buffer.from([1, 2, 3, 4]);
    const stream = Buffer.concat([
      frame(1, Buffer.from('hello '), { fin: false, mask }),
      frame(9, Buffer.from('p'), { mask }),
      frame(0, Buffer.from('world'), { mask }),
      frame(8, Buffer.from([0x03, 0xe8, 0x62, 0x79, 0x65]), { mask }),
    ]);
    const messages = parseInChunks(stream, []);
    expect(messages.map((m) => [m.opcode, m.size, m.preview.toString('latin1')])).toEqual([
      ['ping', 1, 'p'],
      ['text', 11, 'hello world'],
      ['close', 5, '\u0003\u00e8bye'],
    ]);
    expect(messages[2].closeCode).toBe(1000);
  });

  it('counts a 70 000-byte binary message fully but keeps only the preview', () => {
    const payload = Buffer.alloc(70_000, 7);
    const [m] = parseInChunks(frame(2, payload), [3, 9, 500, 65_000]);
    expect(m).toMatchObject({ opcode: 'binary', size: 70_000, previewTruncated: true });
    expect(m.preview.length).toBe(64);
  });

  it('reports the same messages however the stream is cut', () => {
    const message = fc.record({
      opcode: fc.constantFrom(1, 2),
      payload: fc.uint8Array({ maxLength: 300 }),
      masked: fc.boolean(),
      fragments: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(4000), { maxLength: 12 }),
        (msgs, cuts) => {
          const frames: Buffer[] = [];
          for (const m of msgs) {
            const payload = Buffer.from(m.payload);
            const mask = m.masked ? Buffer.from([9, 8, 7, 6]) : undefined;
            const size = Math.ceil(payload.length / m.fragments) || 1;
            const parts: Buffer[] = [];
            for (let i = 0; i < m.fragments; i++) parts.push(payload.subarray(i * size, (i + 1) * size));
            parts.forEach((part, i) =>
              frames.push(frame(i === 0 ? m.opcode : 0, part, { fin: i === parts.length - 1, mask })),
            );
          }
          const stream = Buffer.concat(frames);
          const whole = parseInChunks(stream, []);
          const cut = parseInChunks(stream, cuts);
          expect(cut).toEqual(whole);
          expect(whole.map((w) => w.size)).toEqual(msgs.map((m) => m.payload.length));
          whole.forEach((w, i) => expect(w.preview).toEqual(Buffer.from(msgs[i].payload).subarray(0, 64)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
