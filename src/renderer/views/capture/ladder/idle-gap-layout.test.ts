import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_METRICS, LadderLayout, MAX_NOTES_PER_ROW } from './ladder-layout';

const metrics = { ...DEFAULT_METRICS, pxPerSecond: 100, maxStretch: 120, rowHeight: 50, breakHeight: 30 };

describe('ladder layout', () => {
  it('spaces rows by their height plus time, and turns a long idle gap into a break with its duration', () => {
    const layout = new LadderLayout(metrics);
    layout.append(0, 0);
    layout.append(0.5, 0); // 50 px of time
    layout.append(10.5, 0); // 10 s: 1000 px > 120 px, a break
    expect(layout.y(0)).toBe(metrics.topPadding);
    expect(layout.y(1)).toBe(metrics.topPadding + 50 + 50);
    expect(layout.y(2)).toBe(layout.y(1) + 50 + 30);
    expect(layout.breaks).toEqual([{ index: 2, seconds: 10, y: layout.y(1) + 50 + 10 }]);
  });

  it('gives rows with explanations room for their notes (at most MAX_NOTES_PER_ROW)', () => {
    const layout = new LadderLayout(metrics);
    layout.append(0, 2);
    layout.append(0, 9);
    expect(layout.rowExtent(0)).toBe(2 * metrics.noteHeight);
    expect(layout.rowExtent(1)).toBe(MAX_NOTES_PER_ROW * metrics.noteHeight);
    expect(layout.y(1) - layout.y(0)).toBe(2 * metrics.noteHeight);
  });

  it('zooming in turns more gaps into breaks', () => {
    const times = [0, 0.1, 0.2, 2, 2.1];
    const count = (pxPerSecond: number) => {
      const layout = new LadderLayout({ ...metrics, pxPerSecond });
      times.forEach((t) => layout.append(t, 0));
      return layout.breaks.length;
    };
    expect(count(10)).toBe(0);
    expect(count(100)).toBe(1);
    expect(count(10_000)).toBe(4);
  });

  it('clamps the drawn transit so arrows stay visibly sloped but never cross a row', () => {
    const layout = new LadderLayout(metrics);
    expect(layout.slopeFor(undefined)).toBe(metrics.minSlope);
    expect(layout.slopeFor(0.00002)).toBe(metrics.minSlope);
    expect(layout.slopeFor(0.15)).toBe(15);
    expect(layout.slopeFor(30)).toBe(metrics.maxSlope);
  });

  it('the visible range holds every row whose anchor is in the window, for any timeline', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 5, noNaN: true }), fc.integer({ min: 0, max: 4 })), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 50, max: 2000 }),
        (steps, where, span) => {
          const layout = new LadderLayout(metrics);
          let t = 0;
          for (const [gap, notes] of steps) layout.append((t += gap), notes);
          const top = where * layout.height;
          const range = layout.visibleRange(top, top + span);
          for (let i = 0; i < layout.size; i++) {
            const y = layout.y(i);
            if (i > 0) expect(y).toBeGreaterThan(layout.y(i - 1));
            if (y >= top && y <= top + span) {
              expect(range).not.toBeNull();
              expect(i).toBeGreaterThanOrEqual(range!.first);
              expect(i).toBeLessThanOrEqual(range!.last);
            }
          }
          const near = layout.rowNear(top);
          expect(near).toBeGreaterThanOrEqual(0);
          expect(near).toBeLessThan(layout.size);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('lays out 100k rows in well under a frame budget per 10k', () => {
    const layout = new LadderLayout(metrics);
    const start = performance.now();
    for (let i = 0; i < 100_000; i++) layout.append(i * 0.0001, i % 50 === 0 ? 1 : 0);
    expect(layout.size).toBe(100_000);
    expect(performance.now() - start).toBeLessThan(200);
  });
});
