/**
 * The packet list's memory: rows fetched page by page (500 rows a page), kept in a bounded LRU so
 * a million-packet session never lives in the renderer at once. Pure: the hook around it does the
 * fetching; this decides what to fetch and remembers what came back.
 */
import type { PacketSummary } from '../../../shared/model/packet';

export const PAGE_SIZE = 500;

export class PacketPageCache {
  /** Rows matching the current filter (the whole session without one). */
  total = 0;
  /** Some page has arrived: `total` is the server's count, not a guess. */
  settled = false;
  private readonly pages = new Map<number, PacketSummary[]>();
  private readonly pending = new Set<number>();

  constructor(
    readonly pageSize = PAGE_SIZE,
    /** Pages kept at most; the least recently used go first (200 pages = 100,000 rows). */
    readonly maxPages = 200,
  ) {}

  rowAt(index: number): PacketSummary | undefined {
    const page = this.pages.get(Math.floor(index / this.pageSize));
    return page?.[index % this.pageSize];
  }

  /**
   * Pages to fetch so rows [start, end] plus `margin` rows either side are present: neither loaded
   * nor already asked for. Marks them pending; the caller must `store` or `release` each.
   */
  claimMissing(start: number, end: number, margin: number): number[] {
    if (this.total === 0) return [];
    const first = Math.max(0, Math.floor((start - margin) / this.pageSize));
    const last = Math.floor(Math.min(this.total - 1, end + margin) / this.pageSize);
    const missing: number[] = [];
    for (let page = first; page <= last; page++) {
      const rows = this.pages.get(page);
      if (rows) {
        this.touch(page, rows);
        if (rows.length >= this.expectedLength(page)) continue;
      }
      if (this.pending.has(page)) continue;
      this.pending.add(page);
      missing.push(page);
    }
    return missing;
  }

  /** Rows of one page arrived (with the total the server counted at that moment). */
  store(page: number, rows: PacketSummary[], total: number): void {
    this.pending.delete(page);
    this.total = total;
    this.settled = true;
    this.pages.delete(page);
    this.pages.set(page, rows);
    this.evict();
  }

  /** A fetch failed or was abandoned: allow asking again. */
  release(page: number): void {
    this.pending.delete(page);
  }

  /**
   * Live rows of an unfiltered session: row index = frame number - 1. Rows extend the last page
   * when it is loaded; otherwise they only grow the total and are fetched when scrolled to.
   */
  appendUnfiltered(rows: PacketSummary[]): void {
    for (const row of rows) {
      const index = row.number - 1;
      const page = Math.floor(index / this.pageSize);
      const slot = index % this.pageSize;
      const existing = this.pages.get(page);
      if (existing && existing.length === slot) existing.push(row);
      else if (!existing && slot === 0 && index === this.total) this.pages.set(page, [row]);
      this.total = Math.max(this.total, row.number);
    }
    this.evict();
  }

  /** Index of frame `number` among the cached rows, or -1 when no loaded page holds it. */
  indexOfNumber(number: number): number {
    for (const [page, rows] of this.pages) {
      const first = rows[0];
      const last = rows[rows.length - 1];
      if (!first || !last || number < first.number || number > last.number) continue;
      const slot = binarySearch(rows, number);
      if (slot >= 0) return page * this.pageSize + slot;
    }
    return -1;
  }

  get loadedPages(): number {
    return this.pages.size;
  }

  private expectedLength(page: number): number {
    return Math.min(this.pageSize, this.total - page * this.pageSize);
  }

  private touch(page: number, rows: PacketSummary[]): void {
    this.pages.delete(page);
    this.pages.set(page, rows);
  }

  private evict(): void {
    while (this.pages.size > this.maxPages) {
      const oldest = this.pages.keys().next().value;
      if (oldest === undefined) return;
      this.pages.delete(oldest);
    }
  }
}

function binarySearch(rows: PacketSummary[], number: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const n = rows[mid].number;
    if (n === number) return mid;
    if (n < number) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
