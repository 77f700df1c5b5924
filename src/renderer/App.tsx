/** The app shell: header (connection, language, theme, about), left navigation and the routed views. */
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HashRouter, Navigate, NavLink, Route, Routes } from 'react-router';
import { AboutDialog } from './components/AboutDialog';
import { ConnectionIndicator } from './components/ConnectionIndicator';
import { LanguageSwitch } from './components/LanguageSwitch';
import { ThemeSwitch } from './components/ThemeSwitch';
import { VIEWS } from './views/registry';

export function App({ missingToken = false }: { missingToken?: boolean }) {
  const { t } = useTranslation();
  const [aboutOpen, setAboutOpen] = useState(false);
  return (
    <HashRouter>
      <div className="shell">
        <header className="shell-header">
          <div className="shell-title">
            {t('app.name')}
            <small>{t('app.tagline')}</small>
          </div>
          <ConnectionIndicator />
          <LanguageSwitch />
          <ThemeSwitch />
          <button type="button" data-testid="about-button" onClick={() => setAboutOpen(true)}>
            {t('header.about')}
          </button>
        </header>
        <nav className="shell-nav" aria-label={t('nav.label')}>
          <ul>
            {VIEWS.map((view) => (
              <li key={view.id}>
                <NavLink to={`/${view.id}`} data-testid={`nav-${view.id}`}>
                  {t(`nav.${view.id}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main className="shell-main">
          {missingToken && (
            <p className="banner-error" role="alert" data-testid="missing-token">
              {t('errors.missingToken')}
            </p>
          )}
          <Suspense fallback={<p>{t('views.loading')}</p>}>
            <Routes>
              {VIEWS.map(({ id, Component }) => (
                <Route key={id} path={`/${id}/*`} element={<Component />} />
              ))}
              <Route path="*" element={<Navigate to="/capture" replace />} />
            </Routes>
          </Suspense>
        </main>
      </div>
      {aboutOpen && <AboutDialog onClose={() => setAboutOpen(false)} />}
    </HashRouter>
  );
}
