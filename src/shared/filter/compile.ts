/**
 * Turns a parsed filter into a predicate over a FilterFieldSource. All checks that can fail
 * (unknown fields, values that cannot be an address, bad regular expressions) happen here, once,
 * with the position of the culprit; the predicate itself never throws.
 */
import type { CompareOp, FieldOperand, FilterExpr, Literal, Operand, Quantifier, SetItem } from './ast';
import {
  contains,
  equals,
  order,
  readingsOfScalar,
  sliceValue,
  textForMatch,
  type FilterScalar,
} from './compare';
import { fail } from './errors';
import {
  applyFunction,
  bytesToNumber,
  comparator,
  compileRegex,
  quantifiedComparator,
  quantify,
} from './operators';
import type { FilterFieldSource } from './field-source';
import { BUILTIN_FIELD_KINDS, BUILTIN_FIELD_NAMES, PROTOCOL_NAMES, type FieldKind } from './fields';
import { readLiteral, type ValueReadings } from './literals';
import { isFieldName } from './parser';
import { suggestField } from './suggest';

export type FilterPredicate = (source: FilterFieldSource) => boolean;

export interface CompileOptions {
  /** Field ids the decoders define. When given, other names are errors with a spelling suggestion. */
  knownFields?: Iterable<string>;
  /** Value kinds of fields beyond the built-in table, to check literals while typing. */
  fieldKinds?: Readonly<Record<string, FieldKind>>;
}

type ValuesOf = (source: FilterFieldSource) => readonly ValueReadings[];

const FLIPPED: Record<CompareOp, CompareOp> = {
  any_eq: 'any_eq',
  all_ne: 'all_ne',
  all_eq: 'all_eq',
  any_ne: 'any_ne',
  lt: 'gt',
  le: 'ge',
  gt: 'lt',
  ge: 'le',
};

export function compileExpr(expr: FilterExpr, options: CompileOptions = {}): FilterPredicate {
  return new Compiler(options).compile(expr);
}

/** The field names a filter reads (right-hand words count when they name a field). */
export function referencedFields(expr: FilterExpr | null, options: CompileOptions = {}): string[] {
  const compiler = new Compiler(options);
  const names = new Set<string>();
  const operand = (o: Operand): void => {
    const field = compiler.asField(o);
    if (field) names.add(field.name);
  };
  const visit = (e: FilterExpr): void => {
    switch (e.type) {
      case 'or':
      case 'and':
        visit(e.left);
        visit(e.right);
        return;
      case 'not':
        visit(e.operand);
        return;
      case 'exists':
        names.add(e.field.name);
        return;
      case 'compare':
      case 'contains':
        operand(e.left);
        operand(e.right);
        return;
      case 'matches':
      case 'in':
        operand(e.left);
        return;
    }
  };
  if (expr) visit(expr);
  return [...names].sort();
}

class Compiler {
  private readonly known: Set<string> | undefined;
  private readonly kinds: Readonly<Record<string, FieldKind>>;

  constructor(options: CompileOptions) {
    this.known = options.knownFields ? new Set([...options.knownFields, ...BUILTIN_FIELD_NAMES]) : undefined;
    this.kinds = options.fieldKinds ? { ...BUILTIN_FIELD_KINDS, ...options.fieldKinds } : BUILTIN_FIELD_KINDS;
  }

