import { describe, expect, it } from 'vitest';
import { deepestFieldAt, fieldAtPath, findFieldById, flattenFields, layerOfByte } from './field-lookup';
import { SYN_FIELDS, SYN_LAYERS } from './test-packet.test-support';

const idAt = (byte: number) => {
  const path = deepestFieldAt(SYN_FIELDS, byte);
  return path === null ? null : fieldAtPath(SYN_FIELDS, path)?.id;
};

describe('clicking a byte selects the deepest field covering it', () => {
  it('picks the leaf field, not its protocol', () => {
    expect(idAt(0)).toBe('eth.dst');
    expect(idAt(23 + 5)).toBe('ip.src');
    expect(idAt(34)).toBe('tcp.srcport');
  });

  it('stops at a bit field: its named bits share its bytes', () => {
    // Byte 47 holds the low flag bits: tcp.flags, whose children (SYN, ACK ...) all share the 2 bytes.
    expect(idAt(47)).toBe('tcp.flags');
    // Byte 46 is shared by tcp.hdr_len (1 byte) and tcp.flags (2 bytes): the narrower wins.
    expect(idAt(46)).toBe('tcp.hdr_len');
  });

  it('falls back to the protocol where no field is declared and ignores zero-length fields', () => {
    expect(idAt(40)).toBe('tcp');
    expect(idAt(18)).toBe('ip');
  });

  it('finds nothing past the frame', () => {
    expect(deepestFieldAt(SYN_FIELDS, 66)).toBeNull();
  });

  it('finds fields by id and flattens with stable paths', () => {
    const path = findFieldById(SYN_FIELDS, 'tcp.flags.syn');
    expect(path).toBe('2.2.1');
    expect(fieldAtPath(SYN_FIELDS, '2.2.1')?.value).toBe(true);
    const flat = flattenFields(SYN_FIELDS);
    expect(flat.find((f) => f.path === '2.2.1')?.parentPath).toBe('2.2');
    expect(flat[0].node.id).toBe('eth');
  });

  it('tells which layer a byte belongs to', () => {
    expect(layerOfByte(SYN_LAYERS, 13)).toBe('link');
    expect(layerOfByte(SYN_LAYERS, 14)).toBe('network');
    expect(layerOfByte(SYN_LAYERS, 65)).toBe('transport');
    expect(layerOfByte(SYN_LAYERS, 66)).toBeNull();
  });
});
