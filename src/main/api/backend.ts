/**
 * Builds the backend: services, the event bus and the router over all handler groups. Electron and
 * browser mode both create exactly one of these and attach their transport to it.
 */
import { appHandlers } from './handlers/app-handlers';
import { captureHandlers } from './handlers/capture-handlers';
import { sessionHandlers } from './handlers/session-handlers';
import { tcpHandlers } from './handlers/tcp-handlers';
import { connectProxyEvents, proxyHandlers } from './handlers/proxy-handlers';
import { ProxyService } from '../proxy/proxy-service';
import { SessionService } from '../session/session-service';
import { connectCaptureToSession } from '../session/live-link';
import { CaptureService } from '../capture/live/capture-service';
import type { BackendContext } from './backend-context';
import { EventBus } from './event-bus';
import { ApiRouter, type HandlerMap } from './router';

export interface BackendOptions {
  version: string;
  dataDir: string;
}

export interface Backend {
  router: ApiRouter;
  events: EventBus;
  context: BackendContext;
  close(): Promise<void>;
}

export function createBackend(options: BackendOptions): Backend {
  const events = new EventBus();
  // Live capture; the session store connects by setting `context.capture.onFrames`.
  const capture = new CaptureService({
    publishStatus: (status) => events.publish('capture.status', status),
    publishError: (problem) => events.publish('capture.error', problem),
  });
  const sessions = new SessionService(options.dataDir, events);
  connectCaptureToSession(capture, sessions, events);
  const proxy = new ProxyService({ dataDir: options.dataDir, persistSettings: true });
  connectProxyEvents(proxy, events);
  // Saved pcapng files carry the proxy's TLS secrets, so Wireshark (and NetLab) can decrypt the capture.
  sessions.session.keyLogProvider = () => proxy.getKeyLog();
  const context: BackendContext = {
    version: options.version,
    dataDir: options.dataDir,
    events,
    capture,
    sessions,
    proxy,
  };
  const handlers: HandlerMap = {
    ...appHandlers(context),
    ...captureHandlers(context),
    ...sessionHandlers(context),
    ...tcpHandlers(context),
    ...proxyHandlers(context),
  };
  let heartbeatSeq = 0;
  const heartbeat = setInterval(() => {
    events.publish('app.heartbeat', { seq: ++heartbeatSeq, time: Date.now() });
  }, 1000);
  heartbeat.unref();
  return {
    router: new ApiRouter(handlers),
    events,
    context,
    async close() {
      clearInterval(heartbeat);
      await capture.dispose();
      sessions.close();
      await proxy.dispose();
      events.close();
    },
  };
}
