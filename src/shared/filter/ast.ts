/**
 * The syntax tree of a display filter. Every node keeps the character offset (0-based) where it
 * starts in the filter text, so later stages (field check, literal check) can point at the problem.
 */

/** Comparison operators, named after Wireshark's own aliases. */
export type CompareOp =
  /** `==`, `eq`, `any_eq`: true if ANY occurrence equals. */
  | 'any_eq'
  /** `!=`, `ne`, `all_ne`: the field exists and NO occurrence equals (Wireshark 3.6+). */
  | 'all_ne'
  /** `===`, `all_eq`: the field exists and EVERY occurrence equals. */
  | 'all_eq'
  /** `!==`, `any_ne`: some occurrence differs. */
  | 'any_ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge';

/** A value typed without quotes: a number, address, byte string or bare word; kept as typed. */
export interface WordLiteral {
  kind: 'word';
  text: string;
  pos: number;
}

/** A double-quoted (or raw r"...") string; `value` has its escapes resolved. */
export interface StringLiteral {
  kind: 'string';
  value: string;
  pos: number;
}

/** A C-style character constant such as '\n', which Wireshark treats as an integer. */
export interface CharLiteral {
  kind: 'char';
  code: number;
  pos: number;
}

export type Literal = WordLiteral | StringLiteral | CharLiteral;

/**
 * One range of a slice, in bytes: `[i:j]` is start i, length j; `[i-j]` is i to j inclusive;
 * `[i]` one byte; `[:j]` the first j; `[i:]` from i to the end (length undefined). A negative
 * start counts from the end of the field.
 */
export interface SliceRange {
  start: number;
  length?: number;
}

/** Wireshark functions of one field: `len` (bytes), `count` (occurrences), case, and `string`. */
export const FILTER_FUNCTIONS = ['len', 'count', 'lower', 'upper', 'string'] as const;
export type FilterFunction = (typeof FILTER_FUNCTIONS)[number];

/** A field or protocol name, optionally sliced (`eth.src[0:3]`) or masked with `&` (`tcp.flags & 0x02`). */
export interface FieldOperand {
  kind: 'field';
  name: string;
  pos: number;
  slice?: SliceRange[];
  /** Applied to the (sliced) values: `len(http.host)`. */
  fn?: FilterFunction;
  mask?: Literal;
}

export type Operand = FieldOperand | Literal;

/** One element of an `in {...}` set: a single value or an inclusive range `lo..hi`. */
export type SetItem =
  { kind: 'value'; value: Literal } | { kind: 'range'; low: WordLiteral; high: WordLiteral };

/**
 * `any` / `all` before a test: whether one occurrence or every occurrence of the field must pass.
 * `all tcp.port > 1024`; `any ip.addr != 10.0.0.1` (which is `!==`).
 */
export type Quantifier = 'any' | 'all';

export type FilterExpr =
  | { type: 'or'; left: FilterExpr; right: FilterExpr; pos: number }
  | { type: 'and'; left: FilterExpr; right: FilterExpr; pos: number }
  | { type: 'not'; operand: FilterExpr; pos: number }
  /** A bare field or protocol: it is present in the packet. With a mask: some masked value is non-zero. */
  | { type: 'exists'; field: FieldOperand; pos: number }
  | { type: 'compare'; op: CompareOp; left: Operand; right: Operand; pos: number; quantifier?: Quantifier }
  | { type: 'contains'; left: Operand; right: Operand; pos: number; quantifier?: Quantifier }
  | { type: 'matches'; left: Operand; pattern: StringLiteral; pos: number; quantifier?: Quantifier }
  | { type: 'in'; left: Operand; items: SetItem[]; pos: number; quantifier?: Quantifier };
