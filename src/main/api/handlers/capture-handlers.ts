import type { BackendContext } from '../backend-context';
import type { PartialHandlerMap } from '../router';

type CaptureMethod =
  'capture.interfaces' | 'capture.validateFilter' | 'capture.start' | 'capture.stop' | 'capture.status';

export function captureHandlers(ctx: BackendContext): PartialHandlerMap<CaptureMethod> {
  return {
    'capture.interfaces': () => ctx.capture.interfaces(),
    'capture.validateFilter': (input) => ctx.capture.validateFilter(input.interface, input.filter),
    'capture.start': (input) => ctx.capture.start(input),
    'capture.stop': () => ctx.capture.stop(),
    'capture.status': () => ctx.capture.status(),
  };
}
