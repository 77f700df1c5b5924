import { describe, expect, it } from 'vitest';
import type { PacketSummary } from '../../../shared/model/packet';
import { PacketPageCache } from './page-cache';

function row(number: number): PacketSummary {
  return {
    number,
    time: number,
    timestampNs: String(number * 1e9),
    length: 60,
    capturedLength: 60,
    interfaceId: 0,
    source: 'a',
    destination: 'b',
    protocol: 'TCP',
    info: '',
    layers: [],
  };
}
const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => row(from + i));

describe('packet page cache', () => {
  it('asks only for the pages around the visible rows of a million-packet session', () => {
    const cache = new PacketPageCache(500);
    cache.total = 1_000_000;
    expect(cache.settled).toBe(false);
    expect(cache.claimMissing(600_000, 600_040, 100)).toEqual([1199, 1200]);
    // Already pending: not asked twice while the first request is in flight.
    expect(cache.claimMissing(600_000, 600_040, 100)).toEqual([]);
    cache.store(1200, rows(600_001, 500), 1_000_000);
    expect(cache.settled).toBe(true);
    expect(cache.rowAt(600_000)?.number).toBe(600_001);
    expect(cache.rowAt(599_999)).toBeUndefined();
  });

  it('asks again for a page whose fetch failed', () => {
    const cache = new PacketPageCache(500);
    cache.total = 1000;
    expect(cache.claimMissing(0, 10, 0)).toEqual([0]);
    cache.release(0);
    expect(cache.claimMissing(0, 10, 0)).toEqual([0]);
  });

  it('keeps at most maxPages pages, dropping the least recently used', () => {
    const cache = new PacketPageCache(10, 3);
    cache.total = 100;
    for (const page of [0, 1, 2]) cache.store(page, rows(page * 10 + 1, 10), 100);
    cache.claimMissing(0, 0, 0); // touches page 0
    cache.store(3, rows(31, 10), 100);
    expect(cache.loadedPages).toBe(3);
    expect(cache.rowAt(0)?.number).toBe(1);
    expect(cache.rowAt(10)).toBeUndefined();
  });

  it('extends the last page with live rows and re-asks for an incomplete page', () => {
    const cache = new PacketPageCache(10);
    cache.store(0, rows(1, 4), 4);
    cache.appendUnfiltered(rows(5, 9));
    expect(cache.total).toBe(13);
    expect(cache.rowAt(9)?.number).toBe(10);
    // Row 11 starts page 1 contiguously, so it is kept too.
    expect(cache.rowAt(12)?.number).toBe(13);
    expect(cache.claimMissing(0, 12, 0)).toEqual([]);
  });

  it('grows the total without storing rows of a page that is not loaded', () => {
    const cache = new PacketPageCache(10);
    cache.total = 47;
    cache.appendUnfiltered(rows(48, 5));
    expect(cache.total).toBe(52);
    expect(cache.rowAt(47)).toBeUndefined();
    // Frame 51 starts a new page at the end of the list: the live tail is kept.
    expect(cache.rowAt(50)?.number).toBe(51);
    expect(cache.claimMissing(47, 51, 0)).toEqual([4]);
  });

  it('finds the row index of a frame number in a filtered page', () => {
    const cache = new PacketPageCache(10);
    cache.store(2, [row(40), row(57), row(90)], 23);
    expect(cache.indexOfNumber(57)).toBe(21);
    expect(cache.indexOfNumber(58)).toBe(-1);
  });
});
