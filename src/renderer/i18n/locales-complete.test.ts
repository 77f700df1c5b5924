import { describe, expect, it } from 'vitest';
import { buildResources, localeModules, SUPPORTED_LANGUAGES } from './resources';

/** i18next plural forms: English has _one and _other, Chinese only _other; compare the base key. */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  } else {
    out.set(prefix, value);
  }
  return out;
}

function placeholders(text: unknown): string[] {
  return typeof text === 'string'
    ? [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort()
    : [];
}

const resources = buildResources(localeModules);

describe('translations', () => {
  it('finds the locale files of both languages', () => {
    expect(Object.keys(resources).sort()).toEqual([...SUPPORTED_LANGUAGES].sort());
    expect(Object.keys(resources.en)).toContain('common');
  });

  it('has every namespace in every language', () => {
    const namespaces = new Set(Object.values(resources).flatMap((r) => Object.keys(r)));
    for (const language of SUPPORTED_LANGUAGES) {
      const missing = [...namespaces].filter((ns) => !(ns in resources[language]));
      expect(missing, `namespaces missing in ${language}`).toEqual([]);
    }
  });

  it('has the same keys in English and Chinese, none empty, with the same {{placeholders}}', () => {
    const problems: string[] = [];
    const namespaces = new Set(Object.values(resources).flatMap((r) => Object.keys(r)));
    for (const ns of namespaces) {
      const flat = SUPPORTED_LANGUAGES.map((language) => flatten(resources[language]?.[ns] ?? {}));
      const bases = flat.map((m) => new Set([...m.keys()].map((k) => k.replace(PLURAL_SUFFIX, ''))));
      SUPPORTED_LANGUAGES.forEach((language, i) => {
        for (const [key, value] of flat[i]) {
          if (typeof value === 'string' ? value.trim() === '' : value === null || value === undefined) {
            problems.push(`${language}/${ns}: ${key} is empty`);
          }
          const base = key.replace(PLURAL_SUFFIX, '');
          SUPPORTED_LANGUAGES.forEach((other, j) => {
            if (j !== i && !bases[j].has(base))
              problems.push(`${other}/${ns}: ${base} is missing (${language} has it)`);
          });
        }
      });
      for (const [key, value] of flat[0]) {
        const other = flat[1].get(key);
        if (other !== undefined && placeholders(value).join() !== placeholders(other).join()) {
          problems.push(
            `${ns}: ${key} uses {{${placeholders(value)}}} in English but {{${placeholders(other)}}} in Chinese`,
          );
        }
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });
});
