import type { BackendContext } from '../backend-context';
import type { PartialHandlerMap } from '../router';

export function appHandlers(ctx: BackendContext): PartialHandlerMap<'app.info' | 'app.ping'> {
  return {
    'app.info': (_input, call) => ({
      name: 'NetLab',
      version: ctx.version,
      transport: call.transport,
      platform: process.platform,
      nodeVersion: process.versions.node,
      dataDir: ctx.dataDir,
    }),
    'app.ping': (input) => ({ echo: input.echo, serverTime: Date.now() }),
  };
}
