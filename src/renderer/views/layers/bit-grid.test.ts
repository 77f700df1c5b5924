import { describe, expect, it } from 'vitest';
import { bitGrid, maskedValue } from './bit-grid';
import { fieldAtPath, findFieldById } from './field-lookup';
import { SYN_BYTES, SYN_FIELDS } from './test-packet.test-support';

const field = (id: string) => {
  const f = fieldAtPath(SYN_FIELDS, findFieldById(SYN_FIELDS, id) ?? '');
  if (!f) throw new Error(id);
  return f;
};

describe('bit grid of a bit field', () => {
  it('shows the TCP flags word bit by bit with only SYN set', () => {
    const cells = bitGrid(SYN_BYTES, field('tcp.flags'));
    expect(cells).toHaveLength(16);
    // 0x8002: the data offset nibble (8 = 32 bytes) then the SYN bit.
    expect(cells?.map((c) => c.value).join('')).toBe('1000000000000010');
    expect(cells?.filter((c) => c.inMask)).toHaveLength(12);
    expect(cells?.[0].inMask).toBe(false);
    const syn = cells?.find((c) => c.fieldId === 'tcp.flags.syn');
    expect(syn).toMatchObject({ index: 14, value: 1, inMask: true });
    expect(cells?.find((c) => c.fieldId === 'tcp.flags.ack')).toMatchObject({ index: 11, value: 0 });
  });

  it('shows a nibble field inside its byte', () => {
    const cells = bitGrid(SYN_BYTES, field('ip.version'));
    expect(cells?.map((c) => (c.inMask ? c.value : '.')).join('')).toBe('0100....');
    expect(maskedValue(SYN_BYTES, field('ip.version'))).toBe(4);
    expect(maskedValue(SYN_BYTES, field('ip.hdr_len'))).toBe(5);
    expect(maskedValue(SYN_BYTES, field('tcp.flags'))).toBe(2);
  });

  it('has no grid for a field without a mask or past the captured bytes', () => {
    expect(bitGrid(SYN_BYTES, field('ip.ttl'))).toBeNull();
    expect(bitGrid(SYN_BYTES.subarray(0, 47), field('tcp.flags'))).toBeNull();
  });

  it('extracts a value under a non-contiguous mask', () => {
    const bytes = Uint8Array.of(0b1010_0101);
    const f = { id: 'x', name: 'x', value: null, offset: 0, length: 1, bitmask: 0b1000_0001 };
    expect(maskedValue(bytes, f)).toBe(0b11);
  });
});
