/** Application-level methods: identity, health, settings that live on the main side. */
import { z } from 'zod';
import { event, method } from './define';

export interface AppInfo {
  name: string;
  version: string;
  /** Which transport the backend believes the caller uses. */
  transport: 'electron-ipc' | 'websocket';
  platform: string;
  /** Node.js version of the backend process. */
  nodeVersion: string;
  /** Whether this process can run live captures directly (the capture agent decides for real). */
  dataDir: string;
}

export interface PingResult {
  echo: string;
  /** Milliseconds since the Unix epoch on the backend, for a round-trip check. */
  serverTime: number;
}

export interface HeartbeatEvent {
  /** Monotonic counter; the renderer shows the connection as live while these arrive. */
  seq: number;
  time: number;
}

export const appMethods = {
  'app.info': method<AppInfo>()(z.object({}).strict()),
  'app.ping': method<PingResult>()(z.object({ echo: z.string().max(1000) }).strict()),
};

export const appEvents = {
  'app.heartbeat': event<HeartbeatEvent>(),
};
