/**
 * Files in every format and link type NetLab reads, made by the real tools (editcap, tcpdump) or
 * rebuilt from real files, each checked frame by frame against what tshark reads.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkType } from '../../../shared/model/packet';
import { readCaptureBytes, readCaptureFile } from './read-capture';
import { concat, epb, idb, pcapToBigEndian, shb } from './pcapng-builder.test-support';
import { framesSideBySide } from './tshark-oracle.test-support';

const SOURCE = '/work/shared/captures/http_ip4and6.pcapng';
let dir = '';

function editcap(args: string[], name: string): string {
  const out = join(dir, name);
  execFileSync('editcap', [...args, SOURCE, out], { stdio: 'ignore' });
  return out;
}

/** Sets the link-type field of a little-endian classic pcap file. */
function withPcapLinkField(path: string, linkField: number, name: string): string {
  const bytes = Buffer.from(readFileSync(path));
  bytes.writeUInt32LE(linkField >>> 0, 20);
  const out = join(dir, name);
  writeFileSync(out, bytes);
  return out;
}

async function expectTsharkAgrees(path: string): Promise<Awaited<ReturnType<typeof readCaptureFile>>> {
  const result = await readCaptureFile(path, { chunkSize: 4096 });
  expect(result.error).toBeNull();
  const { ours, theirs } = framesSideBySide(path, result.frames);
  expect(ours.length).toBeGreaterThan(0);
  expect(ours).toEqual(theirs);
  return result;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'netlab-formats-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('classic pcap made by editcap', () => {
  it('microsecond pcap, little-endian', async () => {
    const path = editcap(['-F', 'pcap'], 'micro.pcap');
    const result = await expectTsharkAgrees(path);
    expect(result.format).toBe('pcap');
    const snapLength = readFileSync(path).readUInt32LE(16);
    expect(result.interfaces[0]).toMatchObject({ linkType: 1, snapLength, timestampResolution: 1e6 });
    expect(result.sections[0].byteOrder).toBe('little-endian');
  });

  it('nanosecond pcap (editcap -F nsecpcap)', async () => {
    const result = await expectTsharkAgrees(editcap(['-F', 'nsecpcap'], 'nano.pcap'));
    expect(result.interfaces[0].timestampResolution).toBe(1e9);
  });

  it('big-endian microsecond and nanosecond pcap (headers byte-swapped from real files)', async () => {
    for (const [format, name] of [
      ['pcap', 'be-micro.pcap'],
      ['nsecpcap', 'be-nano.pcap'],
    ]) {
      const little = readFileSync(editcap(['-F', format], `le-${name}`));
      const path = join(dir, name);
      writeFileSync(path, pcapToBigEndian(little));
      const result = await expectTsharkAgrees(path);
      expect(result.sections[0].byteOrder).toBe('big-endian');
      // Same packets whatever the byte order.
      expect(result.frames.map((f) => f.timestampNs)).toEqual(
        readCaptureBytes(little).frames.map((f) => f.timestampNs),
      );
    }
  });

  it('FCS bits in the link-type field are split off and noted', async () => {
    const path = withPcapLinkField(editcap(['-F', 'pcap'], 'plain.pcap'), 0x24000001, 'fcs.pcap');
    const result = await expectTsharkAgrees(path);
    expect(result.interfaces[0]).toMatchObject({ linkType: 1, fcsLength: 4 });
    expect(result.notes.map((n) => n.message)).toEqual([
      'the link-type field says every frame ends with a 4-byte frame check sequence',
    ]);
  });
});

describe('every link type the packet model lists', () => {
  const viaEditcap: [string, number][] = [
    ['null', LinkType.NULL],
    ['ether', LinkType.ETHERNET],
    ['rawip', LinkType.RAW],
    ['loop', LinkType.LOOP],
    ['linux-sll', LinkType.LINUX_SLL],
    ['rawip4', LinkType.IPV4],
    ['rawip6', LinkType.IPV6],
    ['linux-sll2', LinkType.LINUX_SLL2],
  ];
  for (const [encapsulation, linkType] of viaEditcap) {
    it(`${encapsulation} (${linkType}) in pcap and pcapng`, async () => {
      const pcap = await expectTsharkAgrees(
        editcap(['-F', 'pcap', '-T', encapsulation], `${encapsulation}.pcap`),
      );
      // The pcapng copy must give the same frames (tshark already vouched for the pcap one).
      const pcapng = await readCaptureFile(
        editcap(['-F', 'pcapng', '-T', encapsulation], `${encapsulation}.pcapng`),
      );
      expect(pcapng.error).toBeNull();
      for (const result of [pcap, pcapng]) {
        expect(result.interfaces[0].linkType).toBe(linkType);
        expect(result.interfaces[0].linkTypeUnknown).toBeUndefined();
      }
      expect(pcapng.frames).toEqual(pcap.frames);
    });
  }

  // editcap writes raw IP as 101; 12 and 14 are the older DLT_RAW values some systems wrote.
  for (const linkType of [LinkType.RAW_12, LinkType.RAW_14]) {
    it(`raw IP as link type ${linkType}`, async () => {
      const path = withPcapLinkField(
        editcap(['-F', 'pcap', '-T', 'rawip'], 'raw.pcap'),
        linkType,
        `raw${linkType}.pcap`,
      );
      const result = await expectTsharkAgrees(path);
      expect(result.interfaces[0].linkType).toBe(linkType);
    });
  }

  it('an unknown link type still loads, with a note', async () => {
    const path = withPcapLinkField(editcap(['-F', 'pcap'], 'plain2.pcap'), 147, 'user0.pcap');
    const result = await expectTsharkAgrees(path);
    expect(result.interfaces[0]).toMatchObject({ linkType: 147, linkTypeUnknown: true });
    expect(result.notes.map((n) => n.message)).toContain(
      'unknown link type 147: its frames are shown as raw bytes',
    );
  });
});

describe('big-endian pcapng rebuilt from a real capture', () => {
  it('reads the same frames as tshark', async () => {
    const source = readCaptureBytes(readFileSync(SOURCE));
    const blocks = [shb('be', [[4, 'test']]), idb('be', 1, 65535, [[9, Uint8Array.of(9)]])];
    for (const f of source.frames) blocks.push(epb('be', 0, f.timestampNs, f.data, [], f.originalLength));
    const path = join(dir, 'be.pcapng');
    writeFileSync(path, concat(...blocks));
    const result = await expectTsharkAgrees(path);
    expect(result.sections[0]).toMatchObject({ byteOrder: 'big-endian', userApplication: 'test' });
    expect(result.frames.map((f) => f.timestampNs)).toEqual(source.frames.map((f) => f.timestampNs));
  });
});
