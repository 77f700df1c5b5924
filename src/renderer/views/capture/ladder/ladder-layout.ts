/**
 * Vertical positions of the ladder's rows. Time runs down the page: each segment gets at least one
 * row (more when it carries explanations), plus extra space proportional to the time since the
 * previous segment, capped: a longer idle gap becomes a break mark with its real duration written
 * on it. Positions are kept in a growing Float64Array so a live capture appends in O(1) and a
 * 100k-segment connection is laid out in a few milliseconds.
 */

export interface LadderMetrics {
  /** Height of a segment's row without explanations (arrow, label, tags). */
  rowHeight: number;
  /** Height one explanation note needs in the side column. */
  noteHeight: number;
  /** Time scale of the extra spacing (the zoom level). */
  pxPerSecond: number;
  /** Largest time-proportional spacing; a gap that would need more is drawn as a break. */
  maxStretch: number;
  /** Height of a break mark. */
  breakHeight: number;
  /** Space above the first row (room for the far side of the first arrow and the start states). */
  topPadding: number;
  /** Drawn transit (arrow slope) limits, in pixels. */
  minSlope: number;
  maxSlope: number;
}

export const DEFAULT_METRICS: LadderMetrics = {
  rowHeight: 50,
  noteHeight: 78,
  pxPerSecond: 200,
  maxStretch: 120,
  breakHeight: 54,
  topPadding: 64,
  minSlope: 10,
  maxSlope: 22,
};

/** A row shows at most this many explanation notes (the rest are in the segment details). */
export const MAX_NOTES_PER_ROW = 3;

export interface LadderBreak {
  /** The gap is just before this row. */
  index: number;
  seconds: number;
  /** Middle of the break mark. */
  y: number;
}

export class LadderLayout {
  private ys = new Float64Array(1024);
  private times = new Float64Array(1024);
  private notes = new Uint8Array(1024);
  private count = 0;
  readonly breaks: LadderBreak[] = [];

  constructor(readonly metrics: LadderMetrics) {}

  get size(): number {
    return this.count;
  }

  /** Anchor y of row i: where the arrow touches the lifeline of the captured side. */
  y(index: number): number {
    return this.ys[index];
  }

  /** Height of row i's own content (before the time spacing to the next row). */
  rowExtent(index: number): number {
    return Math.max(this.metrics.rowHeight, this.notes[index] * this.metrics.noteHeight);
  }

  /** Total height of the drawing. */
  get height(): number {
    if (this.count === 0) return this.metrics.topPadding;
    return this.ys[this.count - 1] + this.rowExtent(this.count - 1) + this.metrics.rowHeight;
  }

  /** Adds a row for a segment captured at `time` (seconds) with `noteCount` explanations. */
  append(time: number, noteCount: number): void {
    if (this.count === this.ys.length) this.grow();
    const i = this.count;
    const m = this.metrics;
    if (i === 0) {
      this.ys[0] = m.topPadding;
    } else {
      const gap = Math.max(0, time - this.times[i - 1]);
      const natural = gap * m.pxPerSecond;
      const base = this.ys[i - 1] + this.rowExtent(i - 1);
      if (natural > m.maxStretch) {
        // The mark sits in the upper third: the next row's label is drawn just above its arrow.
        this.breaks.push({ index: i, seconds: gap, y: base + m.breakHeight / 3 });
        this.ys[i] = base + m.breakHeight;
      } else {
        this.ys[i] = base + natural;
      }
    }
    this.times[i] = time;
    this.notes[i] = Math.min(MAX_NOTES_PER_ROW, noteCount);
    this.count++;
  }

  /** Rows [first, last] that intersect [top, bottom] (with their arrows' reach), or null. */
  visibleRange(top: number, bottom: number): { first: number; last: number } | null {
    if (this.count === 0) return null;
    const reach = this.metrics.maxSlope + this.metrics.rowHeight;
    const first = Math.max(0, this.lowerBound(top - reach - MAX_NOTES_PER_ROW * this.metrics.noteHeight) - 1);
    const last = Math.min(this.count - 1, this.lowerBound(bottom + reach));
    if (first > last) return null;
    return { first, last };
  }

  /** Index of the row whose anchor is nearest to y. */
  rowNear(y: number): number {
    const i = Math.min(this.count - 1, this.lowerBound(y));
    if (i > 0 && Math.abs(this.ys[i - 1] - y) < Math.abs(this.ys[i] - y)) return i - 1;
    return Math.max(0, i);
  }

  /** Breaks whose marks lie in [top, bottom]. */
  breaksIn(top: number, bottom: number): LadderBreak[] {
    let lo = 0;
    let hi = this.breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.breaks[mid].y < top) lo = mid + 1;
      else hi = mid;
    }
    const out: LadderBreak[] = [];
    for (let i = lo; i < this.breaks.length && this.breaks[i].y <= bottom; i++) out.push(this.breaks[i]);
    return out;
  }

  /** Drawn transit for a one-way time estimate (e.g. half the initial RTT), clamped to stay readable. */
  slopeFor(transitSeconds: number | undefined): number {
    const m = this.metrics;
    const px = (transitSeconds ?? 0) * m.pxPerSecond;
    return Math.min(m.maxSlope, Math.max(m.minSlope, px));
  }

  /** First index whose anchor is >= y. */
  private lowerBound(y: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ys[mid] < y) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private grow(): void {
    const grow = <T extends Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const next = make(a.length * 2);
      next.set(a);
      return next;
    };
    this.ys = grow(this.ys, (n) => new Float64Array(n));
    this.times = grow(this.times, (n) => new Float64Array(n));
    this.notes = grow(this.notes, (n) => new Uint8Array(n));
  }
}
