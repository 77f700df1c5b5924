import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  applyTheme,
  loadThemePreference,
  saveThemePreference,
  THEME_PREFERENCES,
  type ThemePreference,
} from '../theme/theme';

export function ThemeSwitch() {
  const { t } = useTranslation();
  const [preference, setPreference] = useState<ThemePreference>(loadThemePreference);
  return (
    <label className="header-field">
      {t('header.theme')}
      <select
        data-testid="theme-switch"
        value={preference}
        onChange={(event) => {
          const next = event.target.value as ThemePreference;
          setPreference(next);
          saveThemePreference(next);
          applyTheme(next);
        }}
      >
        {THEME_PREFERENCES.map((option) => (
          <option key={option} value={option}>
            {t(`theme.${option}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
