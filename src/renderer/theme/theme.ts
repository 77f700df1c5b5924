/**
 * Light and dark themes are CSS variables (styles/global.css) keyed on <html data-theme>. The
 * default follows the operating system, live; an explicit choice is remembered in localStorage.
 */
export const THEME_PREFERENCES = ['system', 'light', 'dark'] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];

const THEME_STORAGE_KEY = 'netlab.theme';
const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

export function loadThemePreference(): ThemePreference {
  const saved = localStorage.getItem(THEME_STORAGE_KEY);
  return (THEME_PREFERENCES as readonly string[]).includes(saved ?? '')
    ? (saved as ThemePreference)
    : 'system';
}

export function saveThemePreference(preference: ThemePreference): void {
  localStorage.setItem(THEME_STORAGE_KEY, preference);
}

let stopFollowingSystem: (() => void) | null = null;

/** Applies a preference to the document; 'system' keeps following OS changes until another call. */
export function applyTheme(preference: ThemePreference): void {
  stopFollowingSystem?.();
  stopFollowingSystem = null;
  const set = (dark: boolean) => {
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
  };
  if (preference !== 'system') {
    set(preference === 'dark');
    return;
  }
  const query = darkQuery();
  set(query.matches);
  const onChange = (event: MediaQueryListEvent) => set(event.matches);
  query.addEventListener('change', onChange);
  stopFollowingSystem = () => query.removeEventListener('change', onChange);
}
