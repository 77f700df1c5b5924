/**
 * Every link type NetLab knows, made by re-wrapping real Ethernet frames (IPv4 and IPv6 HTTP) into
 * that link layer and written as pcapng; tshark and NetLab must then agree field by field.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkType } from '../../shared/model/packet';
import { readCaptureFile } from '../capture/files';
import { dissectPacket } from './dissect-packet';
import { compareWithTshark } from './testing/compare-with-tshark';
import { workDir, writeInterfaces } from './testing/captures';

let ethernet: Uint8Array[] = [];

beforeAll(async () => {
  const read = await readCaptureFile('/work/shared/captures/http_ip4and6.pcapng');
  ethernet = read.frames.map((f) => f.data);
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const ipOf = (eth: Uint8Array) => eth.subarray(14);
const isV6 = (eth: Uint8Array) => eth[12] === 0x86 && eth[13] === 0xdd;
const cat = (...parts: (number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

const wrappers: Record<string, { linkType: number; wrap: (eth: Uint8Array) => Uint8Array | null }> = {
  'raw IP (101)': { linkType: LinkType.RAW, wrap: ipOf },
  'raw IPv4 (228)': { linkType: LinkType.IPV4, wrap: (e) => (isV6(e) ? null : ipOf(e)) },
  'raw IPv6 (229)': { linkType: LinkType.IPV6, wrap: (e) => (isV6(e) ? ipOf(e) : null) },
  'NULL, host byte order (0)': {
    linkType: LinkType.NULL,
    wrap: (e) => cat(isV6(e) ? [24, 0, 0, 0] : [2, 0, 0, 0], ipOf(e)),
  },
  'LOOP, network byte order (108)': {
    linkType: LinkType.LOOP,
    wrap: (e) => cat(isV6(e) ? [0, 0, 0, 24] : [0, 0, 0, 2], ipOf(e)),
  },
  'Linux cooked v1 (113)': {
    linkType: LinkType.LINUX_SLL,
    wrap: (e) => cat([0, 0, 0, 1, 0, 6], e.subarray(6, 12), [0, 0], e.subarray(12, 14), ipOf(e)),
  },
  'Linux cooked v2 (276)': {
    linkType: LinkType.LINUX_SLL2,
    wrap: (e) => cat(e.subarray(12, 14), [0, 0, 0, 0, 0, 1, 0, 1, 0, 6], e.subarray(6, 12), [0, 0], ipOf(e)),
  },
  '802.1Q VLAN tag': {
    linkType: LinkType.ETHERNET,
    wrap: (e) => cat(e.subarray(0, 12), [0x81, 0x00, 0xa0, 0x2a], e.subarray(12)),
  },
  'QinQ 0x88a8 + 0x8100': {
    linkType: LinkType.ETHERNET,
    wrap: (e) => cat(e.subarray(0, 12), [0x88, 0xa8, 0x00, 0x64], [0x81, 0x00, 0x00, 0x0a], e.subarray(12)),
  },
  'QinQ 0x9100 + 0x8100': {
    linkType: LinkType.ETHERNET,
    wrap: (e) => cat(e.subarray(0, 12), [0x91, 0x00, 0x00, 0x64], [0x81, 0x00, 0x00, 0x0a], e.subarray(12)),
  },
};

describe('link layers decode like tshark', () => {
  it('every wrapper, all in one pcapng with one interface per link layer', async () => {
    const names = Object.keys(wrappers);
    const frames: { data: Uint8Array; interfaceId: number }[] = [];
    names.forEach((name, interfaceId) => {
      for (const eth of ethernet) {
        const data = wrappers[name].wrap(eth);
        if (data) frames.push({ data, interfaceId });
      }
    });
    const file = writeInterfaces(
      'link-types',
      names.map((n) => wrappers[n].linkType),
      frames,
    );
    const r = await compareWithTshark(file);
    expect(r.mismatches.slice(0, 20)).toEqual([]);
    for (const id of [
      'null.family',
      'sll.pkttype',
      'sll.etype',
      'sll.ifindex',
      'vlan.id',
      'ieee8021ad.id',
      'tcp.srcport',
    ])
      expect(r.seen, id).toContain(id);
  });

  it.each(Object.keys(wrappers))('%s: layers are link, network, transport', (name) => {
    const { linkType, wrap } = wrappers[name];
    const frame = ethernet.map(wrap).find((f): f is Uint8Array => f !== null)!;
    const packet = dissectPacket(frame, linkType, 1, 0n, frame.length);
    expect(packet.summary.protocol).toBe('TCP');
    expect(packet.summary.layers.map((l) => l.layer)).toEqual(['link', 'network', 'transport']);
  });

  it('an unknown link type becomes one raw-bytes node and a note', () => {
    const packet = dissectPacket(Uint8Array.from([1, 2, 3]), 147, 1, 0n, 3);
    expect(packet.fields.map((f) => f.id)).toEqual(['data']);
    expect(packet.fields[0].children?.[0]).toMatchObject({
      id: 'data.data',
      value: '01:02:03',
      offset: 0,
      length: 3,
    });
    expect(packet.notes[0]).toEqual({
      key: 'netlab.note.unknownLinkType',
      text: 'unknown link type 147: shown as raw bytes',
    });
  });

  it('VLAN ids are read from the tag, and the priority bits from the same 2-byte word', () => {
    const frame = wrappers['802.1Q VLAN tag'].wrap(ethernet[0])!;
    const vlan = dissectPacket(frame, LinkType.ETHERNET, 1, 0n, frame.length).fields.find(
      (f) => f.id === 'vlan',
    )!;
    expect(vlan.children!.map((c) => [c.id, c.value, c.offset, c.length, c.bitmask])).toEqual([
      ['vlan.priority', 5, 14, 2, 0xe000],
      ['vlan.dei', false, 14, 2, 0x1000],
      ['vlan.id', 42, 14, 2, 0x0fff],
      ['vlan.etype', 0x0800, 16, 2, undefined],
    ]);
  });
});
