import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FILTER_FUNCTIONS,
  type CompareOp,
  type FieldOperand,
  type FilterExpr,
  type Literal,
  type Quantifier,
  type SetItem,
  type SliceRange,
  type WordLiteral,
} from './ast';
import { compileFilter, mapFieldSource, parseFilter, printFilter } from './index';
import { isFieldName } from './parser';

/** Positions differ between typed and printed text; the round trip compares everything else. */
function withoutPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'pos')
        .map(([key, v]) => [key, withoutPositions(v)]),
    );
  }
  return value;
}

const fieldNames = [
  'tcp',
  'ip.src',
  'tcp.port',
  'tcp.flags.syn',
  'http.request.method',
  'dns.qry.name',
  'frame.len',
];
const words = [
  '80',
  '0x50',
  '10.0.0.0/8',
  'fe80::1',
  '00:11:22:33:44:55',
  'aa:bb',
  'True',
  'GET',
  '1.5',
  '-3',
  '::',
];
const ops: CompareOp[] = ['any_eq', 'all_ne', 'all_eq', 'any_ne', 'lt', 'le', 'gt', 'ge'];

const word = fc.constantFrom(...words).map((text): WordLiteral => ({ kind: 'word', text, pos: 0 }));
const literal: fc.Arbitrary<Literal> = fc.oneof(
  word,
  fc
    .string({ unit: 'grapheme-composite', maxLength: 8 })
    .map((value): Literal => ({ kind: 'string', value, pos: 0 })),
  fc.string({ maxLength: 6 }).map((value): Literal => ({ kind: 'string', value, pos: 0 })),
  fc.integer({ min: 0, max: 0x10ffff }).map((code): Literal => ({ kind: 'char', code, pos: 0 })),
);
const sliceRange: fc.Arbitrary<SliceRange> = fc.oneof(
  fc.record({ start: fc.integer({ min: -20, max: 20 }), length: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ start: fc.integer({ min: -20, max: 20 }) }),
);
const field: fc.Arbitrary<FieldOperand> = fc
  .record(
    {
      name: fc.constantFrom(...fieldNames),
      mask: word,
      slice: fc.array(sliceRange, { minLength: 1, maxLength: 3 }),
      fn: fc.constantFrom(...FILTER_FUNCTIONS),
    },
    { requiredKeys: ['name'] },
  )
  .map((f): FieldOperand => ({ kind: 'field', pos: 0, ...f }));
/** On the left a word shaped like a field name (`GET`) is a field, so left literals are other shapes. */
const leftLiteral = literal.filter((l) => l.kind !== 'word' || !isFieldName(l.text));
/** On the right a field name is parsed as a word; the compiler decides that it names a field. */
const fieldWord = fc.constantFrom(...fieldNames).map((text): WordLiteral => ({ kind: 'word', text, pos: 0 }));
const setItem: fc.Arbitrary<SetItem> = fc.oneof(
  literal.map((value): SetItem => ({ kind: 'value', value })),
  fc
    .tuple(fc.constantFrom('1', '0x10', '10.0.0.1'), fc.constantFrom('9', '0xff', '10.0.0.9'))
    .map(([low, high]): SetItem => ({
      kind: 'range',
      low: { kind: 'word', text: low, pos: 0 },
      high: { kind: 'word', text: high, pos: 0 },
    })),
);

const quantifier = fc.option(fc.constantFrom<Quantifier>('any', 'all'), { nil: undefined });

/** Adds an `any`/`all` prefix to a field-first test, as the parser would store it. */
function withQuantifier(test: FilterExpr, q: Quantifier | undefined): FilterExpr {
  return q && test.type !== 'exists' && test.type !== 'and' && test.type !== 'or' && test.type !== 'not'
    ? { ...test, quantifier: q }
    : test;
}

