/**
 * Filter errors are data: an i18n key in the `filter` namespace, its params, and where in the text
 * the problem is. The English message is rendered from the same resource file, so the CLI and the
 * renderer say the same thing.
 */
import en from '../i18n/locales/en/filter.json';

export type FilterErrorKey = keyof typeof en.errors;

export interface FilterError {
  /** Key under `errors.` in the `filter` namespace, e.g. 'unknownField'. */
  key: FilterErrorKey;
  /** Interpolation params for the message; always includes `column` (1-based). */
  params: Record<string, string | number>;
  /** 0-based character offset of the problem in the filter text. */
  position: number;
  /** How many characters to underline (at least 1). */
  length: number;
  /** The English message. */
  message: string;
}

export function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function filterError(
  key: FilterErrorKey,
  position: number,
  length: number,
  params: Record<string, string | number> = {},
): FilterError {
  const full = { ...params, column: position + 1 };
  return {
    key,
    params: full,
    position,
    length: Math.max(1, length),
    message: interpolate(en.errors[key], full),
  };
}

/** Thrown inside the lexer and parser only; the public API turns it into a result value. */
export class FilterSyntaxError extends Error {
  constructor(readonly error: FilterError) {
    super(error.message);
  }
}

export function fail(
  key: FilterErrorKey,
  position: number,
  length: number,
  params?: Record<string, string | number>,
): never {
  throw new FilterSyntaxError(filterError(key, position, length, params));
}
