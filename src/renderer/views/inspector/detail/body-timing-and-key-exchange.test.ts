import { describe, expect, it } from 'vitest';
import { decodeText, hexDump, HEX_DUMP_LIMIT, presentBody } from './body-presentation';
import { keyExchangeOf } from './key-exchange';
import { timingWaterfall } from './timing-phases';

const utf8 = (s: string) => new TextEncoder().encode(s);
/** The first bytes of `gzip` output for "hello": magic 1f 8b, method 08 (deflate), then binary. */
const GZIP_HELLO = new Uint8Array([
  0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00,
]);

describe('how a body is shown', () => {
  it('pretty-prints JSON labelled as JSON', () => {
    const shown = presentBody(utf8('{"a":1,"b":[true]}'), 'application/json; charset=utf-8');
    expect(shown).toEqual({ mode: 'json', text: '{\n  "a": 1,\n  "b": [\n    true\n  ]\n}' });
  });

  it('pretty-prints JSON sent as text/plain but leaves cut-off JSON as text', () => {
    expect(presentBody(utf8('[1,2]'), 'text/plain').mode).toBe('json');
    expect(presentBody(utf8('{"a":'), 'application/json')).toEqual({ mode: 'text', text: '{"a":' });
  });

  it('shows images as images, but SVG as text because it can carry script', () => {
    expect(presentBody(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'image/png')).toEqual({
      mode: 'image',
      mimeType: 'image/png',
    });
    expect(presentBody(utf8('<svg/>'), 'image/svg+xml').mode).toBe('text');
  });

  it('falls back to a hex dump for binary, e.g. gzip bytes that were not decoded', () => {
    const shown = presentBody(GZIP_HELLO, 'application/octet-stream');
    expect(shown.mode).toBe('hex');
    if (shown.mode === 'hex') expect(shown.lines[0]).toMatch(/^00000000 {2}1f 8b 08/);
  });

  it('caps the hex dump and says how much it showed', () => {
    const shown = presentBody(new Uint8Array(HEX_DUMP_LIMIT + 100), null);
    expect(shown.mode === 'hex' && shown.shownBytes).toBe(HEX_DUMP_LIMIT);
    expect(shown.mode === 'hex' && shown.lines.length).toBe(HEX_DUMP_LIMIT / 16);
  });

  it('dumps offset, two hex groups and printable ASCII', () => {
    expect(hexDump(utf8('GET / HTTP/1.1\r\nHost'))).toEqual([
      '00000000  47 45 54 20 2f 20 48 54  54 50 2f 31 2e 31 0d 0a  |GET / HTTP/1.1..|',
      '00000010  48 6f 73 74                                       |Host|',
    ]);
  });

  it('treats invalid UTF-8 and control bytes as binary, tabs and newlines as text', () => {
    expect(decodeText(new Uint8Array([0xff, 0xfe]))).toBeNull();
    expect(decodeText(new Uint8Array([0x41, 0x00]))).toBeNull();
    expect(decodeText(utf8('a\tb\r\n中文'))).toBe('a\tb\r\n中文');
    expect(presentBody(new Uint8Array(0), 'text/plain')).toEqual({ mode: 'empty' });
  });
});

describe('the timing waterfall', () => {
  it('splits a fresh TLS exchange into connect, TLS, send, wait and transfer', () => {
    const w = timingWaterfall({
      start: 1000,
      connected: 1010,
      tlsHandshakeDone: 1030,
      requestSent: 1031,
      firstByte: 1081,
      end: 1100,
    });
    expect(w.phases).toEqual([
      { key: 'connect', from: 0, to: 10 },
      { key: 'tls', from: 10, to: 30 },
      { key: 'send', from: 30, to: 31 },
      { key: 'wait', from: 31, to: 81 },
      { key: 'transfer', from: 81, to: 100 },
    ]);
    expect(w.totalMs).toBe(100);
  });

  it('has no connect or TLS phase on a reused connection, and stops where a failure stopped', () => {
    const w = timingWaterfall({
      start: 0,
      connected: null,
      tlsHandshakeDone: null,
      requestSent: 2,
      firstByte: null,
      end: null,
    });
    expect(w.phases).toEqual([{ key: 'send', from: 0, to: 2 }]);
    expect(w.totalMs).toBe(2);
  });
});

describe('key exchange of a TLS leg', () => {
  it('is (EC)DHE for TLS 1.3 whatever the cipher name says', () => {
    expect(keyExchangeOf({ version: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256' })).toBe('tls13-ecdhe');
  });

  it('reads TLS 1.2 OpenSSL suite names: ECDHE, DHE, and RSA key transport', () => {
    expect(keyExchangeOf({ version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256' })).toBe('ecdhe');
    expect(keyExchangeOf({ version: 'TLSv1.2', cipher: 'DHE-RSA-AES256-GCM-SHA384' })).toBe('dhe');
    expect(keyExchangeOf({ version: 'TLSv1.2', cipher: 'AES128-GCM-SHA256' })).toBe('rsa');
    expect(keyExchangeOf(null)).toBe('unknown');
  });
});
