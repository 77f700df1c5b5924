/**
 * The rows of one connection with their layout and explanations, appended in order. Mutable on
 * purpose: 100k rows must not be copied on every live batch; the owner bumps a version number to
 * tell React that it changed.
 */
import type { TcpSegmentRow } from '../../../../shared/api/tcp';
import { DEFAULT_METRICS, LadderLayout } from './ladder-layout';
import { StepExplainer, type StepNote } from './step-explanations';

export class SegmentStore {
  readonly rows: TcpSegmentRow[] = [];
  readonly notes: StepNote[][] = [];
  private explainer = new StepExplainer();
  layout: LadderLayout;

  constructor(pxPerSecond = DEFAULT_METRICS.pxPerSecond) {
    this.layout = new LadderLayout({ ...DEFAULT_METRICS, pxPerSecond });
  }

  get lastFrame(): number {
    return this.rows.length ? this.rows[this.rows.length - 1].frame : 0;
  }

  /** Appends rows newer than the last one (pages and live events overlap while capturing). */
  append(batch: readonly TcpSegmentRow[]): number {
    let added = 0;
    for (const row of batch) {
      if (row.frame <= this.lastFrame) continue;
      const rowNotes = this.explainer.next(row);
      this.rows.push(row);
      this.notes.push(rowNotes);
      this.layout.append(row.time, rowNotes.length);
      added++;
    }
    return added;
  }

  /** Lays the same rows out again at another time scale (zoom). */
  relayout(pxPerSecond: number): void {
    if (this.layout.metrics.pxPerSecond === pxPerSecond) return;
    const next = new LadderLayout({ ...this.layout.metrics, pxPerSecond });
    this.rows.forEach((row, i) => next.append(row.time, this.notes[i].length));
    this.layout = next;
  }

  clear(): void {
    this.rows.length = 0;
    this.notes.length = 0;
    this.explainer = new StepExplainer();
    this.layout = new LadderLayout({ ...this.layout.metrics });
  }
}
