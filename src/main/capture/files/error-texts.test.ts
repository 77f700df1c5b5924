/** Every kind of read error has a headline and an advice in both languages, with the same keys. */
import { describe, expect, it } from 'vitest';
import en from '../../../shared/i18n/locales/en/captureFiles.json';
import zh from '../../../shared/i18n/locales/zh-CN/captureFiles.json';
import type { CaptureReadErrorKind } from './types';

const kinds: CaptureReadErrorKind[] = ['not-a-capture', 'unsupported', 'truncated', 'damaged', 'io'];

function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keyPaths(inner, prefix ? `${prefix}.${key}` : key));
}

describe('capture file error texts', () => {
  it('English and Chinese have the same keys', () => {
    expect(keyPaths(zh).sort()).toEqual(keyPaths(en).sort());
  });

  it('each error kind says what happened and what to do, in both languages', () => {
    for (const kind of kinds) {
      for (const texts of [en.errors, zh.errors]) {
        expect(texts[kind].title.length).toBeGreaterThan(4);
        expect(texts[kind].advice.length).toBeGreaterThan(10);
      }
    }
  });

  it('placeholders match between the languages', () => {
    const placeholders = (text: string): string[] => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    const flat = (value: unknown, prefix = ''): [string, string][] =>
      typeof value === 'string'
        ? [[prefix, value]]
        : Object.entries(value as object).flatMap(([k, v]) => flat(v, prefix ? `${prefix}.${k}` : k));
    const chinese = new Map(flat(zh));
    for (const [key, text] of flat(en))
      expect(placeholders(chinese.get(key) ?? ''), key).toEqual(placeholders(text));
  });
});
