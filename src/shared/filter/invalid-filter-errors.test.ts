import { describe, expect, it } from 'vitest';
import en from '../i18n/locales/en/filter.json';
import zh from '../i18n/locales/zh-CN/filter.json';
import { checkFilter, NETLAB_KNOWN_FIELDS, type FilterError } from './index';

const knownFields = [
  'tcp.flags',
  'tcp.flags.syn',
  'tcp.srcport',
  'tcp.dstport',
  'ip.src',
  'ip.dst',
  'dns.qry.name',
];

function errorOf(filter: string, withFields = false): FilterError {
  const error = checkFilter(filter, withFields ? { knownFields } : {});
  if (!error) throw new Error(`expected '${filter}' to be rejected`);
  return error;
}

describe('invalid filters point at the problem', () => {
  it('an unexpected closing parenthesis, with its position', () => {
    const error = errorOf('(tcp.port == 80)) || dns');
    expect(error).toMatchObject({ key: 'unexpectedToken', position: 16, length: 1 });
    expect(error.message).toBe(
      "Unexpected ')' at character 17. Check for a missing operator, value or parenthesis just before it.",
    );
  });

  it('a parenthesis where a field should start', () => {
    const error = errorOf('tcp.port == 80 && ) ');
    expect(error).toMatchObject({ key: 'expectedField', position: 18, length: 1, params: { token: ')' } });
  });

  it('an unclosed parenthesis points at the opening one', () => {
    expect(errorOf('dns || (tcp && udp')).toMatchObject({ key: 'expectedCloseParen', position: 7 });
  });

  it('a missing value after an operator', () => {
    expect(errorOf('tcp.port ==')).toMatchObject({ key: 'unexpectedEnd', position: 11 });
    expect(errorOf('tcp.port == && dns')).toMatchObject({ key: 'expectedValue', position: 12 });
    expect(errorOf('tcp.port == && dns').params).toMatchObject({ operator: '==', token: '&&' });
  });

  it('two tests without an operator between them', () => {
    expect(errorOf('tcp udp')).toMatchObject({
      key: 'unexpectedToken',
      position: 4,
      params: { token: 'udp' },
    });
  });

  it('an unknown field with a spelling suggestion', () => {
    const error = errorOf('ip.src == 1.2.3.4 && tcp.flgs.syn == 1', true);
    expect(error).toMatchObject({ key: 'unknownField', position: 21, length: 12 });
    expect(error.params.suggestion).toBe('tcp.flags.syn');
    expect(error.message).toContain("did you mean 'tcp.flags.syn'?");
    expect(errorOf('tcp.flgs', true).params.suggestion).toBe('tcp.flags');
  });

  it('an unknown field with nothing close', () => {
    expect(errorOf('zzzqqq.foo', true)).toMatchObject({ key: 'unknownFieldNoHint', position: 0 });
  });

  it('without a field list any well-formed name is accepted', () => {
    expect(checkFilter('tcp.flgs')).toBeNull();
  });

  it('pseudo-fields and protocols are always known', () => {
    expect(
      checkFilter('ip.addr == 10.0.0.0/8 && tcp.port == 80 && frame.len > 60 && dns', { knownFields }),
    ).toBeNull();
  });

  it('values that cannot fit the field', () => {
    expect(errorOf('ip.src == 300.1.1.1')).toMatchObject({ key: 'invalidIPv4', position: 10, length: 9 });
    expect(errorOf('ip.addr == 10.0.0.0/33')).toMatchObject({ key: 'invalidIPv4' });
    expect(errorOf('ipv6.addr == fe80:::1')).toMatchObject({ key: 'invalidIPv6' });
    expect(errorOf('eth.src == 00:11:22')).toMatchObject({ key: 'invalidMac' });
    expect(errorOf('tcp.port == http')).toMatchObject({
      key: 'invalidNumber',
      params: { field: 'tcp.port' },
    });
    expect(errorOf('tcp.flags.syn == maybe')).toMatchObject({ key: 'invalidBoolean' });
    expect(errorOf('tcp contains GET')).toMatchObject({ key: 'invalidBytes' });
  });

  it('strings and escapes', () => {
    expect(errorOf('http.host == "abc')).toMatchObject({ key: 'unterminatedString', position: 13 });
    expect(errorOf('http.host == "a\\qb"')).toMatchObject({ key: 'badEscape', position: 15 });
    expect(errorOf("frame.len > 'ab'")).toMatchObject({ key: 'badCharConstant', position: 12 });
  });

  it('bad regular expressions and non-string patterns', () => {
    expect(errorOf('http.host matches "(unclosed"')).toMatchObject({ key: 'invalidRegex', position: 18 });
    expect(errorOf('http.host matches 12')).toMatchObject({ key: 'expectedValue' });
  });

  it('sets and ranges', () => {
    expect(errorOf('tcp.port in {}')).toMatchObject({ key: 'emptySet', position: 12 });
    expect(errorOf('tcp.port in {80, 443')).toMatchObject({ key: 'expectedCloseBrace', position: 12 });
    expect(errorOf('tcp.port in 80')).toMatchObject({ key: 'expectedSet', position: 9 });
    expect(errorOf('tcp.port in {1..}')).toMatchObject({ key: 'badRange' });
  });

  it('slices that are not byte ranges', () => {
    expect(errorOf('eth.src[0:3 == 00:00:83')).toMatchObject({ key: 'badSlice', position: 12 });
    expect(errorOf('eth.src[0:3')).toMatchObject({ key: 'expectedCloseBracket', position: 7 });
    expect(errorOf('eth.src[5-2] == 00')).toMatchObject({
      key: 'badSlice',
      position: 8,
      params: { text: '5-2' },
    });
    expect(errorOf('eth.src[] == 00')).toMatchObject({ key: 'badSlice', position: 8 });
    expect(errorOf('eth.src[0:3] == 1.2.x')).toMatchObject({ key: 'invalidBytes', position: 16 });
  });

  it('a value where a test should be', () => {
    expect(errorOf('80')).toMatchObject({ key: 'notAField', position: 0 });
    expect(errorOf('"GET" == "GET"')).toMatchObject({ key: 'notAField', position: 0 });
  });

  it('Wireshark syntax that NetLab does not support yet is named', () => {
    expect(errorOf('ip.src#2 == 10.0.0.1')).toMatchObject({
      key: 'unsupported',
      position: 6,
      params: { feature: '#' },
    });
    expect(errorOf('tcp xor udp')).toMatchObject({
      key: 'unsupported',
      position: 4,
      params: { feature: 'xor' },
    });
    expect(errorOf('all tcp')).toMatchObject({ key: 'unexpectedEnd', position: 7 });
    expect(errorOf('tcp.srcport + 1 == 81')).toMatchObject({ key: 'unsupported', params: { feature: '+' } });
    expect(errorOf('dns || max(tcp.srcport, tcp.dstport) > 1024')).toMatchObject({
      key: 'unsupported',
      position: 7,
      params: { feature: 'max()' },
    });
    expect(errorOf('len(80) > 1')).toMatchObject({ key: 'expectedField', position: 4 });
    expect(errorOf('len(http.host > 1')).toMatchObject({ key: 'unexpectedToken', position: 14 });
  });

  it('stray characters', () => {
    expect(errorOf('tcp.port == 80 ; dns')).toMatchObject({ key: 'invalidCharacter', position: 15 });
  });
});

