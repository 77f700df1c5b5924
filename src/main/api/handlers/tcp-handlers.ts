import { queryConnections, querySegments } from '../../session/tcp-queries';
import type { BackendContext } from '../backend-context';
import type { PartialHandlerMap } from '../router';

export function tcpHandlers(ctx: BackendContext): PartialHandlerMap<'tcp.connections' | 'tcp.segments'> {
  return {
    'tcp.connections': (input) => queryConnections(ctx.sessions.session, input),
    'tcp.segments': (input) => querySegments(ctx.sessions.session, input.stream, input.offset, input.limit),
  };
}
