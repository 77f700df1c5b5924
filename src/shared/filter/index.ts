/**
 * Wireshark-style display filters: parse, check and compile in one call.
 *
 *   const result = compileFilter('tcp.port == 80 && !tcp.analysis.retransmission', { knownFields });
 *   if (result.ok) packets.filter((p) => result.filter.matches(packetFieldSource(p)));
 *   else show(result.error.position, t(`filter:errors.${result.error.key}`, result.error.params));
 *
 * Pure TypeScript without Node imports: the renderer validates as the user types, the main side
 * and the CLI evaluate.
 */
import type { FilterExpr } from './ast';
import { compileExpr, referencedFields, type CompileOptions, type FilterPredicate } from './compile';
import { FilterSyntaxError, type FilterError } from './errors';
import { parseFilter } from './parser';
import { printFilter } from './print';

export interface CompiledFilter {
  /** The filter as typed. */
  text: string;
  /** The canonical form (C-like operators, explicit grouping); empty for the match-all filter. */
  canonical: string;
  expr: FilterExpr | null;
  /**
   * Every field and protocol name the filter reads. Callers can skip work with it, e.g. no full
   * decode when a filter only reads `frame.*` or analysis values.
   */
  fields: string[];
  matches: FilterPredicate;
}

export type CompileResult = { ok: true; filter: CompiledFilter } | { ok: false; error: FilterError };

const MATCH_ALL: FilterPredicate = () => true;

export function compileFilter(text: string, options: CompileOptions = {}): CompileResult {
  const parsed = parseFilter(text);
  if (!parsed.ok) return parsed;
  try {
    const matches = parsed.expr ? compileExpr(parsed.expr, options) : MATCH_ALL;
    const fields = referencedFields(parsed.expr, options);
    return {
      ok: true,
      filter: { text, canonical: printFilter(parsed.expr), expr: parsed.expr, fields, matches },
    };
  } catch (e) {
    if (e instanceof FilterSyntaxError) return { ok: false, error: e.error };
    throw e;
  }
}

/** For as-you-type validation: null when the filter is fine, else the first error. */
export function checkFilter(text: string, options: CompileOptions = {}): FilterError | null {
  const result = compileFilter(text, options);
  return result.ok ? null : result.error;
}

export type { CompareOp, FilterExpr, Literal, Operand, SetItem } from './ast';
export type { CompileOptions, FilterPredicate } from './compile';
export type { FilterScalar } from './compare';
export type { FilterError, FilterErrorKey } from './errors';
export {
  mapFieldSource,
  packetFieldSource,
  type ExtraFieldValues,
  type FilterFieldSource,
  type PacketSourceOptions,
} from './field-source';
export {
  BUILTIN_FIELD_KINDS,
  BUILTIN_FIELD_NAMES,
  FIELD_ALIASES,
  PROTOCOL_NAMES,
  type FieldKind,
} from './fields';
export { NETLAB_KNOWN_FIELDS } from './known-fields';
export { parseFilter, type ParseResult } from './parser';
export { printFilter } from './print';
