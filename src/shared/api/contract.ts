/**
 * The one API contract between the renderer and the main side. Each domain declares its methods and
 * event topics in its own file; this file only merges them. Both transports (Electron IPC and the
 * browser-mode WebSocket) serve exactly this contract.
 */
import type { z } from 'zod';
import { appEvents, appMethods } from './app';
import { captureEvents, captureMethods } from './capture';
import type { EventSpec, MethodSpec } from './define';
import { sessionEvents, sessionMethods } from './session';
import { tcpEvents, tcpMethods } from './tcp';
import { proxyEvents, proxyMethods } from './proxy';

export const methods = {
  ...appMethods,
  ...captureMethods,
  ...sessionMethods,
  ...tcpMethods,
  ...proxyMethods,
} as const;

export const events = {
  ...appEvents,
  ...captureEvents,
  ...sessionEvents,
  ...tcpEvents,
  ...proxyEvents,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> =
  Methods[M] extends MethodSpec<infer I, unknown> ? z.input<I> : never;
export type MethodOutput<M extends MethodName> =
  Methods[M] extends MethodSpec<z.ZodType, infer O> ? O : never;

export type Events = typeof events;
export type EventTopic = keyof Events;
export type EventItem<T extends EventTopic> = Events[T] extends EventSpec<infer I> ? I : never;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}

export function isEventTopic(name: unknown): name is EventTopic {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/**
 * What the renderer sees, whichever transport is underneath. `subscribe` delivers items in batches
 * (one call per flush, never one per packet) and returns the function that unsubscribes.
 */
export interface NetlabApi {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  subscribe<T extends EventTopic>(topic: T, onBatch: (items: EventItem<T>[]) => void): () => void;
}

/** The name of the single object the Electron preload exposes on `window`. */
export { BRIDGE_GLOBAL } from './electron-ipc';
