/**
 * The one implementation of the contract, independent of transport. Every call is validated here
 * against the method's zod schema before any handler runs, so both transports get the same checks
 * and the same clear errors.
 */
import type { z } from 'zod';
import { ApiError, type ApiErrorShape } from '../../shared/api/define';
import {
  isMethodName,
  methods,
  type MethodName,
  type MethodOutput,
  type Methods,
} from '../../shared/api/contract';

export interface CallContext {
  transport: 'electron-ipc' | 'websocket';
}

export type Handler<M extends MethodName> = (
  input: z.output<Methods[M]['input']>,
  ctx: CallContext,
) => Promise<MethodOutput<M>> | MethodOutput<M>;

export type HandlerMap = { [M in MethodName]: Handler<M> };
export type PartialHandlerMap<K extends MethodName> = { [M in K]: Handler<M> };

export type CallResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorShape };

export class ApiRouter {
  constructor(private readonly handlers: HandlerMap) {}

  async call(methodName: unknown, rawInput: unknown, ctx: CallContext): Promise<CallResult> {
    if (!isMethodName(methodName)) {
      return {
        ok: false,
        error: {
          code: 'unknown-method',
          message: `Unknown API method ${JSON.stringify(String(methodName)).slice(0, 100)}. Update the app so both sides agree.`,
        },
      };
    }
    const parsed = methods[methodName].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      const first = issues[0];
      return {
        ok: false,
        error: {
          code: 'bad-input',
          message: `Bad input for ${methodName}: ${first ? `${first.path || '(root)'}: ${first.message}` : 'invalid'}.`,
          details: issues,
        },
      };
    }
    try {
      const handler = this.handlers[methodName] as Handler<MethodName>;
      const result = await handler(parsed.data as never, ctx);
      return { ok: true, result };
    } catch (error) {
      return { ok: false, error: toErrorShape(error) };
    }
  }
}

export function toErrorShape(error: unknown): ApiErrorShape {
  if (error instanceof ApiError) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Internal error: ${message}` };
}
