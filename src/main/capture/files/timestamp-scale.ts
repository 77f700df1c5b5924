/**
 * Converts pcapng 64-bit timestamps (ticks of 1/resolution second) into whole seconds plus
 * nanoseconds, exactly. The common resolutions (10^-3 .. 10^-9) use plain number arithmetic on
 * 16-bit limbs (every intermediate stays below 2^53); anything else goes through BigInt.
 */

export interface TimestampParts {
  seconds: number;
  nanoseconds: number;
}

/** Why an if_tsresol value was not usable; null when it is fine. */
export function describeBadResolution(code: number): string | null {
  const exponent = code & 0x7f;
  if (code & 0x80) return exponent > 63 ? `if_tsresol 2^-${exponent} is out of range` : null;
  return exponent > 19 ? `if_tsresol 10^-${exponent} is out of range` : null;
}

export class TimestampScale {
  /** Ticks per second (exact for every valid code). */
  readonly ticksPerSecond: bigint;
  /** Number form of ticksPerSecond for the model (may round for 2^-k with big k). */
  readonly resolution: number;
  private readonly fastDivisor: number;
  private readonly nsPerTick: number;
  /** hi * 2^32 divided by the divisor, cached: consecutive packets almost always share `hi`. */
  private cachedHi = -1;
  private hiQuotient = 0;
  private hiRemainder = 0;

  /** `code` is the if_tsresol byte (6 = microseconds, the default; 9 = nanoseconds). */
  constructor(
    code: number,
    private readonly offsetSeconds = 0,
  ) {
    const exponent = code & 0x7f;
    this.ticksPerSecond = code & 0x80 ? 1n << BigInt(exponent) : 10n ** BigInt(exponent);
    this.resolution = Number(this.ticksPerSecond);
    const fast = !(code & 0x80) && exponent >= 3 && exponent <= 9;
    this.fastDivisor = fast ? 10 ** exponent : 0;
    this.nsPerTick = fast ? 10 ** (9 - exponent) : 0;
  }

  /** Writes the time of the tick count hi * 2^32 + lo into `out`. */
  convert(hi: number, lo: number, out: TimestampParts): void {
    const div = this.fastDivisor;
    if (div === 0) {
      this.convertSlow(hi, lo, out);
      return;
    }
    if (hi !== this.cachedHi) this.divideHigh(hi, div);
    // (hi * 2^32) mod div + lo < 2^33: exact in a double. A correctly rounded quotient can only be
    // one too high (never too low), hence the single correction.
    const x = this.hiRemainder + lo;
    let q = Math.floor(x / div);
    let r = x - q * div;
    if (r < 0) {
      q--;
      r += div;
    }
    out.seconds = this.hiQuotient + q + this.offsetSeconds;
    out.nanoseconds = r * this.nsPerTick;
  }

  /** Long division of hi * 2^32 by div (< 2^30) in 32+16+16-bit steps; partial dividends stay below 2^46. */
  private divideHigh(hi: number, div: number): void {
    let q1 = Math.floor(hi / div);
    let r = hi - q1 * div;
    if (r < 0) {
      q1--;
      r += div;
    }
    let x = r * 65536;
    let q2 = Math.floor(x / div);
    r = x - q2 * div;
    if (r < 0) {
      q2--;
      r += div;
    }
    x = r * 65536;
    let q3 = Math.floor(x / div);
    r = x - q3 * div;
    if (r < 0) {
      q3--;
      r += div;
    }
    this.cachedHi = hi;
    this.hiQuotient = q1 * 4294967296 + q2 * 65536 + q3;
    this.hiRemainder = r;
  }

  private convertSlow(hi: number, lo: number, out: TimestampParts): void {
    const ticks = (BigInt(hi) << 32n) | BigInt(lo);
    const seconds = ticks / this.ticksPerSecond;
    const rest = ticks - seconds * this.ticksPerSecond;
    out.seconds = Number(seconds) + this.offsetSeconds;
    out.nanoseconds = Number((rest * 1_000_000_000n) / this.ticksPerSecond);
  }
}