  compile(expr: FilterExpr): FilterPredicate {
    switch (expr.type) {
      case 'or': {
        const left = this.compile(expr.left);
        const right = this.compile(expr.right);
        return (s) => left(s) || right(s);
      }
      case 'and': {
        const left = this.compile(expr.left);
        const right = this.compile(expr.right);
        return (s) => left(s) && right(s);
      }
      case 'not': {
        const operand = this.compile(expr.operand);
        return (s) => !operand(s);
      }
      case 'exists': {
        const field = this.checkField(expr.field);
        if (!field.mask && !field.slice && !field.fn) return (s) => s.has(field.name);
        const values = this.fieldValues(field);
        if (!field.mask) return (s) => values(s).length > 0;
        return (s) => values(s).some((value) => value !== 0);
      }
      case 'compare':
        return this.compileCompare(expr.op, expr.left, expr.right, expr.quantifier);
      case 'contains': {
        const left = this.requireFieldValues(expr.left);
        const right = this.operandReadings(expr.right, expr.left, 'contains');
        const all = expr.quantifier === 'all';
        return (s) => {
          const values = left(s);
          const passes = (v: FilterScalar) => right(s).some((lit) => contains(v, lit));
          return values.length > 0 && (all ? values.every(passes) : values.some(passes));
        };
      }
      case 'matches': {
        const left = this.requireFieldValues(expr.left);
        const regex = compileRegex(expr.pattern.value, expr.pattern.pos);
        const passes = (v: FilterScalar) => {
          const text = textForMatch(v);
          return text !== undefined && regex.test(text);
        };
        if (expr.quantifier === 'all') return (s) => quantify(left(s), 'all', passes);
        return (s) => left(s).some(passes);
      }
      case 'in':
        return this.compileIn(expr.left, expr.items, expr.quantifier);
    }
  }

  private compileCompare(
    op: CompareOp,
    leftOperand: Operand,
    rightOperand: Operand,
    quantifier: Quantifier | undefined,
  ): FilterPredicate {
    let left = this.asField(leftOperand);
    let right = rightOperand;
    if (!left) {
      // `80 == tcp.port`: turn it around so the field is on the left.
      const swapped = this.asField(rightOperand);
      if (!swapped) {
        const text = leftOperand.kind === 'word' ? leftOperand.text : '';
        return fail('notAField', leftOperand.pos, Math.max(1, text.length), { text });
      }
      left = swapped;
      right = leftOperand;
      op = FLIPPED[op];
    }
    const values = this.fieldValues(this.checkField(left));
    const rights = this.operandReadings(right, left, 'compare');
    const test = quantifier ? quantifiedComparator(op, quantifier) : comparator(op);
    return (s) => test(values(s), rights(s));
  }

  private compileIn(
    leftOperand: Operand,
    items: SetItem[],
    quantifier: Quantifier | undefined,
  ): FilterPredicate {
    const left = this.requireFieldValues(leftOperand);
    const kind = this.kindOf(leftOperand);
    const tests = items.map((item): ((v: FilterScalar) => boolean) => {
      if (item.kind === 'value') {
        const lit = this.literalReadings(item.value, kind, leftOperand);
        return (v) => equals(v, lit);
      }
      const low = this.literalReadings(item.low, kind, leftOperand);
      const high = this.literalReadings(item.high, kind, leftOperand);
      return (v) => (order(v, low) ?? -1) >= 0 && (order(v, high) ?? 1) <= 0;
    });
    const inSet = (v: FilterScalar) => tests.some((test) => test(v));
    return (s) => quantify(left(s), quantifier ?? 'any', inSet);
  }

  /** A field operand, or a right-hand word that names a field (`ip.src == ip.dst`). */
  asField(operand: Operand): FieldOperand | undefined {
    if (operand.kind === 'field') return operand;
    if (operand.kind === 'word' && this.isFieldReference(operand.text)) {
      return { kind: 'field', name: operand.text, pos: operand.pos };
    }
    return undefined;
  }

  private isFieldReference(word: string): boolean {
    if (!isFieldName(word) || !word.includes('.')) return false;
    if (this.known) return this.known.has(word);
    return word in this.kinds || PROTOCOL_NAMES.includes(word.slice(0, word.indexOf('.')));
  }

  private checkField(field: FieldOperand): FieldOperand {
    if (this.known && !this.known.has(field.name)) {
      const suggestion = suggestField(field.name, this.known);
      if (suggestion) fail('unknownField', field.pos, field.name.length, { field: field.name, suggestion });
      fail('unknownFieldNoHint', field.pos, field.name.length, { field: field.name });
    }
    return field;
  }

  private requireFieldValues(operand: Operand): (s: FilterFieldSource) => readonly FilterScalar[] {
    const field = this.asField(operand);
    if (!field) {
      const text = operand.kind === 'word' ? operand.text : operand.kind === 'string' ? operand.value : '';
      return fail('notAField', operand.pos, Math.max(1, text.length), { text });
    }
    return this.fieldValues(this.checkField(field));
  }

