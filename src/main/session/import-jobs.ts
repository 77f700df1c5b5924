/**
 * Opening capture files into the session, as cancellable jobs with progress events. A damaged file
 * keeps every packet read before the damage and reports the offset and the reason.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { ApiError } from '../../shared/api/define';
import type { ImportProgress } from '../../shared/api/session';
import type { EventBus } from '../api/event-bus';
import { scanCaptureFile, timestampToNs } from '../capture/files';
import type { PacketSession } from './packet-session';

interface Job {
  progress: ImportProgress;
  abort: AbortController;
  done: Promise<ImportProgress>;
}

/** At most this many progress events a second (a 1 GB file must not flood the UI). */
const PROGRESS_INTERVAL_MS = 100;

export class ImportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly session: PacketSession,
    private readonly events: EventBus,
    private readonly onReset: () => void,
  ) {}

  /** Starts importing `path` (replacing the session); resolves with the job id at once. */
  start(
    path: string,
    displayName = basename(path),
    cleanup?: () => void,
  ): { jobId: string; done: Promise<ImportProgress> } {
    for (const job of this.jobs.values()) job.abort.abort();
    const jobId = randomUUID();
    const abort = new AbortController();
    const progress: ImportProgress = {
      jobId,
      name: displayName,
      packets: 0,
      bytesRead: 0,
      totalBytes: 0,
      state: 'running',
    };
    const done = this.run(path, displayName, progress, abort.signal).finally(() => {
      cleanup?.();
      this.jobs.delete(jobId);
    });
    this.jobs.set(jobId, { progress, abort, done });
    return { jobId, done };
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    job.abort.abort();
    return true;
  }

  private async run(
    path: string,
    name: string,
    progress: ImportProgress,
    signal: AbortSignal,
  ): Promise<ImportProgress> {
    const session = this.session;
    session.reset({ kind: 'file', name, format: 'unknown' });
    this.onReset();
    let lastPush = 0;
    let full = false;
    const abortOnFull = new AbortController();
    signal.addEventListener('abort', () => abortOnFull.abort(), { once: true });
    const result = await scanCaptureFile(
      path,
      (bytes, offset, capturedLength, originalLength, seconds, nanoseconds, interfaceId, comments) => {
        if (full) return;
        const number = session.ingest(
          {
            timestampNs: timestampToNs(seconds, nanoseconds),
            originalLength,
            data: bytes.subarray(offset, offset + capturedLength),
            interfaceId,
            comments,
          },
          false,
        );
        if (number === 0) {
          full = true;
          abortOnFull.abort();
        }
      },
      {
        signal: abortOnFull.signal,
        onInterface: (info) =>
          session.addInterface({
            name: info.name,
            description: info.description,
            linkType: info.linkType,
            snapLength: info.snapLength,
          }),
        onProgress: (p) => {
          progress.packets = p.packets;
          progress.bytesRead = p.bytesRead;
          progress.totalBytes = p.totalBytes;
          const now = Date.now();
          if (now - lastPush >= PROGRESS_INTERVAL_MS) {
            lastPush = now;
            this.events.publish('session.importProgress', { ...progress });
          }
        },
      },
    );
    session.flush();
    session.setSource({ kind: 'file', name, format: result.format ?? 'unknown' });
    for (const s of result.decryptionSecrets)
      session.addSecrets({ secretsType: s.secretsType, data: s.data });
    progress.packets = session.size;
    progress.bytesRead = result.bytesRead;
    if (result.error) {
      progress.state = 'failed';
      progress.error = { offset: result.error.offset, message: result.error.message };
      session.setError(result.error);
    } else if (signal.aborted) {
      progress.state = 'cancelled';
    } else if (full) {
      progress.state = 'failed';
      progress.error = {
        message: `The session is full after ${session.size} packets; the rest of the file was not loaded. Filter the file with editcap or tshark first.`,
      };
    } else {
      progress.state = 'done';
    }
    this.events.publish('session.importProgress', { ...progress });
    this.events.publish('session.reset', session.info());
    this.onReset();
    return progress;
  }

  /** For tests and the CLI: wait for a job. */
  async wait(jobId: string): Promise<ImportProgress> {
    const job = this.jobs.get(jobId);
    if (!job) throw new ApiError('not-found', `No import job ${jobId}.`);
    return job.done;
  }
}
