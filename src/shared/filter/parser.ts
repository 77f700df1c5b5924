/**
 * Recursive-descent parser for Wireshark display filters. Precedence, lowest first:
 * `or`/`||`, `and`/`&&`, `not`/`!`, then a single test (comparison, contains, matches, in, presence).
 * Both `and` and `or` are left-associative, as in Wireshark.
 */
import {
  FILTER_FUNCTIONS,
  type FilterFunction,
  type CompareOp,
  type SliceRange,
  type FieldOperand,
  type FilterExpr,
  type Literal,
  type Operand,
  type Quantifier,
  type SetItem,
  type StringLiteral,
  type WordLiteral,
} from './ast';
import { fail, FilterSyntaxError, type FilterError } from './errors';
import { tokenize, type Token } from './lexer';

export type ParseResult = { ok: true; expr: FilterExpr | null } | { ok: false; error: FilterError };

/** A word that can name a field or protocol: `tcp`, `ip.src`, `tcp.flags.syn`, `http.request.method`. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

export function isFieldName(word: string): boolean {
  return FIELD_NAME.test(word) && !/^(true|false)$/i.test(word);
}

/** Parses a filter. An empty (or blank) filter is valid and yields `expr: null`: it matches everything. */
export function parseFilter(text: string): ParseResult {
  try {
    const parser = new Parser(tokenize(text));
    return { ok: true, expr: parser.parseAll() };
  } catch (e) {
    if (e instanceof FilterSyntaxError) return { ok: false, error: e.error };
    throw e;
  }
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parseAll(): FilterExpr | null {
    if (this.peek().type === 'eof') return null;
    const expr = this.parseOr();
    const rest = this.peek();
    if (rest.type !== 'eof') this.unexpected(rest);
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.type !== 'eof') this.index++;
    return token;
  }

  private unexpected(token: Token): never {
    if (token.type === 'eof') return fail('unexpectedEnd', token.pos, 1);
    if (token.type === 'unsupported')
      return fail('unsupported', token.pos, token.raw.length, { feature: token.raw });
    return fail('unexpectedToken', token.pos, token.raw.length, { token: token.raw });
  }

  private parseOr(): FilterExpr {
    let left = this.parseAnd();
    while (this.peek().type === 'or') {
      const op = this.next();
      left = { type: 'or', left, right: this.parseAnd(), pos: op.pos };
    }
    return left;
  }

  private parseAnd(): FilterExpr {
    let left = this.parseNot();
    while (this.peek().type === 'and') {
      const op = this.next();
      left = { type: 'and', left, right: this.parseNot(), pos: op.pos };
    }
    return left;
  }

  private parseNot(): FilterExpr {
    const token = this.peek();
    if (token.type === 'not') {
      this.next();
      return { type: 'not', operand: this.parseNot(), pos: token.pos };
    }
    if (token.type === '(') {
      this.next();
      const inner = this.parseOr();
      const close = this.peek();
      if (close.type !== ')') {
        if (close.type === 'eof') fail('expectedCloseParen', token.pos, 1);
        this.unexpected(close);
      }
      this.next();
      return inner;
    }
    return this.parseTest();
  }

  private parseTest(): FilterExpr {
    const quantifierToken = this.peek().type === 'quantifier' ? this.next() : undefined;
    const test = this.parseUnquantifiedTest();
    if (!quantifierToken) return test;
    if (
      test.type !== 'compare' &&
      test.type !== 'contains' &&
      test.type !== 'matches' &&
      test.type !== 'in'
    ) {
      // `all tcp`: a quantifier needs a comparison to apply to.
      return this.unexpected(this.peek());
    }
    return { ...test, quantifier: quantifierToken.value as Quantifier, pos: quantifierToken.pos };
  }

  private parseUnquantifiedTest(): FilterExpr {
    const left = this.parseOperand(true);
    const op = this.peek();
    switch (op.type) {
      case 'op': {
        this.next();
        const right = this.parseOperand(false, op);
        return {
          type: 'compare',
          op: op.value as CompareOp,
          left,
          right,
          pos: left.pos,
        };
      }
      case 'contains': {
        this.next();
        const right = this.parseOperand(false, op);
        return { type: 'contains', left, right, pos: left.pos };
      }
      case 'matches': {
        this.next();
        const pattern = this.next();
        if (pattern.type !== 'string')
          fail('expectedValue', pattern.pos, pattern.raw.length, tokenParams(pattern, op));
        const literal: StringLiteral = { kind: 'string', value: pattern.value, pos: pattern.pos };
        return { type: 'matches', left, pattern: literal, pos: left.pos };
      }
      case 'in': {
        this.next();
        return { type: 'in', left, items: this.parseSet(op), pos: left.pos };
      }
      default: {
        const field = this.requireField(left);
        if (field.kind !== 'field') return this.unexpected(op);
        return { type: 'exists', field, pos: field.pos };
      }
    }
  }

  /** A test must involve a field: `80 == tcp.port` is fine, `80 == 80` or a bare `80` is not. */
  private requireField(operand: Operand): Operand {
    if (operand.kind === 'field') return operand;
    const following = this.peek();
    if (
      following.type === 'eof' ||
      following.type === 'and' ||
      following.type === 'or' ||
      following.type === ')'
    ) {
      const text = operand.kind === 'word' ? operand.text : operand.kind === 'string' ? operand.value : '';
      return fail('notAField', operand.pos, Math.max(1, text.length), { text });
    }
    return operand;
  }

  /**
   * Reads one operand. On the left a word that looks like a field name is a field; on the right it
   * stays a word, and the compiler decides (it knows which names are fields).
   */
  private parseOperand(isLeft: boolean, after?: Token): Operand {
    const token = this.next();
    let operand: Operand;
    if (token.type === 'word') {
      if (this.peek().type === '(' && this.peek().pos === token.pos + token.raw.length) {
        if (!(FILTER_FUNCTIONS as readonly string[]).includes(token.raw)) {
          // max(), min(), abs()... : Wireshark functions NetLab does not have.
          fail('unsupported', token.pos, token.raw.length + 1, { feature: `${token.raw}()` });
        }
        operand = this.parseCall(token);
      } else if (isLeft && isFieldName(token.raw)) {
        operand = { kind: 'field', name: token.raw, pos: token.pos };
        if (this.peek().type === '[') operand.slice = this.parseSlice();
      } else {
        operand = { kind: 'word', text: token.raw, pos: token.pos };
      }
    } else if (token.type === 'string') {
      operand = { kind: 'string', value: token.value, pos: token.pos };
    } else if (token.type === 'char') {
      operand = { kind: 'char', code: Number(token.value), pos: token.pos };
    } else if (token.type === 'unsupported') {
      return this.unexpected(token);
    } else if (after) {
      return fail(
        token.type === 'eof' ? 'unexpectedEnd' : 'expectedValue',
        token.pos,
        token.raw.length,
        tokenParams(token, after),
      );
    } else {
      return fail(token.type === 'eof' ? 'unexpectedEnd' : 'expectedField', token.pos, token.raw.length, {
        token: token.raw,
      });
    }
    if (operand.kind === 'field' && this.peek().type === 'bitand') {
      const amp = this.next();
      const mask = this.parseOperand(false, amp);
      if (mask.kind === 'field') return fail('invalidMask', mask.pos, mask.name.length, { value: mask.name });
      const masked: FieldOperand = { ...operand, mask };
      return masked;
    }
    return operand;
  }

  /** `len(field)`, `lower(field[0:4])`...: one field argument, optionally sliced. */
  private parseCall(name: Token): FieldOperand {
    this.next();
    const argument = this.next();
    if (argument.type !== 'word' || !isFieldName(argument.raw)) {
      if (argument.type === 'eof') fail('unexpectedEnd', argument.pos, 1);
      fail('expectedField', argument.pos, argument.raw.length, { token: argument.raw });
    }
    const call: FieldOperand = {
      kind: 'field',
      name: argument.raw,
      pos: name.pos,
      fn: name.raw as FilterFunction,
    };
    if (this.peek().type === '[') call.slice = this.parseSlice();
    const close = this.next();
    if (close.type !== ')') {
      if (close.type === 'eof') fail('expectedCloseParen', name.pos + name.raw.length, 1);
      this.unexpected(close);
    }
    return call;
  }

  /** `[0:3]`, `[4-7]`, `[5]`, `[:2]`, `[-4:]`, and comma-joined lists of these. */
  private parseSlice(): SliceRange[] {
    const open = this.next();
    const ranges: SliceRange[] = [];
    for (;;) {
      const token = this.next();
      if (token.type === ']' && ranges.length > 0) return ranges;
      if (token.type === ',' && ranges.length > 0) continue;
      if (token.type === 'eof') fail('expectedCloseBracket', open.pos, 1);
      const range = token.type === 'word' ? parseSliceRange(token.raw) : undefined;
      if (!range) fail('badSlice', token.pos, token.raw.length, { text: token.raw });
      ranges.push(range);
    }
  }

  private parseSet(inToken: Token): SetItem[] {
    const open = this.next();
    if (open.type !== '{') fail('expectedSet', inToken.pos, inToken.raw.length);
    const items: SetItem[] = [];
    for (;;) {
      const token = this.peek();
      if (token.type === '}') {
        this.next();
        break;
      }
      if (token.type === 'eof') fail('expectedCloseBrace', open.pos, 1);
      if (token.type === ',' && items.length > 0) {
        this.next();
        continue;
      }
      items.push(this.parseSetItem(inToken));
    }
    if (items.length === 0) fail('emptySet', open.pos, 2);
    return items;
  }

  /** One set element. Ranges may be typed `1..10`, `1 .. 10`, `1.. 10` or `1 ..10`. */
  private parseSetItem(inToken: Token): SetItem {
    const value = this.parseLiteral(inToken);
    if (value.kind !== 'word') return { kind: 'value', value };
    let text = value.text;
    const following = this.peek();
    if (following.type === 'word' && (text.endsWith('..') || following.raw.startsWith('..'))) {
      this.next();
      text += following.raw;
      if (text.endsWith('..')) {
        const high = this.next();
        if (high.type !== 'word')
          fail('badRange', value.pos, high.pos + high.raw.length - value.pos, { text });
        text += high.raw;
      }
      return splitRange({ kind: 'word', text, pos: value.pos }, true);
    }
    return splitRange(value, false);
  }

  private parseLiteral(after: Token): Literal {
    const operand = this.parseOperand(false, after);
    if (operand.kind === 'field')
      return fail('unexpectedToken', operand.pos, operand.name.length, { token: operand.name });
    return operand;
  }
}

