/** i18next set-up: English and Simplified Chinese, the choice remembered in localStorage. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { buildResources, isLanguage, localeModules, type Language } from './resources';

const LANGUAGE_STORAGE_KEY = 'netlab.language';

/** The remembered choice, else the browser's language when it is Chinese, else English. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(LANGUAGE_STORAGE_KEY);
  if (isLanguage(saved)) return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function initI18n(): typeof i18next {
  const resources = buildResources(localeModules);
  const language = initialLanguage();
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    ns: Object.keys(resources.en ?? {}),
    defaultNS: 'common',
    // React escapes output already.
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}
