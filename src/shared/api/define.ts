/**
 * The building blocks of the API contract. A method is a zod schema for its input (checked at
 * runtime on the main side, whatever the transport) plus a compile-time output type. An event
 * topic carries a compile-time item type; items are always delivered in batches.
 */
import type { z } from 'zod';

export interface MethodSpec<Input extends z.ZodType, Output> {
  readonly input: Input;
  /** Phantom field: only its type matters. */
  readonly output?: Output;
}

/** `method<Output>()(inputSchema)`: curried so the output type can be given while the input is inferred. */
export function method<Output>() {
  return <Input extends z.ZodType>(input: Input): MethodSpec<Input, Output> => ({ input });
}

export interface EventSpec<Item> {
  /** Phantom field: only its type matters. */
  readonly item?: Item;
}

export function event<Item>(): EventSpec<Item> {
  return {};
}

/** Error causes a caller can branch on. Messages are for people; codes are for code. */
export type ApiErrorCode =
  | 'bad-input'
  | 'unknown-method'
  | 'not-found'
  | 'permission-denied'
  | 'unavailable'
  | 'cancelled'
  | 'conflict'
  | 'internal';

export interface ApiErrorShape {
  code: ApiErrorCode;
  message: string;
  /** Extra structured detail, e.g. the zod issues for bad input or a byte offset for a damaged file. */
  details?: unknown;
}

export class ApiError extends Error implements ApiErrorShape {
  readonly code: ApiErrorCode;
  readonly details?: unknown;
  constructor(code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
  toJSON(): ApiErrorShape {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isApiErrorShape(value: unknown): value is ApiErrorShape {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorShape).code === 'string' &&
    typeof (value as ApiErrorShape).message === 'string'
  );
}