  /** The field's values, masked with `&` when the operand says so (non-numbers drop out). */
  private fieldValues(field: FieldOperand): (s: FilterFieldSource) => readonly FilterScalar[] {
    const name = field.name;
    const slice = field.slice;
    const isText = this.kinds[name] === 'string';
    const sliced = slice
      ? (s: FilterFieldSource) => s.values(name).flatMap((v) => sliceValue(v, slice, isText) ?? [])
      : (s: FilterFieldSource) => s.values(name);
    const read = field.fn ? applyFunction(field.fn, name, sliced, isText) : sliced;
    if (!field.mask) return read;
    const maskReadings = readLiteral(field.mask);
    // A byte-string mask (`ip[42:2] & 40:ff`) is the big-endian integer of its bytes.
    const mask = maskReadings.number ?? (maskReadings.bytes ? bytesToNumber(maskReadings.bytes) : undefined);
    if (mask === undefined || !Number.isInteger(mask)) {
      return fail('invalidMask', field.mask.pos, 1, { value: maskReadings.text });
    }
    return (s) => {
      const out: number[] = [];
      for (const v of read(s)) {
        if (typeof v === 'number') out.push(Number(BigInt(Math.trunc(v)) & BigInt(mask)));
        else if (typeof v === 'boolean') out.push((v ? 1 : 0) & mask);
        else if (v instanceof Uint8Array && v.length <= 6)
          out.push(Number(BigInt(bytesToNumber(v)) & BigInt(mask)));
      }
      return out;
    };
  }

  private kindOf(operand: Operand): FieldKind | undefined {
    if (operand.kind !== 'field' || operand.mask) return undefined;
    if (operand.fn) return operand.fn === 'len' || operand.fn === 'count' ? 'number' : 'string';
    if (operand.slice) return 'bytes';
    return PROTOCOL_NAMES.includes(operand.name) ? 'bytes' : this.kinds[operand.name];
  }

  private operandReadings(operand: Operand, left: Operand, use: 'compare' | 'contains'): ValuesOf {
    const kind = this.kindOf(left);
    const field = this.asField(operand);
    if (field) {
      const values = this.fieldValues(this.checkField(field));
      return (s) => values(s).map(readingsOfScalar);
    }
    // `contains` on a byte field or protocol needs "text" or hex bytes; on text fields a bare word is text.
    const expected = use === 'contains' ? (kind === 'bytes' ? 'bytes-or-string' : undefined) : kind;
    const lit = this.literalReadings(operand as Literal, expected, left);
    const constant = [lit];
    return () => constant;
  }

  /** Reads a literal and, when the field's kind is known, rejects values it can never equal. */
  private literalReadings(
    literal: Literal,
    kind: FieldKind | 'bytes-or-string' | undefined,
    field: Operand | undefined,
  ): ValueReadings {
    const lit = readLiteral(literal);
    const name = field?.kind === 'field' ? field.name : 'this field';
    const params = { value: lit.text, field: name };
    const length = literal.kind === 'word' ? literal.text.length : 1;
    const bad =
      ((kind === 'number' || kind === 'bool') && lit.number === undefined) ||
      (kind === 'ipv4' && !lit.ipv4) ||
      (kind === 'ipv6' && !lit.ipv6) ||
      (kind === 'mac' && (!lit.bytes || lit.bytes.length !== 6)) ||
      ((kind === 'bytes-or-string' || kind === 'bytes') &&
        !lit.quoted &&
        !lit.bytes &&
        lit.singleByte === undefined);
    if (bad) {
      const key =
        kind === 'number'
          ? 'invalidNumber'
          : kind === 'bool'
            ? 'invalidBoolean'
            : kind === 'ipv4'
              ? 'invalidIPv4'
              : kind === 'ipv6'
                ? 'invalidIPv6'
                : kind === 'mac'
                  ? 'invalidMac'
                  : 'invalidBytes';
      fail(key, literal.pos, length, params);
    }
    return lit;
  }
}
