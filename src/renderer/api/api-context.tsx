/** Makes the API client available to every component, whatever its transport. */
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { EventItem, EventTopic, NetlabApi } from '../../shared/api/contract';

const ApiContext = createContext<NetlabApi | null>(null);

export function ApiProvider({ api, children }: { api: NetlabApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): NetlabApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <ApiProvider> above it.');
  return api;
}

/**
 * Subscribes to an event topic for the component's lifetime. The latest `onBatch` is always the
 * one called, so passing an inline function does not resubscribe on every render.
 */
export function useEvent<T extends EventTopic>(topic: T, onBatch: (items: EventItem<T>[]) => void): void {
  const api = useApi();
  const latest = useRef(onBatch);
  useEffect(() => {
    latest.current = onBatch;
  });
  useEffect(() => api.subscribe(topic, (items) => latest.current(items)), [api, topic]);
}
