/**
 * Hand-built packets for the shapes the sample captures lack: IPv4 options, every TCP option NetLab
 * decodes (MSS, window scale, SACK-permitted, SACK blocks, timestamps, TFO request and cookie, NOP,
 * EOL), and an IPv6 extension header chain. Checked against tshark, then the edge cases: truncation,
 * a DNS compression loop, a bad checksum.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { LinkType, type FieldNode } from '../../shared/model/packet';
import { dissectPacket } from './dissect-packet';
import { summarizeFrame } from './summarize-frame';
import { compareWithTshark } from './testing/compare-with-tshark';
import { workDir, writeFrames } from './testing/captures';

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const MACS = [0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2];
const be16 = (v: number) => [v >> 8, v & 0xff];
const be32 = (v: number) => [v >>> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];

function tcpHeader(options: number[], flags: number, payload: number[] = []): number[] {
  const padded = [...options];
  while (padded.length % 4 !== 0) padded.push(0);
  const words = 5 + padded.length / 4;
  return [
    ...be16(40000),
    ...be16(443),
    ...be32(0xfedcba98),
    ...be32(0x01020304),
    (words << 4) | 0,
    flags,
    ...be16(64240),
    0,
    0,
    0,
    0,
    ...padded,
    ...payload,
  ];
}

function ipv4(payload: number[], options: number[] = [], proto = 6): number[] {
  const ihl = 5 + options.length / 4;
  const total = ihl * 4 + payload.length;
  return [
    0x40 | ihl,
    0x00,
    ...be16(total),
    0x12,
    0x34,
    0x40,
    0,
    64,
    proto,
    0,
    0,
    10,
    0,
    0,
    1,
    10,
    0,
    0,
    2,
    ...options,
    ...payload,
  ];
}

const eth = (type: number, payload: number[]) => Uint8Array.from([...MACS, ...be16(type), ...payload]);

const SYN_OPTIONS = [2, 4, 0x05, 0xb4, 1, 3, 3, 7, 4, 2, 8, 10, ...be32(123456789), ...be32(0), 34, 2];
const SACK_OPTIONS = [
  1,
  1,
  5,
  18,
  ...be32(1000),
  ...be32(2000),
  ...be32(3000),
  ...be32(4000),
  34,
  10,
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  0,
];

const v4syn = eth(0x0800, ipv4(tcpHeader(SYN_OPTIONS, 0x02), [0x94, 0x04, 0, 0]));
const v4sack = eth(0x0800, ipv4(tcpHeader(SACK_OPTIONS, 0x10)));

const hopByHop = [60, 0, 1, 4, 0, 0, 0, 0];
const destOptions = [43, 0, 1, 4, 0, 0, 0, 0];
const routing = [6, 2, 0, 0, 0, 0, 0, 0, ...Array.from({ length: 16 }, (_, i) => i)];
const tcp6 = tcpHeader([2, 4, 0x05, 0xa0], 0x12);
const ext = [...hopByHop, ...destOptions, ...routing];
const addr = (last: number) => [0x20, 0x01, 0x0d, 0xb8, ...Array(11).fill(0), last];
const v6chain = eth(0x86dd, [
  0x60,
  0,
  0,
  0,
  ...be16(ext.length + tcp6.length),
  0,
  64,
  ...addr(1),
  ...addr(2),
  ...ext,
  ...tcp6,
]);

function find(nodes: FieldNode[], id: string): FieldNode | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const inner = n.children ? find(n.children, id) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

describe('crafted packets', () => {
  it('IPv4 options, all TCP options and an IPv6 extension chain match tshark', async () => {
    const file = writeFrames('crafted', LinkType.ETHERNET, [v4syn, v4sack, v6chain]);
    const r = await compareWithTshark(file);
    expect(r.mismatches).toEqual([]);
    for (const id of [
      'tcp.options.mss_val',
      'tcp.options.wscale.shift',
      'tcp.options.sack_le',
      'tcp.options.sack_re',
      'tcp.options.timestamp.tsval',
      'tcp.options.tfo.cookie',
      'tcp.option_kind',
      'ipv6.hopopts.nxt',
      'ipv6.nxt',
    ]) {
      expect(r.seen, id).toContain(id);
    }
  });

  it('the fast path reads the same TCP option facts', () => {
    expect(summarizeFrame(v4syn, 1, 1, 0n, v4syn.length).tcp?.options).toEqual({
      mss: 1460,
      windowScale: 7,
      sackPermitted: true,
      tsVal: 123456789,
      tsEcr: 0,
      tfoCookie: '',
    });
    expect(summarizeFrame(v4sack, 1, 1, 0n, v4sack.length).tcp?.options).toEqual({
      sack: [
        [1000, 2000],
        [3000, 4000],
      ],
      tfoCookie: '0102030405060708',
    });
  });

  it('IPv6: the extension chain leads to TCP and the network layer covers all of it', () => {
    const p = dissectPacket(v6chain, LinkType.ETHERNET, 1, 0n, v6chain.length);
    expect(
      p.fields
        .find((f) => f.id === 'ipv6')!
        .children!.map((c) => c.id)
        .slice(-3),
    ).toEqual(['ipv6.hopopts', 'ipv6.dstopts', 'ipv6.routing']);
    expect(p.summary.layers).toEqual([
      { layer: 'link', protocol: 'eth', offset: 0, length: 14 },
      { layer: 'network', protocol: 'ipv6', offset: 14, length: 40 + ext.length },
      { layer: 'transport', protocol: 'tcp', offset: 54 + ext.length, length: 24 },
    ]);
    expect(p.summary.info).toBe('40000 → 443 [SYN, ACK] Seq=4275878552 Ack=16909060 Win=64240 Len=0');
  });

  it('a frame cut inside the sequence number keeps the field, truncated and without value', () => {
    const cut = v4syn.subarray(0, 14 + 24 + 6);
    const p = dissectPacket(cut, LinkType.ETHERNET, 1, 0n, v4syn.length);
    expect(find(p.fields, 'tcp.seq_raw')).toMatchObject({
      offset: 42,
      length: 4,
      value: null,
      truncated: true,
    });
    expect(find(p.fields, 'tcp.dstport')).toMatchObject({ offset: 40, length: 2, value: 443 });
    expect(find(p.fields, 'tcp.window_size_value')).toMatchObject({ truncated: true, value: null });
    expect(p.notes.map((n) => n.key)).toContain('netlab.note.snapped');
  });

  it('a DNS name that points at itself ends with a warning instead of looping', () => {
    const dns = [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1];
    const udp = [...be16(5353), ...be16(53), ...be16(8 + dns.length), 0, 0, ...dns];
    const frame = eth(0x0800, ipv4(udp, [], 17));
    const p = dissectPacket(frame, LinkType.ETHERNET, 1, 0n, frame.length);
    expect(find(p.fields, 'dns.qry.name')).toMatchObject({
      value: null,
      truncated: true,
      warning: 'Malformed or truncated DNS name',
    });
  });

  it('a wrong IPv4 header checksum is flagged on the field and in the notes', () => {
    const p = dissectPacket(v4syn, LinkType.ETHERNET, 1, 0n, v4syn.length);
    expect(find(p.fields, 'ip.checksum')?.warning).toMatch(/^Bad header checksum: should be 0x[0-9a-f]{4}$/);
    expect(p.notes.filter((n) => n.key === 'netlab.warning.badChecksum').length).toBe(2);
  });
});
