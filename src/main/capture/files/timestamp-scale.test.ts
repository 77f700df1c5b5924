/** The number-only timestamp arithmetic agrees with exact BigInt arithmetic for every resolution. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeBadResolution, TimestampScale } from './timestamp-scale';

function exact(code: number, offsetSeconds: number, hi: number, lo: number): [number, number] {
  const exponent = BigInt(code & 0x7f);
  const perSecond = code & 0x80 ? 1n << exponent : 10n ** exponent;
  const ticks = (BigInt(hi) << 32n) | BigInt(lo);
  const seconds = ticks / perSecond;
  const nanoseconds = ((ticks - seconds * perSecond) * 1_000_000_000n) / perSecond;
  return [Number(seconds) + offsetSeconds, Number(nanoseconds)];
}

describe('pcapng timestamp scale', () => {
  it('matches BigInt arithmetic for powers of 10 and of 2, with offsets', () => {
    const codes = fc.oneof(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0x80, max: 0x80 + 63 }));
    const hiValues = fc.oneof(
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.integer({ min: 395_000_000, max: 400_000_000 }),
    );
    fc.assert(
      fc.property(
        codes,
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.array(fc.tuple(hiValues, fc.integer({ min: 0, max: 0xffffffff })), { minLength: 1, maxLength: 5 }),
        (code, offset, ticks) => {
          const scale = new TimestampScale(code, offset);
          const out = { seconds: 0, nanoseconds: 0 };
          for (const [hi, lo] of ticks) {
            scale.convert(hi, lo, out);
            const [seconds, nanoseconds] = exact(code, offset, hi, lo);
            // Beyond 2^53 seconds a number cannot be exact; no real capture gets there.
            if (Math.abs(seconds) < 2 ** 53)
              expect([out.seconds, out.nanoseconds]).toEqual([seconds, nanoseconds]);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('converts nanosecond ticks of today exactly, at the second boundaries too', () => {
    const scale = new TimestampScale(9);
    const out = { seconds: 0, nanoseconds: 0 };
    for (const ns of [1_700_000_000_999_999_999n, 1_700_000_001_000_000_000n, 1_700_000_000_000_000_001n]) {
      scale.convert(Number(ns >> 32n), Number(ns & 0xffffffffn), out);
      expect(BigInt(out.seconds) * 1_000_000_000n + BigInt(out.nanoseconds)).toBe(ns);
    }
  });

  it('rejects resolutions a 64-bit tick count cannot carry', () => {
    expect(describeBadResolution(20)).toBe('if_tsresol 10^-20 is out of range');
    expect(describeBadResolution(0x80 | 64)).toBe('if_tsresol 2^-64 is out of range');
    expect(describeBadResolution(9)).toBeNull();
  });
});
