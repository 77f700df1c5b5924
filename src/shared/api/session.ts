/**
 * The packet session: frames from a live capture or an opened file, their summaries, their field
 * trees and bytes, saving as pcapng. Large lists are paged; new packets arrive as batched events.
 */
import { z } from 'zod';
import { event, method } from './define';
import type { DissectedPacket, PacketSummary } from '../model/packet';

export type SessionSource =
  | { kind: 'empty' }
  | { kind: 'file'; name: string; format: string }
  | { kind: 'live'; interfaceName: string };

export interface SessionInfo {
  source: SessionSource;
  packetCount: number;
  bytesStored: number;
  /** Link types of the session's interfaces (LINKTYPE_* values). */
  linkTypes: number[];
  interfaces: { name?: string; linkType: number }[];
  firstTime?: number;
  lastTime?: number;
  /** Set when the store reached its limits and refused further frames. */
  full: boolean;
  /** Set when a file stopped at damage: everything before it is kept. */
  error?: { offset: number; message: string };
  /** Number of TLS key log lines available to embed when saving. */
  tlsSecretLines: number;
}

export interface ImportProgress {
  jobId: string;
  name: string;
  packets: number;
  bytesRead: number;
  totalBytes: number;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  error?: { offset?: number; message: string };
}

export interface PacketPage {
  /** Total packets matching (the whole session when no filter). */
  total: number;
  offset: number;
  packets: PacketSummary[];
}

export interface PacketDetail extends DissectedPacket {
  bytes: Uint8Array;
}

export interface FilterCheck {
  ok: boolean;
  error?: { position: number; message: string; key?: string; params?: Record<string, string | number> };
}

const frameNumber = z.number().int().min(1).max(100_000_000);
const filterText = z.string().max(4000);

export const sessionMethods = {
  'session.info': method<SessionInfo>()(z.object({}).strict()),
  'session.clear': method<SessionInfo>()(z.object({}).strict()),
  /** Opens a capture file by path (Electron's file dialog, tests). */
  'session.openPath': method<{ jobId: string }>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
  /** Upload a capture file from the browser in chunks: begin, chunk*, end (which starts the import). */
  'session.upload.begin': method<{ uploadId: string }>()(
    z
      .object({
        name: z.string().min(1).max(255),
        size: z
          .number()
          .int()
          .min(0)
          .max(16 * 1024 ** 3),
      })
      .strict(),
  ),
  'session.upload.chunk': method<{ received: number }>()(
    z.object({ uploadId: z.string().max(64), bytes: z.instanceof(Uint8Array) }).strict(),
  ),
  'session.upload.end': method<{ jobId: string }>()(z.object({ uploadId: z.string().max(64) }).strict()),
  'session.cancelImport': method<{ cancelled: boolean }>()(z.object({ jobId: z.string().max(64) }).strict()),
  'session.packets': method<PacketPage>()(
    z
      .object({
        offset: z.number().int().min(0),
        limit: z.number().int().min(1).max(5000),
        filter: filterText.optional(),
      })
      .strict(),
  ),
  'session.packet': method<PacketDetail>()(z.object({ number: frameNumber }).strict()),
  'session.checkFilter': method<FilterCheck>()(z.object({ filter: filterText }).strict()),
  /** Returns pcapng bytes of the session or of the given frames (browser mode downloads them). */
  'session.exportPcapng': method<{ bytes: Uint8Array; fileName: string }>()(
    z.object({ numbers: z.array(frameNumber).max(1_000_000).optional() }).strict(),
  ),
  /** Saves pcapng to a path on the machine running NetLab (Electron's save dialog, CLI, tests). */
  'session.savePcapng': method<{ path: string; packets: number }>()(
    z
      .object({ path: z.string().min(1).max(4096), numbers: z.array(frameNumber).max(1_000_000).optional() })
      .strict(),
  ),
};

export const sessionEvents = {
  /** Summaries of newly stored packets, in order. */
  'session.packets': event<PacketSummary>(),
  'session.importProgress': event<ImportProgress>(),
  /** The session was cleared or replaced: views drop what they hold and ask again. */
  'session.reset': event<SessionInfo>(),
};
