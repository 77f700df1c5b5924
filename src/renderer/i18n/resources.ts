/**
 * Translation resources, one JSON file per namespace and language under
 * src/shared/i18n/locales/<language>/<namespace>.json. Found with import.meta.glob, so a helper
 * adding a namespace file needs no registration here.
 */
export const SUPPORTED_LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** Turns `{ '.../locales/en/common.json': {...} }` into `{ en: { common: {...} } }`. */
export function buildResources(modules: Record<string, unknown>): Resources {
  const resources: Resources = {};
  for (const [path, content] of Object.entries(modules)) {
    const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const [, language, namespace] = match;
    resources[language] ??= {};
    resources[language][namespace] = content as Record<string, unknown>;
  }
  return resources;
}

export const localeModules: Record<string, unknown> = import.meta.glob('../../shared/i18n/locales/*/*.json', {
  eager: true,
  import: 'default',
});

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}
