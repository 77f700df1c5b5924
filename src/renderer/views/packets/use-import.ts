/**
 * Opening a capture file from the browser: the file is read in 2 MiB slices and uploaded with
 * session.upload.*, then the main side imports it and reports progress (session.importProgress).
 * Cancel works in both phases. A damaged file ends in 'failed' with the byte offset; the packets
 * before the damage stay in the session.
 */
import { useCallback, useRef, useState } from 'react';
import type { ImportProgress } from '../../../shared/api/session';
import { useApi, useEvent } from '../../api/api-context';
import { selectionStore } from '../../state/selection';

const CHUNK_BYTES = 2 * 1024 * 1024;

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'uploading'; name: string; sent: number; size: number }
  | { phase: 'importing'; name: string; jobId: string; progress: ImportProgress | null }
  | { phase: 'finished'; progress: ImportProgress }
  | { phase: 'failed'; name: string; message: string };

export function useImport(onStarted: () => void, onProgress: () => void) {
  const api = useApi();
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const cancelled = useRef(false);
  const jobId = useRef<string | null>(null);
  /** Last progress per job: a small file can finish before session.upload.end has answered. */
  const seen = useRef(new Map<string, ImportProgress>());

  const apply = useCallback(
    (last: ImportProgress) => {
      if (last.state === 'running') {
        setState((s) => (s.phase === 'importing' ? { ...s, progress: last } : s));
        onProgress();
      } else {
        jobId.current = null;
        setState({ phase: 'finished', progress: last });
      }
    },
    [onProgress],
  );

  const open = useCallback(
    async (file: File) => {
      cancelled.current = false;
      jobId.current = null;
      setState({ phase: 'uploading', name: file.name, sent: 0, size: file.size });
      try {
        const { uploadId } = await api.invoke('session.upload.begin', { name: file.name, size: file.size });
        for (let offset = 0; offset < file.size; offset += CHUNK_BYTES) {
          if (cancelled.current) {
            setState({ phase: 'idle' });
            return;
          }
          const slice = file.slice(offset, Math.min(file.size, offset + CHUNK_BYTES));
          const bytes = new Uint8Array(await slice.arrayBuffer());
          await api.invoke('session.upload.chunk', { uploadId, bytes });
          setState({ phase: 'uploading', name: file.name, sent: offset + bytes.length, size: file.size });
        }
        const started = await api.invoke('session.upload.end', { uploadId });
        jobId.current = started.jobId;
        selectionStore.reset();
        setState({ phase: 'importing', name: file.name, jobId: started.jobId, progress: null });
        onStarted();
        const early = seen.current.get(started.jobId);
        if (early) apply(early);
      } catch (e) {
        setState({ phase: 'failed', name: file.name, message: e instanceof Error ? e.message : String(e) });
      }
    },
    [api, onStarted, apply],
  );

  useEvent('session.importProgress', (items) => {
    for (const p of items) seen.current.set(p.jobId, p);
    const mine = items.filter((p) => p.jobId === jobId.current);
    const last = mine[mine.length - 1];
    if (last) apply(last);
  });

  const cancel = useCallback(() => {
    cancelled.current = true;
    if (jobId.current) void api.invoke('session.cancelImport', { jobId: jobId.current });
  }, [api]);

  const dismiss = useCallback(() => setState({ phase: 'idle' }), []);

  return { state, open, cancel, dismiss };
}
