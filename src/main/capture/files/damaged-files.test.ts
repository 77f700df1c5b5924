/**
 * Damaged and foreign files: every packet before the damage is kept, then one error says where and
 * what; odd but readable things become notes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCaptureBytes, readCaptureFile } from './read-capture';
import { block, Bytes, concat, epb, idb, pcapFile, shb } from './pcapng-builder.test-support';

const PACKET = Uint8Array.from({ length: 60 }, (_, i) => i);
const twoPackets = (linkField = 1, snapLength = 65535): Uint8Array =>
  pcapFile('le', false, linkField, snapLength, [
    { seconds: 1, fraction: 2, data: PACKET },
    { seconds: 3, fraction: 4, data: PACKET },
  ]);
const goodPcapng = (): Uint8Array[] => [shb('le'), idb('le', 1, 0), epb('le', 0, 1n, PACKET)];

function messages(bytes: Uint8Array): {
  frames: number;
  error: string | undefined;
  offset: number | undefined;
  kind: string | undefined;
} {
  const result = readCaptureBytes(bytes);
  return {
    frames: result.frames.length,
    error: result.error?.message,
    offset: result.error?.offset,
    kind: result.error?.kind,
  };
}

describe('foreign files', () => {
  it('a file that is neither pcap nor pcapng', () => {
    expect(messages(new TextEncoder().encode('HTTP/1.1 200 OK\r\n'))).toEqual({
      frames: 0,
      error: 'not a pcap or pcapng file: starts with 48 54 54 50',
      offset: 0,
      kind: 'not-a-capture',
    });
  });
  it('an empty file and a 3-byte file', () => {
    expect(messages(new Uint8Array(0)).error).toBe('the file is empty: not a pcap or pcapng file');
    expect(messages(Uint8Array.of(0xd4, 0xc3, 0xb2)).error).toBe(
      'not a pcap or pcapng file: only 3 bytes long',
    );
  });
  it('a gzip-compressed capture says to decompress it', () => {
    expect(messages(Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0)).error).toContain(
      'gzip-compressed: decompress it first',
    );
  });
});

describe('damaged pcap', () => {
  it('a cut file header', () => {
    expect(messages(twoPackets().subarray(0, 10))).toMatchObject({
      frames: 0,
      error: 'pcap file header is cut short: 10 of 24 bytes',
    });
  });
  it('the last packet cut short keeps the first', () => {
    const file = twoPackets().subarray(0, 24 + 76 + 16 + 20);
    expect(messages(file)).toEqual({
      frames: 1,
      error: 'packet record at offset 100 claims 60 captured bytes but only 20 remain: file truncated',
      offset: 100,
      kind: 'truncated',
    });
  });
  it('a cut record header', () => {
    expect(messages(twoPackets().subarray(0, 24 + 76 + 5))).toMatchObject({
      frames: 1,
      error: 'packet record header at offset 100 is cut short: 5 of 16 bytes: file truncated',
    });
  });
  it('a captured length far beyond the limit is damage, not an allocation', () => {
    const file = twoPackets();
    new DataView(file.buffer).setUint32(24 + 76 + 8, 0xfffffff0, true);
    const before = process.memoryUsage().arrayBuffers;
    expect(messages(file)).toMatchObject({ frames: 1, offset: 100 });
    expect(messages(file).error).toContain('claims 4294967280 captured bytes, more than the limit');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
  });
  it('snaplen 0 and a bogus link type still load, with notes', () => {
    const result = readCaptureBytes(twoPackets(0xbeef, 0));
    expect(result.error).toBeNull();
    expect(result.frames).toHaveLength(2);
    expect(result.notes.map((n) => n.message)).toEqual([
      'unknown link type 48879: its frames are shown as raw bytes',
      'snap length 0 in the pcap header: packets are taken as they are',
    ]);
  });
});

describe('damaged pcapng', () => {
  const [header, iface, packet] = goodPcapng();
  const start = header.length + iface.length;

  it('a zero-length block', () => {
    const zero = new Bytes('le').u32(6).u32(0).u32(0).build();
    expect(messages(concat(header, iface, packet, zero))).toEqual({
      frames: 1,
      error: `enhanced packet block at offset ${start + packet.length} says length 0 which is shorter than the minimum 32`,
      offset: start + packet.length,
      kind: 'damaged',
    });
  });
  it('a block length that is not a multiple of 4', () => {
    const odd = block('le', 0x77, Uint8Array.of(1, 2, 3, 4), { start: 17, end: 17 });
    expect(messages(concat(header, iface, packet, odd)).error).toBe(
      `block of type 0x00000077 at offset ${start + packet.length} says length 17 which is not a multiple of 4`,
    );
  });
  it('a trailing length that disagrees', () => {
    const wrong = block('le', 6, epb('le', 0, 2n, PACKET).subarray(8, -4), { end: 96 });
    expect(messages(concat(header, iface, packet, wrong))).toMatchObject({
      frames: 1,
      error: `enhanced packet block at offset ${start + packet.length} says length 92 at its start but 96 at its end`,
    });
  });
  it('a block cut at the end of the file', () => {
    const file = concat(header, iface, packet, packet).subarray(0, start + packet.length + 40);
    expect(messages(file)).toMatchObject({
      frames: 1,
      error: `enhanced packet block at offset ${start + packet.length} says length 92 but only 40 bytes remain: file truncated`,
    });
  });
  it('a block header cut at the end of the file', () => {
    expect(messages(concat(header, iface, packet, Uint8Array.of(6, 0, 0))).error).toBe(
      `block header at offset ${start + packet.length} is cut short: 3 of 12 bytes: file truncated`,
    );
  });
  it('a packet on an interface that was never described', () => {
    expect(messages(concat(header, iface, packet, epb('le', 3, 2n, PACKET)))).toMatchObject({
      frames: 1,
      error: `enhanced packet block at offset ${start + packet.length} refers to interface 3 but this section defines only 1`,
    });
  });
  it('a packet in a section with no interfaces', () => {
    expect(messages(concat(header, iface, packet, shb('le'), packet))).toMatchObject({
      frames: 1,
      error: `enhanced packet block at offset ${start + packet.length + header.length} refers to interface 0 but this section defines no interfaces`,
    });
  });
  it('a captured length larger than its block', () => {
    const body = new Bytes('le').u32(0).u32(0).u32(1).u32(200).u32(200).raw(PACKET).build();
    expect(messages(concat(header, iface, block('le', 6, body))).error).toBe(
      `packet block at offset ${start} claims 200 captured bytes but the block holds only 60`,
    );
  });
  it('a section header with a bad byte-order magic, or an unknown version', () => {
    const bad = Uint8Array.from(header);
    bad[8] = 0x99;
    expect(messages(bad).error).toBe(
      'section header block at offset 0 has byte-order magic 99 3c 2b 1a, expected 1a 2b 3c 4d',
    );
    const v2 = Uint8Array.from(header);
    v2[12] = 2;
    expect(messages(v2).error).toBe(
      'section header block at offset 0 is pcapng version 2.0; only version 1 exists',
    );
  });
  it('an option running past its block is noted and the packet kept', () => {
    const body = new Bytes('le').u32(0).u32(0).u32(1).u32(60).u32(60).raw(PACKET).u16(1).u16(400).build();
    const result = readCaptureBytes(concat(header, iface, block('le', 6, body)));
    expect(result.error).toBeNull();
    expect(result.frames).toHaveLength(1);
    expect(result.notes[0].message).toBe(
      `packet block at offset ${start}: option 1 says length 400 but only 0 bytes are left in the block`,
    );
  });
  it('a bogus link type in an interface still loads', () => {
    const result = readCaptureBytes(concat(header, idb('le', 0xfffe, 0), packet));
    expect(result.error).toBeNull();
    expect(result.interfaces[0]).toMatchObject({ linkType: 0xfffe, linkTypeUnknown: true });
  });
});

describe('reading from a path', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'netlab-damage-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a missing file is an error result, not an exception', async () => {
    const result = await readCaptureFile(join(dir, 'nope.pcap'));
    expect(result.error?.message).toMatch(/^cannot open .*nope\.pcap: ENOENT/);
    expect(result.error?.kind).toBe('io');
  });

  it('reports progress and stops when cancelled', async () => {
    const path = join(dir, 'ports.pcapng');
    writeFileSync(path, readFileSync('/work/shared/captures/tcp_ports.pcapng'));
    const progress: number[] = [];
    const whole = await readCaptureFile(path, {
      chunkSize: 4096,
      onProgress: (p) => progress.push(p.bytesRead),
    });
    expect(whole.frames).toHaveLength(505);
    expect(progress.at(-1)).toBe(readFileSync(path).length);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);

    const controller = new AbortController();
    const cut = await readCaptureFile(path, {
      chunkSize: 4096,
      signal: controller.signal,
      onProgress: (p) => p.packets > 100 && controller.abort(),
    });
    expect(cut.cancelled).toBe(true);
    expect(cut.error).toBeNull();
    expect(cut.frames.length).toBeGreaterThan(100);
    expect(cut.frames.length).toBeLessThan(505);
    expect(cut.frames.map((f) => f.timestampNs)).toEqual(
      whole.frames.slice(0, cut.frames.length).map((f) => f.timestampNs),
    );
  });
});
