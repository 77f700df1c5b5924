/**
 * Connection list and per-connection segment queries for the timeline. Segments are not kept as
 * objects for the whole session: a connection's frames are re-read and re-tracked on demand with a
 * fresh tracker (the analysis of a connection depends only on its own segments), which keeps
 * memory flat on captures with millions of segments.
 */
import { ApiError } from '../../shared/api/define';
import type { TcpConnectionPage, TcpSegmentPage, TcpSegmentRow } from '../../shared/api/tcp';
import type { TcpConnectionSummary } from '../../shared/model/tcp';
import { summarizeFrame } from '../dissect';
import { ConnectionTracker } from '../tcp/connection-tracker';
import type { PacketSession } from './packet-session';
import { segmentRow } from './segment-row';

export interface ConnectionQuery {
  offset: number;
  limit: number;
  sort: 'stream' | 'start' | 'duration' | 'bytes' | 'packets' | 'connState';
  descending: boolean;
  text?: string;
  connState?: string[];
  withRetransmissions?: boolean;
}

const totalBytes = (c: TcpConnectionSummary) => c.stats.client.bytes + c.stats.server.bytes;
const totalPackets = (c: TcpConnectionSummary) => c.stats.client.packets + c.stats.server.packets;

const COMPARATORS: Record<
  ConnectionQuery['sort'],
  (a: TcpConnectionSummary, b: TcpConnectionSummary) => number
> = {
  stream: (a, b) => a.stream - b.stream,
  start: (a, b) =>
    BigInt(a.startNs) < BigInt(b.startNs) ? -1 : BigInt(a.startNs) > BigInt(b.startNs) ? 1 : 0,
  duration: (a, b) => a.durationSeconds - b.durationSeconds,
  bytes: (a, b) => totalBytes(a) - totalBytes(b),
  packets: (a, b) => totalPackets(a) - totalPackets(b),
  connState: (a, b) => a.connState.localeCompare(b.connState),
};

export function queryConnections(session: PacketSession, q: ConnectionQuery): TcpConnectionPage {
  let list = session.connections();
  const text = q.text?.trim().toLowerCase();
  if (text) {
    const port = /^\d+$/.test(text) ? Number(text) : undefined;
    list = list.filter((c) =>
      port !== undefined
        ? c.client.port === port || c.server.port === port
        : c.client.addr.toLowerCase().includes(text) || c.server.addr.toLowerCase().includes(text),
    );
  }
  if (q.connState?.length) {
    const wanted = new Set(q.connState);
    list = list.filter((c) => wanted.has(c.connState));
  }
  if (q.withRetransmissions) {
    const index = session.tcpIndex();
    list = list.filter((c) => index.hasRetransmission(c.stream));
  }
  if (q.sort !== 'stream' || q.descending) {
    const compare = COMPARATORS[q.sort];
    list = [...list].sort((a, b) => (q.descending ? compare(b, a) : compare(a, b)) || a.stream - b.stream);
  }
  return { total: list.length, offset: q.offset, connections: list.slice(q.offset, q.offset + q.limit) };
}

/**
 * A connection's rows are rebuilt by one tracker pass over its frames and kept for the last few
 * connections asked for, so paging through a 100k-segment connection costs one pass, not one pass
 * per page. A change to the session (new packets) makes the cache stale.
 */
const rowCache = new WeakMap<PacketSession, { version: number; rows: Map<number, TcpSegmentRow[]> }>();
const CACHED_CONNECTIONS = 4;

export function querySegments(
  session: PacketSession,
  stream: number,
  offset: number,
  limit: number,
): TcpSegmentPage {
  const connection = session.connections().find((c) => c.stream === stream);
  if (!connection) throw new ApiError('not-found', `No TCP connection ${stream} in this session.`);
  const rows = connectionRows(session, stream);
  return { connection, total: rows.length, offset, segments: rows.slice(offset, offset + limit) };
}

function connectionRows(session: PacketSession, stream: number): TcpSegmentRow[] {
  let cache = rowCache.get(session);
  if (!cache || cache.version !== session.version) {
    cache = { version: session.version, rows: new Map() };
    rowCache.set(session, cache);
  }
  const cached = cache.rows.get(stream);
  if (cached) {
    // Most recently used last, so the oldest is dropped first.
    cache.rows.delete(stream);
    cache.rows.set(stream, cached);
    return cached;
  }
  const rows = buildRows(session, stream);
  cache.rows.set(stream, rows);
  if (cache.rows.size > CACHED_CONNECTIONS) cache.rows.delete(cache.rows.keys().next().value as number);
  return rows;
}

function buildRows(session: PacketSession, stream: number): TcpSegmentRow[] {
  const frames = session.tcpIndex().framesOf(stream);
  const tracker = new ConnectionTracker(session.trackerOptions());
  const rows: TcpSegmentRow[] = [];
  for (const number of frames) {
    const frame = session.frame(number);
    const { tcp } = summarizeFrame(
      frame.data,
      session.linkTypeOf(frame),
      number,
      frame.timestampNs,
      frame.originalLength,
      frame.interfaceId,
    );
    if (!tcp) continue;
    const analysis = tracker.track(tcp, frame.originalLength);
    rows.push({ ...segmentRow(analysis, tcp), ...session.tcpIndex().analysisOf(number), stream });
  }
  return rows;
}
