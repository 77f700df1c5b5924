/**
 * Property-based fuzzing: every decoder accepts any bytes. No exception may escape (the top-level
 * catch in dissectPacket would hide it, so we also assert that no 'decoderError' note appears), no
 * call may hang, the tree stays proportional to the frame, fields that are not truncated lie inside
 * the captured bytes, and truncated fields carry no value.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FieldNode } from '../../shared/model/packet';
import { LinkType } from '../../shared/model/packet';
import { readCaptureBytes } from '../capture/files';
import { dissectArp } from './arp';
import { dissectDns } from './dns';
import { dissectPacket } from './dissect-packet';
import { dissectHttp } from './http';
import { dissectIcmp } from './icmp';
import { dissectIcmpv6 } from './icmpv6';
import { dissectIpv4 } from './ipv4';
import { dissectIpv6 } from './ipv6';
import { newState, type DissectState } from './state';
import { summarizeFrame } from './summarize-frame';
import { dissectTcp } from './tcp';
import { dissectTls } from './tls';
import { dissectUdp } from './udp';
import { wiresharkFields } from './wireshark-fields';

const LINK_TYPES = [...Object.values(LinkType), 147];

function realFrames(file: string): Uint8Array[] {
  return readCaptureBytes(readFileSync(`/work/shared/captures/${file}`)).frames.map((f) => f.data);
}
const seeds = [
  'http_post.pcapng',
  'dns_tcp.pcapng',
  'ipv6_fragments.pcapng',
  'icmp_traceroute.pcapng',
  'arp_resolution.pcapng',
]
  .flatMap(realFrames)
  .slice(0, 200);

/** A real frame with random damage: cut short, bytes overwritten, bytes inserted. */
const mutatedFrame = fc
  .tuple(
    fc.integer({ min: 0, max: seeds.length - 1 }),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
    fc.option(fc.nat()),
    fc.option(fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 16 }))),
  )
  .map(([i, writes, cut, insert]) => {
    let bytes = Uint8Array.from(seeds[i]);
    for (const [pos, value] of writes) if (bytes.length > 0) bytes[pos % bytes.length] = value;
    if (insert) {
      const at = insert[0] % (bytes.length + 1);
      bytes = Uint8Array.from([...bytes.subarray(0, at), ...insert[1], ...bytes.subarray(at)]);
    }
    if (cut !== null) bytes = bytes.subarray(0, cut % (bytes.length + 1));
    return bytes;
  });

const anyFrame = fc.oneof(fc.uint8Array({ maxLength: 200 }), mutatedFrame);

function checkTree(nodes: FieldNode[], captured: number): number {
  let count = 0;
  for (const n of nodes) {
    count++;
    expect(n.offset).toBeGreaterThanOrEqual(0);
    expect(n.length).toBeGreaterThanOrEqual(0);
    if (n.truncated && n.children === undefined) expect(n.value).toBeNull();
    if (!n.truncated && n.children === undefined && n.value !== null)
      expect(n.offset + n.length).toBeLessThanOrEqual(captured);
    if (n.children) count += checkTree(n.children, captured);
  }
  return count;
}

describe('decoders accept any bytes', () => {
  it('dissectPacket and summarizeFrame on random and damaged frames of every link type', () => {
    fc.assert(
      fc.property(anyFrame, fc.constantFrom(...LINK_TYPES), (frame, linkType) => {
        const started = performance.now();
        const packet = dissectPacket(frame, linkType, 1, 1n, frame.length + 3);
        expect(packet.notes.filter((n) => n.key === 'netlab.note.decoderError')).toEqual([]);
        const nodes = checkTree(packet.fields, frame.length);
        expect(nodes).toBeLessThanOrEqual(64 + 8 * frame.length);
        expect(JSON.stringify(packet).length).toBeLessThan(20_000 + 40 * frame.length);
        wiresharkFields(packet);
        const fast = summarizeFrame(frame, linkType, 1, 1n, frame.length);
        expect(fast.summary.capturedLength).toBe(frame.length);
        // A hang would never return; the bound is loose because CI machines are shared.
        expect(performance.now() - started).toBeLessThan(2000);
      }),
      { numRuns: 1000 },
    );
  });

  const decoders: Record<string, (st: DissectState, end: number) => void> = {
    arp: (st, end) => dissectArp(st, 0, end),
    ipv4: (st, end) => dissectIpv4(st, 0, end),
    ipv6: (st, end) => dissectIpv6(st, 0, end),
    icmp: (st, end) => dissectIcmp(st, 0, end),
    icmpv6: (st, end) => dissectIcmpv6(st, 0, end),
    tcp: (st, end) => dissectTcp(st, 0, end),
    udp: (st, end) => dissectUdp(st, 0, end),
    'dns over udp': (st, end) => dissectDns(st, 0, end, false),
    'dns over tcp': (st, end) => dissectDns(st, 0, end, true),
    http: (st, end) => dissectHttp(st, 0, end, false),
    tls: (st, end) => dissectTls(st, 0, end, end),
  };

  it.each(Object.keys(decoders))('%s alone on random bytes (end may lie past the capture)', (name) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 400 }), (bytes, end) => {
        const st = newState(bytes);
        decoders[name](st, end);
        checkTree(st.tree, bytes.length);
      }),
      { numRuns: 300 },
    );
  });

  it('TLS and DNS on structured inputs: lengths that point anywhere, nested counts', () => {
    const tlsRecord = fc
      .tuple(
        fc.constantFrom(20, 21, 22, 23),
        fc.integer({ min: 0, max: 4 }),
        fc.uint8Array({ maxLength: 120 }),
      )
      .map(([type, minor, body]) =>
        Uint8Array.from([type, 3, minor, body.length >> 8, body.length & 0xff, ...body]),
      );
    fc.assert(
      fc.property(tlsRecord, (bytes) => {
        const st = newState(bytes);
        dissectTls(st, 0, bytes.length, bytes.length);
        checkTree(st.tree, bytes.length);
      }),
      { numRuns: 300 },
    );
  });
});
