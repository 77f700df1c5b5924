/**
 * Channel names of the Electron IPC transport, shared by the preload and the main process. There is
 * one request channel for every API method (the method name travels as data and is checked by the
 * router), so adding a method never adds an IPC channel.
 */
export const IPC_CHANNELS = {
  /** renderer → main, invoke(method, input) → CallResult */
  invoke: 'netlab:invoke',
  /** renderer → main, (topic): start receiving batches of this topic */
  subscribe: 'netlab:subscribe',
  /** renderer → main, (topic): stop receiving batches of this topic */
  unsubscribe: 'netlab:unsubscribe',
  /** main → renderer, (topic, items[]): one batch per event-bus flush */
  event: 'netlab:event',
} as const;

/**
 * The name of the single object the Electron preload exposes on `window`. Kept here, free of zod and
 * the method schemas, so the sandboxed preload bundle stays tiny; contract.ts re-exports it.
 */
export const BRIDGE_GLOBAL = 'netlab';
