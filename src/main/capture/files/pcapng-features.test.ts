/**
 * pcapng features beyond what the sample files use, in hand-built files that tshark also reads:
 * several sections in both byte orders, interface options, the old and the simple packet blocks,
 * name resolution, decryption secrets, comments, unknown and custom blocks.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCaptureBytes } from './read-capture';
import { block, concat, dsb, epb, idb, nrb, packetBlock, shb, spb } from './pcapng-builder.test-support';
import { framesSideBySide, tsharkFrames } from './tshark-oracle.test-support';
import { SecretsType } from './types';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'netlab-pcapng-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small IPv4/UDP-looking payload; the content only has to survive the trip. */
function payload(seed: number, length = 42): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (seed * 31 + i * 7) & 0xff);
}

function save(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('pcapng features, checked against tshark', () => {
  it('several sections of both byte orders map their interfaces to one global list', () => {
    const file = concat(
      shb('le', [[1, 'first section']]),
      idb('le', 1, 65535, [
        [2, 'eth0'],
        [3, 'first NIC'],
      ]),
      idb('le', 101, 1500, [[9, Uint8Array.of(9)]]),
      epb('le', 1, 1_700_000_000_123_456_789n, payload(1)),
      epb('le', 0, 1_700_000_000_000_001n, payload(2), [[1, 'hello']]),
      shb('be'),
      idb('be', 228, 262144, [[9, Uint8Array.of(3)]]),
      epb('be', 0, 1_700_000_000_999n, payload(3)),
    );
    const path = save('sections.pcapng', file);
    const result = readCaptureBytes(file);
    expect(result.error).toBeNull();
    expect(result.sections.map((s) => s.byteOrder)).toEqual(['little-endian', 'big-endian']);
    expect(result.sections[0].comments).toEqual(['first section']);
    expect(result.interfaces.map((i) => [i.section, i.localId, i.linkType])).toEqual([
      [0, 0, 1],
      [0, 1, 101],
      [1, 0, 228],
    ]);
    expect(result.interfaces[0]).toMatchObject({
      name: 'eth0',
      description: 'first NIC',
      timestampResolution: 1e6,
    });
    expect(result.frames.map((f) => f.interfaceId)).toEqual([1, 0, 2]);
    expect(result.frames.map((f) => f.timestampNs)).toEqual([
      1_700_000_000_123_456_789n,
      1_700_000_000_000_001_000n,
      1_700_000_000_999_000_000n,
    ]);
    expect(result.frames[1].comments).toEqual(['hello']);
    const { ours, theirs } = framesSideBySide(path, result.frames, result.interfaces);
    expect(ours).toEqual(theirs);
    expect(tsharkFrames(path)[1].comments).toEqual(['hello']);
  });

  it('if_tsresol as a power of 2 and as milliseconds, exact to the nanosecond', () => {
    const ticks2 = (1_700_000_000n << 20n) + 524_288n; // 2^-20 s ticks: .5 s
    const file = concat(
      shb('le'),
      idb('le', 1, 0, [[9, Uint8Array.of(0x80 | 20)]]),
      idb('le', 1, 0, [[9, Uint8Array.of(3)]]),
      epb('le', 0, ticks2, payload(4)),
      epb('le', 0, ticks2 + 1n, payload(5)),
      epb('le', 1, 1_700_000_000_123n, payload(6)),
    );
    const result = readCaptureBytes(file);
    expect(result.error).toBeNull();
    expect(result.interfaces[0]).toMatchObject({
      timestampResolution: 2 ** 20,
      timestampResolutionCode: 0x94,
    });
    expect(result.frames.map((f) => f.timestampNs)).toEqual([
      1_700_000_000_500_000_000n,
      1_700_000_000_500_000_953n, // floor(1e9 / 2^20) = 953
      1_700_000_000_123_000_000n,
    ]);
    const { ours, theirs } = framesSideBySide(save('tsresol.pcapng', file), result.frames);
    expect(ours).toEqual(theirs);
  });

  it('if_tsoffset moves the timestamps by whole seconds', () => {
    const offset = new Uint8Array(8);
    new DataView(offset.buffer).setBigInt64(0, 1_000_000_000n, true);
    const file = concat(
      shb('le'),
      idb('le', 1, 0, [[14, offset]]),
      epb('le', 0, 700_000_000_000_001n, payload(7)),
    );
    const result = readCaptureBytes(file);
    expect(result.interfaces[0].timestampOffsetSeconds).toBe(1_000_000_000);
    expect(result.frames[0].timestampNs).toBe(1_700_000_000_000_001_000n);
  });

  it('the obsolete packet block and simple packet blocks (cut to the interface 0 snaplen)', () => {
    const file = concat(
      shb('le'),
      idb('le', 1, 40),
      packetBlock('le', 0, 1_600_000_000_000_000n, payload(8, 40)),
      spb('le', 42, payload(9, 40)),
      spb('le', 20, payload(10, 20)),
    );
    const result = readCaptureBytes(file);
    expect(result.error).toBeNull();
    expect(result.frames.map((f) => [f.data.length, f.originalLength])).toEqual([
      [40, 40],
      [40, 42],
      [20, 20],
    ]);
    expect(Buffer.from(result.frames[1].data).equals(Buffer.from(payload(9, 40)))).toBe(true);
    const tshark = tsharkFrames(save('old-blocks.pcapng', file));
    expect(tshark.map((f) => [f.capturedLength, f.length, f.hex])).toEqual(
      result.frames.map((f) => [f.data.length, f.originalLength, Buffer.from(f.data).toString('hex')]),
    );
  });

  it('keeps name resolution records, decryption secrets and interface comments', () => {
    const keyLog = new TextEncoder().encode('CLIENT_RANDOM 00 11\n');
    const file = concat(
      shb('be', [[4, 'builder']]),
      idb('be', 1, 0, [[1, 'uplink']]),
      nrb('be', [
        { ip: [192, 0, 2, 1], names: ['example.test', 'www.example.test'] },
        { ip: [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], names: ['v6.example.test'] },
      ]),
      epb('be', 0, 1n, payload(11)),
      dsb('be', SecretsType.TLS_KEY_LOG, keyLog),
      epb('be', 0, 2n, payload(12)),
    );
    const result = readCaptureBytes(file);
    expect(result.error).toBeNull();
    expect(result.nameResolution).toEqual([
      { kind: 'ipv4', recordType: 1, address: '192.0.2.1', names: ['example.test', 'www.example.test'] },
      { kind: 'ipv6', recordType: 2, address: '2001:db8::1', names: ['v6.example.test'] },
    ]);
    expect(result.decryptionSecrets).toHaveLength(1);
    expect(result.decryptionSecrets[0]).toMatchObject({ secretsType: 0x544c534b, packetsBefore: 1 });
    expect(new TextDecoder().decode(result.decryptionSecrets[0].data)).toBe('CLIENT_RANDOM 00 11\n');
    expect(result.interfaces[0].comments).toEqual(['uplink']);
    expect(tsharkFrames(save('nrb-dsb.pcapng', file))).toHaveLength(2);
  });

  it('skips unknown and custom blocks with one note each, and notes a section without interfaces', () => {
    const file = concat(
      shb('le'),
      block('le', 0x00000bad, Uint8Array.of(0, 0, 0x7f, 0xfe, 1, 2, 3, 4)),
      block('le', 0x00000bad, Uint8Array.of(0, 0, 0x7f, 0xfe)),
      block('le', 0x12345678, Uint8Array.of(1, 2, 3, 4)),
      shb('le'),
      idb('le', 1, 0),
      epb('le', 0, 5n, payload(13)),
    );
    const result = readCaptureBytes(file);
    expect(result.error).toBeNull();
    expect(result.frames).toHaveLength(1);
    expect(result.frames[0].interfaceId).toBe(0);
    expect(result.interfaces[0].section).toBe(1);
    expect(result.notes.map((n) => n.message)).toEqual([
      'custom block at offset 28 skipped (vendor data NetLab does not read) (further blocks of this type are skipped silently)',
      'block of unknown type 0x12345678 at offset 64 skipped (further blocks of this type are skipped silently)',
      'section 0 defines no interfaces (and so holds no packets)',
    ]);
  });
});
