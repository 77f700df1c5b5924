/**
 * Shows the backend as live while app.heartbeat events keep arriving (one per second). A ping on
 * mount makes it live at once instead of after the first heartbeat.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useEvent } from '../api/api-context';

/** Three missed heartbeats mean the backend or the connection is gone. */
const STALE_AFTER_MS = 3500;

export function ConnectionIndicator() {
  const { t } = useTranslation();
  const [lastBeatAt, setLastBeatAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const api = useApi();
  useEvent('app.heartbeat', () => setLastBeatAt(Date.now()));
  useEffect(() => {
    api.invoke('app.ping', { echo: 'connection' }).then(
      () => setLastBeatAt(Date.now()),
      () => undefined, // stays "disconnected"; the heartbeat decides from here on
    );
  }, [api]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const live = lastBeatAt !== null && now - lastBeatAt < STALE_AFTER_MS;
  return (
    <span
      className="connection"
      data-testid="connection-indicator"
      data-state={live ? 'live' : 'lost'}
      title={t(live ? 'connection.liveHint' : 'connection.lostHint')}
      role="status"
    >
      <span className="connection-dot" aria-hidden="true" />
      {t(live ? 'connection.live' : 'connection.lost')}
    </span>
  );
}