describe('filter messages exist in English and Chinese', () => {
  function keys(value: unknown, prefix = ''): string[] {
    if (typeof value !== 'object' || value === null) return [prefix];
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }

  it('both files have the same keys', () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });

  it('each translation uses the same interpolation params as the English text', () => {
    const params = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en.errors) as (keyof typeof en.errors)[]) {
      expect(params(zh.errors[key]), key).toEqual(params(en.errors[key]));
    }
  });
});

describe("NetLab's own field list", () => {
  it('accepts what the decoders and the TCP tracker produce', () => {
    const filter =
      'tcp.flags.syn == 1 && tcp.analysis.retransmission && tcp.stream == 0 && dns.qry.name && ' +
      'http.request.method && tls.handshake.type && arp.opcode && icmp.type && ipv6.nxt';
    expect(checkFilter(filter, { knownFields: NETLAB_KNOWN_FIELDS })).toBeNull();
  });

  it('catches a typo with a suggestion from it', () => {
    const error = checkFilter('tcp.analysis.retransmision', { knownFields: NETLAB_KNOWN_FIELDS });
    expect(error?.params.suggestion).toBe('tcp.analysis.retransmission');
    expect(checkFilter('htp.host == "a"', { knownFields: NETLAB_KNOWN_FIELDS })?.params.suggestion).toBe(
      'http.host',
    );
  });

  it('does not offer notes as fields', () => {
    expect(NETLAB_KNOWN_FIELDS.some((id) => id.startsWith('netlab.note.'))).toBe(false);
  });
});
