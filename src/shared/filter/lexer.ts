/**
 * Splits display-filter text into tokens. Unquoted values (numbers, addresses, MACs, byte strings,
 * field names) are all one "word" token; what a word means is decided later, because
 * `10.0.0.1`, `aa:bb` and `1.5` only get a meaning next to the field they are compared with.
 */
import { fail } from './errors';

export type TokenType =
  | 'word'
  | 'string'
  | 'char'
  | 'op'
  | 'and'
  | 'or'
  | 'not'
  | 'contains'
  | 'matches'
  | 'in'
  | 'bitand'
  | '('
  | ')'
  | '{'
  | '}'
  | '['
  | ']'
  | ','
  | 'quantifier'
  | 'unsupported'
  | 'eof';

export interface Token {
  type: TokenType;
  /** The text as typed (for strings: including quotes). */
  raw: string;
  /** For 'string': the unescaped value. For 'op': the canonical operator name. For 'char': the code. */
  value: string;
  pos: number;
}

/** Characters allowed in an unquoted word, as in Wireshark's scanner. */
const WORD_CHAR = /[A-Za-z0-9_.:\-/]/;

const KEYWORDS: Record<string, { type: TokenType; value: string }> = {
  and: { type: 'and', value: 'and' },
  or: { type: 'or', value: 'or' },
  not: { type: 'not', value: 'not' },
  contains: { type: 'contains', value: 'contains' },
  matches: { type: 'matches', value: 'matches' },
  in: { type: 'in', value: 'in' },
  bitwise_and: { type: 'bitand', value: '&' },
  eq: { type: 'op', value: 'any_eq' },
  any_eq: { type: 'op', value: 'any_eq' },
  ne: { type: 'op', value: 'all_ne' },
  all_ne: { type: 'op', value: 'all_ne' },
  all_eq: { type: 'op', value: 'all_eq' },
  any_ne: { type: 'op', value: 'any_ne' },
  gt: { type: 'op', value: 'gt' },
  lt: { type: 'op', value: 'lt' },
  ge: { type: 'op', value: 'ge' },
  le: { type: 'op', value: 'le' },
  // Wireshark syntax we recognise so the error can name it instead of failing obscurely.
  any: { type: 'quantifier', value: 'any' },
  all: { type: 'quantifier', value: 'all' },
  xor: { type: 'unsupported', value: 'xor' },
};

/** Longest first, so `===` wins over `==` and `!==` over `!=` and `!`. */
const SYMBOLS: [string, TokenType, string][] = [
  ['===', 'op', 'all_eq'],
  ['!==', 'op', 'any_ne'],
  ['==', 'op', 'any_eq'],
  ['!=', 'op', 'all_ne'],
  ['<=', 'op', 'le'],
  ['>=', 'op', 'ge'],
  ['&&', 'and', 'and'],
  ['||', 'or', 'or'],
  ['^^', 'unsupported', '^^'],
  ['${', 'unsupported', '${'],
  ['<', 'op', 'lt'],
  ['>', 'op', 'gt'],
  ['~', 'matches', 'matches'],
  ['!', 'not', 'not'],
  ['&', 'bitand', '&'],
  ['(', '(', '('],
  [')', ')', ')'],
  ['{', '{', '{'],
  ['}', '}', '}'],
  [',', ',', ','],
  ['[', '[', '['],
  [']', ']', ']'],
  ['#', 'unsupported', '#'],
  ['+', 'unsupported', '+'],
  ['*', 'unsupported', '*'],
  ['%', 'unsupported', '%'],
  ['$', 'unsupported', '$'],
];

const SIMPLE_ESCAPES: Record<string, string> = {
  "'": "'",
  '"': '"',
  '\\': '\\',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '"' || ((c === 'r' || c === 'R') && text[i + 1] === '"')) {
      const raw = c !== '"';
      const { value, end } = readQuoted(text, raw ? i + 1 : i, '"', raw);
      tokens.push({ type: 'string', raw: text.slice(i, end), value, pos: i });
      i = end;
      continue;
    }
    if (c === "'") {
      const { value, end } = readQuoted(text, i, "'", false);
      const codes = Array.from(value);
      if (codes.length !== 1) fail('badCharConstant', i, end - i);
      tokens.push({ type: 'char', raw: text.slice(i, end), value: String(codes[0].codePointAt(0)), pos: i });
      i = end;
      continue;
    }
    if (WORD_CHAR.test(c)) {
      let end = i + 1;
      while (end < text.length && WORD_CHAR.test(text[end])) end++;
      const word = text.slice(i, end);
      const keyword = Object.prototype.hasOwnProperty.call(KEYWORDS, word) ? KEYWORDS[word] : undefined;
      tokens.push(
        keyword
          ? { type: keyword.type, raw: word, value: keyword.value, pos: i }
          : { type: 'word', raw: word, value: word, pos: i },
      );
      i = end;
      continue;
    }
    const symbol = SYMBOLS.find(([s]) => text.startsWith(s, i));
    if (!symbol) fail('invalidCharacter', i, 1, { char: String.fromCodePoint(text.codePointAt(i) ?? 0) });
    tokens.push({ type: symbol[1], raw: symbol[0], value: symbol[2], pos: i });
    i += symbol[0].length;
  }
  tokens.push({ type: 'eof', raw: '', value: '', pos: text.length });
  return tokens;
}

/** Reads a quoted string starting at the opening quote; returns its value and the index after the closing quote. */
function readQuoted(
  text: string,
  start: number,
  quote: string,
  raw: boolean,
): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === quote) return { value, end: i + 1 };
    if (c !== '\\') {
      value += c;
      i++;
      continue;
    }
    if (i + 1 >= text.length) break;
    const next = text[i + 1];
    if (raw) {
      // Raw strings keep the backslash; it only stops a quote from ending the string.
      value += c + next;
      i += 2;
      continue;
    }
    const escaped = readEscape(text, i);
    value += escaped.value;
    i = escaped.end;
  }
  return fail('unterminatedString', start, text.length - start);
}

function readEscape(text: string, at: number): { value: string; end: number } {
  const next = text[at + 1];
  if (next in SIMPLE_ESCAPES) return { value: SIMPLE_ESCAPES[next], end: at + 2 };
  const numeric = /^(?:x([0-9a-fA-F]{1,2})|([0-7]{1,3})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))/.exec(
    text.slice(at + 1, at + 10),
  );
  if (numeric) {
    const [whole, hex, octal, u4, u8] = numeric;
    const code = hex ? parseInt(hex, 16) : octal ? parseInt(octal, 8) : parseInt(u4 ?? u8, 16);
    if (code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)) {
      return { value: String.fromCodePoint(code), end: at + 1 + whole.length };
    }
  }
  return fail('badEscape', at, 2, { escape: text.slice(at, at + 2) });
}
