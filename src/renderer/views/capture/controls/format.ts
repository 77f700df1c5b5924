/** Number, byte, time and duration formatting for the capture view (locale-aware, pure). */

// Intl formatters are expensive to build (a fraction of a millisecond each): a scrolling list
// formats hundreds of cells per second, so build each one once per language and option set.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(language: string, maximumFractionDigits?: number): Intl.NumberFormat {
  const key = `${language}|${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, { maximumFractionDigits });
    numberFormats.set(key, format);
  }
  return format;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock time of day ("3:20:59 PM", "15:20:59") from milliseconds since the epoch. */
export function formatTimeOfDay(epochMs: number, language: string): string {
  let format = timeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit', second: '2-digit' });
    timeFormats.set(language, format);
  }
  return format.format(epochMs);
}

export function formatCount(value: number, language: string): string {
  return numberFormat(language).format(value);
}

/** 1536 → "1.5 KiB": binary units, as tcpdump and Wireshark's statistics use. */
export function formatBytes(value: number, language: string): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = value;
  let unit = 0;
  while (v >= 1024 && unit < units.length - 1) {
    v /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : v < 10 ? 2 : 1;
  return `${numberFormat(language, digits).format(v)} ${units[unit]}`;
}

/** Seconds → "850 µs", "12.3 ms", "1.20 s", "2 min 5 s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds === 0) return '0 s';
  if (seconds < 1e-3) return `${Math.round(seconds * 1e6)} µs`;
  if (seconds < 1) return `${(seconds * 1e3).toFixed(seconds < 0.01 ? 2 : 1)} ms`;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}
