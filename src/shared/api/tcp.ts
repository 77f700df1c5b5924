/**
 * TCP connections of the session, for the connection list and the ladder timeline. The list is
 * paged and sorted on the main side so 100k connections never cross the transport at once.
 */
import { z } from 'zod';
import { event, method } from './define';
import type { TcpConnectionSummary, TcpSegmentAnalysis } from '../model/tcp';

export interface TcpSegmentRow extends TcpSegmentAnalysis {
  /** Seconds since the epoch, for drawing (exact time is in the packet). */
  time: number;
  window: number;
  /** SYN options worth showing on the arrow (MSS, window scale, SACK-permitted, timestamps). */
  options?: { mss?: number; windowScale?: number; sackPermitted?: boolean; tsVal?: number; tsEcr?: number };
}

export interface TcpConnectionPage {
  total: number;
  offset: number;
  connections: TcpConnectionSummary[];
}

export interface TcpSegmentPage {
  connection: TcpConnectionSummary;
  total: number;
  offset: number;
  segments: TcpSegmentRow[];
}

export const tcpConnectionSortKeys = [
  'stream',
  'start',
  'duration',
  'bytes',
  'packets',
  'connState',
] as const;

export const tcpMethods = {
  'tcp.connections': method<TcpConnectionPage>()(
    z
      .object({
        offset: z.number().int().min(0),
        limit: z.number().int().min(1).max(5000),
        sort: z.enum(tcpConnectionSortKeys).default('stream'),
        descending: z.boolean().default(false),
        /** Matches an address or port of either endpoint (substring for addresses, exact for ports). */
        text: z.string().max(200).optional(),
        connState: z.array(z.string().max(8)).max(20).optional(),
        withRetransmissions: z.boolean().optional(),
      })
      .strict(),
  ),
  'tcp.segments': method<TcpSegmentPage>()(
    z
      .object({
        stream: z.number().int().min(0),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(200_000).default(5000),
      })
      .strict(),
  ),
};

export const tcpEvents = {
  /** Connections created or changed since the last batch (latest summary of each). */
  'tcp.connections': event<TcpConnectionSummary>(),
  /** New segments of any connection, so an open ladder can append them live. */
  'tcp.segments': event<TcpSegmentRow>(),
};
