/**
 * The pieces of evaluation that do not depend on the compiler's state: how an operator combines
 * the occurrences of a field, Wireshark's one-field functions, and PCRE-to-JavaScript patterns.
 */
import type { CompareOp, FilterFunction, Quantifier } from './ast';
import { byteLength, equals, order, type FilterScalar } from './compare';
import { fail } from './errors';
import type { FilterFieldSource } from './field-source';
import type { ValueReadings } from './literals';

export type ValuesReader = (s: FilterFieldSource) => readonly FilterScalar[];

/** Wireshark's one-field functions, applied to every occurrence (count: to all of them at once). */
export function applyFunction(
  fn: FilterFunction,
  name: string,
  read: ValuesReader,
  isText: boolean,
): ValuesReader {
  switch (fn) {
    case 'count':
      return (s) => {
        const n = read(s).length;
        // A protocol without its bytes has no values but is still there once.
        return n > 0 ? [n] : s.has(name) ? [1] : [];
      };
    case 'len':
      return (s) => read(s).flatMap((v) => byteLength(v, isText) ?? []);
    case 'lower':
      return (s) => read(s).flatMap((v) => (typeof v === 'string' ? [v.toLowerCase()] : []));
    case 'upper':
      return (s) => read(s).flatMap((v) => (typeof v === 'string' ? [v.toUpperCase()] : []));
    case 'string':
      return (s) =>
        read(s).flatMap((v) =>
          typeof v === 'number'
            ? [String(v)]
            : typeof v === 'boolean'
              ? [v ? '1' : '0']
              : typeof v === 'string'
                ? [v]
                : [],
        );
  }
}

/** Bytes as a big-endian unsigned integer (at most 6 bytes, exact in a double). */
export function bytesToNumber(bytes: Uint8Array): number {
  let n = 0;
  for (const byte of bytes.subarray(0, 6)) n = n * 256 + byte;
  return n;
}

export function comparator(
  op: CompareOp,
): (left: readonly FilterScalar[], right: readonly ValueReadings[]) => boolean {
  const anyPair = (
    left: readonly FilterScalar[],
    right: readonly ValueReadings[],
    test: (v: FilterScalar, r: ValueReadings) => boolean,
  ): boolean => left.some((v) => right.some((r) => test(v, r)));
  switch (op) {
    case 'any_eq':
      return (l, r) => anyPair(l, r, equals);
    case 'all_ne':
      // Wireshark 3.6+: `a != b` is "a exists and no occurrence equals b".
      return (l, r) => l.length > 0 && r.length > 0 && !anyPair(l, r, equals);
    case 'all_eq':
      return (l, r) => l.length > 0 && r.length > 0 && l.every((v) => r.every((x) => equals(v, x)));
    case 'any_ne':
      return (l, r) => anyPair(l, r, (v, x) => !equals(v, x) && order(v, x) !== undefined);
    case 'lt':
      return (l, r) => anyPair(l, r, (v, x) => (order(v, x) ?? 0) < 0);
    case 'le':
      return (l, r) => anyPair(l, r, (v, x) => (order(v, x) ?? 1) <= 0);
    case 'gt':
      return (l, r) => anyPair(l, r, (v, x) => (order(v, x) ?? 0) > 0);
    case 'ge':
      return (l, r) => anyPair(l, r, (v, x) => (order(v, x) ?? -1) >= 0);
  }
}

/** `any`: some occurrence passes; `all`: the field occurs and every occurrence passes. */
export function quantify<T>(
  values: readonly T[],
  quantifier: Quantifier,
  passes: (v: T) => boolean,
): boolean {
  return quantifier === 'any' ? values.some(passes) : values.length > 0 && values.every(passes);
}

/**
 * An explicit `any` / `all` replaces the operator's own quantifier: `all x == 1` is `x === 1`,
 * `any x != 1` is `x !== 1`, `all x > 1` needs every occurrence above 1.
 */
export function quantifiedComparator(
  op: CompareOp,
  quantifier: Quantifier,
): (left: readonly FilterScalar[], right: readonly ValueReadings[]) => boolean {
  const relation = (v: FilterScalar, r: ValueReadings): boolean => {
    switch (op) {
      case 'any_eq':
      case 'all_eq':
        return equals(v, r);
      case 'any_ne':
      case 'all_ne':
        return !equals(v, r) && order(v, r) !== undefined;
      case 'lt':
        return (order(v, r) ?? 0) < 0;
      case 'le':
        return (order(v, r) ?? 1) <= 0;
      case 'gt':
        return (order(v, r) ?? 0) > 0;
      case 'ge':
        return (order(v, r) ?? -1) >= 0;
    }
  };
  return (left, right) =>
    right.length > 0 && quantify(left, quantifier, (v) => right.some((r) => relation(v, r)));
}

/**
 * Wireshark uses PCRE2, case-insensitive unless the pattern starts with `(?-i)`. JavaScript's
 * RegExp covers the common subset; leading inline flags are translated, the rest is rejected.
 */
export function compileRegex(pattern: string, pos: number): RegExp {
  let source = pattern;
  let flags = 'i';
  const inline = /^\(\?(-?)([imsx]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    for (const flag of inline[2]) {
      if (flag === 'x')
        return fail('invalidRegex', pos, pattern.length + 2, { reason: '(?x) is not supported' });
      if (inline[1]) flags = flags.replace(flag, '');
      else if (!flags.includes(flag)) flags += flag;
    }
  }
  try {
    return new RegExp(source, flags + 'u');
  } catch (e) {
    const reason = e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e);
    return fail('invalidRegex', pos, pattern.length + 2, { reason });
  }
}
