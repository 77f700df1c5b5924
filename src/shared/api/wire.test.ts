import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWireFrame, encodeWireMessage, WireFormatError, type WireMessage } from './wire';

/** Builds an object with own keys, including "__proto__", the way JSON.parse would. */
function objectFrom(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('$bin', '$esc', '__proto__', 't'));
const { value: payload } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 64 }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }).map(objectFrom),
  ),
}));

function roundTrip(message: WireMessage): WireMessage {
  const frame = encodeWireMessage(message);
  return decodeWireFrame(typeof frame === 'string' ? frame : frame.slice());
}

describe('wire format', () => {
  it('sends a message without bytes as one JSON text frame', () => {
    const frame = encodeWireMessage({ t: 'req', id: 1, method: 'app.ping', input: { echo: 'hi' } });
    expect(typeof frame).toBe('string');
    expect(JSON.parse(frame as string)).toEqual({
      t: 'req',
      id: 1,
      method: 'app.ping',
      input: { echo: 'hi' },
    });
  });

  it('sends packet bytes nested deep in an event batch as one binary frame without base64', () => {
    const bytes = new Uint8Array([0xde, 0xad, 0xbe, 0xef]);
    const message: WireMessage = { t: 'evt', topic: 'capture.packets', items: [{ frame: { data: bytes } }] };
    const frame = encodeWireMessage(message);
    expect(frame).toBeInstanceOf(Uint8Array);
    const raw = frame as Uint8Array;
    const jsonLength = new DataView(raw.buffer).getUint32(0);
    expect(new TextDecoder().decode(raw.subarray(4, 4 + jsonLength))).toContain('{"$bin":0}');
    expect(Array.from(raw.subarray(raw.length - 4))).toEqual([0xde, 0xad, 0xbe, 0xef]);
    const decoded = decodeWireFrame(raw) as typeof message;
    expect(decoded.items[0]).toEqual({ frame: { data: bytes } });
    expect((decoded.items[0] as { frame: { data: unknown } }).frame.data).toBeInstanceOf(Uint8Array);
  });

  it('keeps a Node Buffer and an empty array of bytes apart and intact', () => {
    const message: WireMessage = {
      t: 'res',
      id: 7,
      ok: true,
      result: {
        a: Buffer.from('abc'),
        b: new Uint8Array(0),
        c: [new Uint8Array([1]), new Uint8Array([2, 3])],
      },
    };
    const decoded = roundTrip(message) as { result: { a: Uint8Array; b: Uint8Array; c: Uint8Array[] } };
    expect(Array.from(decoded.result.a)).toEqual([97, 98, 99]);
    expect(decoded.result.b.byteLength).toBe(0);
    expect(decoded.result.c.map((x) => Array.from(x))).toEqual([[1], [2, 3]]);
  });

  it('never mistakes user data that looks like a placeholder for bytes', () => {
    const message: WireMessage = {
      t: 'evt',
      topic: 'x',
      items: [{ $bin: 0 }, { $esc: { $bin: 5 } }, new Uint8Array([9])],
    };
    expect(roundTrip(message)).toEqual(message);
  });

  it('round-trips any payload with bytes anywhere', () => {
    fc.assert(
      fc.property(payload, fc.nat(), (value, id) => {
        const message: WireMessage = { t: 'res', id, ok: true, result: value };
        expect(roundTrip(message)).toEqual(message);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every truncated binary frame with a WireFormatError', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 16 }), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        (bins, cut) => {
          const frame = encodeWireMessage({ t: 'evt', topic: 't', items: bins }) as Uint8Array;
          const truncated = frame.slice(0, cut % frame.length);
          expect(() => decodeWireFrame(truncated)).toThrow(WireFormatError);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers random bytes and random text with a result or a WireFormatError, never a crash', () => {
    const check = (frame: string | Uint8Array) => {
      try {
        decodeWireFrame(frame);
      } catch (error) {
        expect(error).toBeInstanceOf(WireFormatError);
      }
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), check), { numRuns: 500 });
    fc.assert(fc.property(fc.string(), check), { numRuns: 300 });
    fc.assert(fc.property(fc.json(), check), { numRuns: 300 });
  });

  it('names what is wrong in a malformed frame', () => {
    expect(() => decodeWireFrame('{"t":"req","id":-1,"method":"a"}')).toThrow(/id must be/);
    expect(() => decodeWireFrame('[1,2]')).toThrow(/JSON object/);
    expect(() => decodeWireFrame('{"t":"bogus"}')).toThrow(/Unknown message type/);
    expect(() => decodeWireFrame('not json')).toThrow(WireFormatError);
    expect(() => decodeWireFrame(new Uint8Array([0, 0]))).toThrow(/4-byte header/);
    const placeholderWithoutBytes = new TextEncoder().encode('{"t":"evt","topic":"a","items":[{"$bin":0}]}');
    const frame = new Uint8Array(4 + placeholderWithoutBytes.length);
    new DataView(frame.buffer).setUint32(0, placeholderWithoutBytes.length);
    frame.set(placeholderWithoutBytes, 4);
    expect(() => decodeWireFrame(frame)).toThrow(/no attachment/);
  });

  it('refuses a hostile deeply nested binary frame without overflowing the stack', () => {
    const json = new TextEncoder().encode(
      '{"t":"evt","topic":"a","items":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
    );
    const frame = new Uint8Array(4 + json.length);
    new DataView(frame.buffer).setUint32(0, json.length);
    frame.set(json, 4);
    expect(() => decodeWireFrame(frame)).toThrow(/too deeply/);
  });
});
