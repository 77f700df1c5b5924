/** About NetLab: asks the backend who it is (app.info) and measures a round trip (app.ping). */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../shared/api/app';
import { useApi } from '../api/api-context';

type AboutState =
  | { phase: 'loading' }
  | { phase: 'ready'; info: AppInfo; roundTripMs: number }
  | { phase: 'failed'; message: string };

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [state, setState] = useState<AboutState>({ phase: 'loading' });

  useEffect(() => {
    let cancelled = false;
    const started = performance.now();
    Promise.all([api.invoke('app.info', {}), api.invoke('app.ping', { echo: 'about' })])
      .then(([info]) => {
        if (!cancelled)
          setState({ phase: 'ready', info, roundTripMs: Math.round(performance.now() - started) });
      })
      .catch((error: unknown) => {
        if (!cancelled)
          setState({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      cancelled = true;
    };
  }, [api]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="dialog-overlay" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="about-title"
        data-testid="about-dialog"
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id="about-title">{t('about.title')}</h2>
        {state.phase === 'loading' && <p>{t('about.loading')}</p>}
        {state.phase === 'failed' && (
          <p className="banner-error">{t('about.error', { message: state.message })}</p>
        )}
        {state.phase === 'ready' && (
          <dl>
            <dt>{t('about.version')}</dt>
            <dd data-testid="about-version">{state.info.version}</dd>
            <dt>{t('about.transport')}</dt>
            <dd data-testid="about-transport">{t(`about.transports.${state.info.transport}`)}</dd>
            <dt>{t('about.platform')}</dt>
            <dd>{state.info.platform}</dd>
            <dt>{t('about.node')}</dt>
            <dd>{state.info.nodeVersion}</dd>
            <dt>{t('about.dataDir')}</dt>
            <dd>{state.info.dataDir}</dd>
            <dt>{t('about.roundTrip')}</dt>
            <dd data-testid="about-round-trip">{t('about.roundTripValue', { ms: state.roundTripMs })}</dd>
          </dl>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose} autoFocus>
            {t('about.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
