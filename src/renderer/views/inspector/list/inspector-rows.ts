/**
 * The rows of the exchange list: HTTP exchanges and TLS failures in one time-ordered list. A TLS
 * failure is a row of its own because no HTTP request ever happened on that connection.
 */
import type { ExchangeSummary, TlsFailure } from '../../../../shared/model/proxy';

export type InspectorRow =
  | { kind: 'exchange'; key: string; time: number; exchange: ExchangeSummary }
  | { kind: 'tls-failure'; key: string; time: number; failure: TlsFailure };

export function exchangeRow(exchange: ExchangeSummary): InspectorRow {
  return { kind: 'exchange', key: `e${exchange.id}`, time: exchange.startedAt, exchange };
}

export function failureRow(failure: TlsFailure): InspectorRow {
  return { kind: 'tls-failure', key: `t${failure.id}`, time: failure.time, failure };
}

/** Causes where the client refused what NetLab showed it: untrusted CA or pinning. */
export function isClientRejection(failure: TlsFailure): boolean {
  return failure.cause === 'client-rejected-certificate' || failure.cause === 'client-closed-after-handshake';
}

/**
 * Keeps rows ordered by time with O(1) updates by key. Rows mostly arrive in order, so a sort only
 * happens when one arrives late (HAR import, a reload racing live events).
 */
export class RowStore {
  private rows: InspectorRow[] = [];
  private indexByKey = new Map<string, number>();

  get all(): readonly InspectorRow[] {
    return this.rows;
  }

  get(key: string): InspectorRow | undefined {
    const index = this.indexByKey.get(key);
    return index === undefined ? undefined : this.rows[index];
  }

  /** Adds or replaces rows; returns whether anything changed. */
  upsert(incoming: readonly InspectorRow[]): boolean {
    if (incoming.length === 0) return false;
    let needsSort = false;
    for (const row of incoming) {
      const index = this.indexByKey.get(row.key);
      if (index !== undefined) {
        this.rows[index] = row;
        continue;
      }
      const last = this.rows[this.rows.length - 1];
      if (last && compareRows(last, row) > 0) needsSort = true;
      this.indexByKey.set(row.key, this.rows.length);
      this.rows.push(row);
    }
    // A new array each time so React sees the change.
    this.rows = needsSort ? this.rows.slice().sort(compareRows) : this.rows.slice();
    if (needsSort) this.reindex();
    return true;
  }

  clear(): void {
    this.rows = [];
    this.indexByKey.clear();
  }

  private reindex(): void {
    this.indexByKey.clear();
    this.rows.forEach((row, i) => this.indexByKey.set(row.key, i));
  }
}

/** By time, then exchanges before TLS failures, then by id (numerically: e9 before e10). */
function compareRows(a: InspectorRow, b: InspectorRow): number {
  return a.time - b.time || a.key.charCodeAt(0) - b.key.charCodeAt(0) || idOf(a) - idOf(b);
}

function idOf(row: InspectorRow): number {
  return row.kind === 'exchange' ? row.exchange.id : row.failure.id;
}
