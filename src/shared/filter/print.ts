/**
 * Prints a filter tree back as canonical filter text (C-like operators, explicit parentheses).
 * Parsing the printed text gives the same tree again: the property tests rely on it, and the UI
 * can use it to normalise what the user typed.
 */
import type { CompareOp, FilterExpr, Literal, Operand, Quantifier, SetItem, SliceRange } from './ast';

const OP_TEXT: Record<CompareOp, string> = {
  any_eq: '==',
  all_ne: '!=',
  all_eq: '===',
  any_ne: '!==',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
};

export function printFilter(expr: FilterExpr | null): string {
  if (!expr) return '';
  switch (expr.type) {
    case 'or':
      return `${group(expr.left, 'or')} || ${group(expr.right, 'or-right')}`;
    case 'and':
      return `${group(expr.left, 'and')} && ${group(expr.right, 'and-right')}`;
    case 'not':
      return `!${group(expr.operand, 'not')}`;
    case 'exists':
      return printOperand(expr.field);
    case 'compare':
      return `${quantified(expr)}${printOperand(expr.left)} ${OP_TEXT[expr.op]} ${printOperand(expr.right)}`;
    case 'contains':
      return `${quantified(expr)}${printOperand(expr.left)} contains ${printOperand(expr.right)}`;
    case 'matches':
      return `${quantified(expr)}${printOperand(expr.left)} matches ${printLiteral(expr.pattern)}`;
    case 'in':
      return `${quantified(expr)}${printOperand(expr.left)} in {${expr.items.map(printSetItem).join(', ')}}`;
  }
}

function quantified(expr: { quantifier?: Quantifier }): string {
  return expr.quantifier ? `${expr.quantifier} ` : '';
}

/** Parenthesise a child unless precedence and left-associativity already give the same tree. */
function group(child: FilterExpr, context: 'or' | 'or-right' | 'and' | 'and-right' | 'not'): string {
  const text = printFilter(child);
  let needs: boolean;
  if (child.type === 'or') needs = context !== 'or';
  else if (child.type === 'and') needs = context === 'and-right' || context === 'not';
  else if (child.type === 'not') needs = false;
  // `!tcp.port == 80` is valid but reads ambiguously: make the scope of `!` explicit.
  else needs = context === 'not' && child.type !== 'exists';
  return needs ? `(${text})` : text;
}

export function printOperand(operand: Operand): string {
  if (operand.kind !== 'field') return printLiteral(operand);
  const slice = operand.slice ? `[${operand.slice.map(printSliceRange).join(',')}]` : '';
  const value = operand.fn ? `${operand.fn}(${operand.name}${slice})` : operand.name + slice;
  return operand.mask ? `${value} & ${printLiteral(operand.mask)}` : value;
}

function printSliceRange(range: SliceRange): string {
  return range.length === undefined ? `${range.start}:` : `${range.start}:${range.length}`;
}

export function printLiteral(literal: Literal): string {
  switch (literal.kind) {
    case 'word':
      return literal.text;
    case 'string':
      return `"${escapeString(literal.value)}"`;
    case 'char':
      // A lone surrogate cannot be written as an escape; it is printed as the character itself.
      return literal.code >= 0xd800 && literal.code <= 0xdfff
        ? `'${String.fromCharCode(literal.code)}'`
        : `'\\U${literal.code.toString(16).padStart(8, '0')}'`;
  }
}

function printSetItem(item: SetItem): string {
  return item.kind === 'value' ? printLiteral(item.value) : `${item.low.text}..${item.high.text}`;
}

function escapeString(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out;
}