/** `1..10` or `10.0.0.5..10.0.0.9` arrive as one word; a range is split at its `..`. */
function splitRange(word: WordLiteral, spaced: boolean): SetItem {
  const at = word.text.indexOf('..');
  if (at < 0) return { kind: 'value', value: word };
  const low = word.text.slice(0, at);
  const high = word.text.slice(at + 2);
  if (!low || !high || high.includes('..')) fail('badRange', word.pos, word.text.length, { text: word.text });
  return {
    kind: 'range',
    low: { kind: 'word', text: low, pos: word.pos },
    // With spaces around `..` the exact column of the high end is lost; the range start is close enough.
    high: { kind: 'word', text: high, pos: spaced ? word.pos : word.pos + at + 2 },
  };
}

function parseSliceRange(text: string): SliceRange | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^(-?\d+):(\d+)?$/.exec(text))) {
    return m[2] === undefined ? { start: Number(m[1]) } : { start: Number(m[1]), length: Number(m[2]) };
  }
  if ((m = /^:(\d+)$/.exec(text))) return { start: 0, length: Number(m[1]) };
  if ((m = /^(\d+)-(\d+)$/.exec(text))) {
    const [start, end] = [Number(m[1]), Number(m[2])];
    return end >= start ? { start, length: end - start + 1 } : undefined;
  }
  if (/^-?\d+$/.test(text)) return { start: Number(text), length: 1 };
  return undefined;
}

function tokenParams(token: Token, after: Token): Record<string, string> {
  return { token: token.raw || '', operator: after.raw };
}
