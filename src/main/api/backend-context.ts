/** What every handler group may use: configuration and the shared event bus. Domain services are added here. */
import type { CaptureService } from '../capture/live/capture-service';
import type { SessionService } from '../session/session-service';
import type { EventBus } from './event-bus';
import type { ProxyService } from '../proxy/proxy-service';

export interface BackendContext {
  version: string;
  /** NetLab's data folder (CA, settings, spill files): --data-dir, NETLAB_HOME or ~/.netlab. */
  dataDir: string;
  events: EventBus;
  capture: CaptureService;
  sessions: SessionService;
  proxy: ProxyService;
}
