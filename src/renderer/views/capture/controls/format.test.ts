import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration, formatTimeOfDay } from './format';

describe('capture view formatting', () => {
  it('writes durations with a unit that fits', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(0.000212)).toBe('212 µs');
    expect(formatDuration(0.0042)).toBe('4.20 ms');
    expect(formatDuration(1.58)).toBe('1.58 s');
    expect(formatDuration(125)).toBe('2 min 5 s');
    expect(formatDuration(-1)).toBe('–');
  });

  it('writes bytes in binary units and counts with the language’s separators', () => {
    expect(formatBytes(752, 'en')).toBe('752 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KiB');
    expect(formatCount(100000, 'en')).toBe('100,000');
    expect(formatCount(100000, 'zh-CN')).toBe('100,000');
  });

  it('writes the time of day in the language’s style', () => {
    const noonUtc = Date.UTC(2026, 10, 24, 12, 0, 5);
    expect(formatTimeOfDay(noonUtc, 'en')).toMatch(/\d{1,2}:00:05/);
  });
});
