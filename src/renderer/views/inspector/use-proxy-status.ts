/** The proxy's status, kept current by the `proxy.status` event. */
import { useCallback, useEffect, useState } from 'react';
import type { ProxyStatus } from '../../../shared/model/proxy';
import { useApi, useEvent } from '../../api/api-context';

export function useProxyStatus(): { status: ProxyStatus | null; setStatus: (s: ProxyStatus) => void } {
  const api = useApi();
  const [status, setStatusState] = useState<ProxyStatus | null>(null);
  useEffect(() => {
    let alive = true;
    api.invoke('proxy.status', {}).then(
      (s) => alive && setStatusState(s),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [api]);
  useEvent('proxy.status', (items) => {
    const last = items[items.length - 1];
    if (last) setStatusState(last);
  });
  const setStatus = useCallback((s: ProxyStatus) => setStatusState(s), []);
  return { status, setStatus };
}