const unquantifiedTest: fc.Arbitrary<FilterExpr> = fc.oneof(
  field.map((f): FilterExpr => ({ type: 'exists', field: f, pos: 0 })),
  fc
    .tuple(fc.constantFrom(...ops), field, fc.oneof(literal, fieldWord))
    .map(([op, left, right]): FilterExpr => ({ type: 'compare', op, left, right, pos: 0 })),
  fc
    .tuple(leftLiteral, fc.constantFrom(...ops), fieldWord)
    .map(([left, op, right]): FilterExpr => ({ type: 'compare', op, left, right, pos: 0 })),
  fc.tuple(field, literal).map(([left, right]): FilterExpr => ({ type: 'contains', left, right, pos: 0 })),
  fc.tuple(field, fc.string({ maxLength: 8 })).map(([left, value]): FilterExpr => ({
    type: 'matches',
    left,
    pattern: { kind: 'string', value, pos: 0 },
    pos: 0,
  })),
  fc
    .tuple(field, fc.array(setItem, { minLength: 1, maxLength: 4 }))
    .map(([left, items]): FilterExpr => ({ type: 'in', left, items, pos: 0 })),
);
const test: fc.Arbitrary<FilterExpr> = fc
  .tuple(unquantifiedTest, quantifier)
  .map(([t, q]) => (t.type !== 'compare' || t.left.kind === 'field' ? withQuantifier(t, q) : t));

const expr: fc.Arbitrary<FilterExpr> = fc.letrec<{ expr: FilterExpr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    test,
    fc
      .tuple(tie('expr'), tie('expr'))
      .map(([left, right]): FilterExpr => ({ type: 'and', left, right, pos: 0 })),
    fc
      .tuple(tie('expr'), tie('expr'))
      .map(([left, right]): FilterExpr => ({ type: 'or', left, right, pos: 0 })),
    tie('expr').map((operand): FilterExpr => ({ type: 'not', operand, pos: 0 })),
  ),
})).expr;

/** Fragments of real filter syntax, so random strings get deep into the parser, not just the lexer. */
const fragment = fc.oneof(
  fc.constantFrom(
    'tcp',
    'ip.addr',
    'len(',
    'lower(',
    'all ',
    'any ',
    ' == ',
    ' != ',
    ' && ',
    ' || ',
    '!',
    '(',
    ')',
    '{',
    '}',
    ' in ',
    ' contains ',
    ' matches ',
    '"',
    "'",
    '\\',
    '..',
    ',',
    '10.0.0.0/8',
    'fe80::',
    '0x',
    '&',
    '[',
    ' ',
    'r"',
    '~',
    '===',
    'and',
    'not',
  ),
  fc.string({ maxLength: 3 }),
);

describe('parser fuzzing', () => {
  it('never throws on random text: it returns a tree or an error inside the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.array(fragment, { maxLength: 12 }).map((a) => a.join('')),
        ),
        (text) => {
          const result = compileFilter(text);
          if (!result.ok) {
            expect(result.error.position).toBeGreaterThanOrEqual(0);
            expect(result.error.position).toBeLessThanOrEqual(text.length);
            expect(result.error.message).not.toContain('{{');
          } else {
            // A filter that compiles evaluates without throwing, even on a packet with odd values.
            const packet = mapFieldSource({
              tcp: [],
              'ip.src': 'x',
              'tcp.srcport': 1,
              'tcp.flags.syn': true,
            });
            expect(typeof result.filter.matches(packet)).toBe('boolean');
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('printing a tree and parsing the text gives the same tree', () => {
    fc.assert(
      fc.property(expr, (tree) => {
        const text = printFilter(tree);
        const parsed = parseFilter(text);
        if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
        expect(withoutPositions(parsed.expr)).toEqual(withoutPositions(tree));
      }),
      { numRuns: 500 },
    );
  });

  it('canonical text is a fixed point: print(parse(print(x))) == print(x)', () => {
    fc.assert(
      fc.property(expr, (tree) => {
        const text = printFilter(tree);
        const again = parseFilter(text);
        expect(again.ok && printFilter(again.expr)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
