/** Small display formatters shared by the inspector's list and detail pane. */

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GiB`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Wall-clock time with milliseconds, e.g. 15:04:05.123 (local time). */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function formatDate(epochMs: number | null): string {
  return epochMs === null
    ? ''
    : new Date(epochMs)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');
}

/** "image/png; charset=x" → "png"; a short type for the list's Type column. */
export function shortContentType(contentType: string | null): string {
  if (!contentType) return '';
  const mime = contentType.split(';')[0].trim().toLowerCase();
  const sub = mime.split('/')[1] ?? mime;
  return sub.replace(/^x-/, '').replace(/\+json$/, '+json');
}
