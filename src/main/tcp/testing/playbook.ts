/**
 * Playbook helpers for tracker tests (after mitmproxy's playbook tests): a conversation is a short
 * list of segments written as `c('S', 100)` or `s('SA', 300, 101)`; each becomes TcpSegmentFacts,
 * and the same list can be written to a pcapng so tshark can judge it too.
 */
import { writeFileSync } from 'node:fs';
import { LinkType, TcpFlag, type RawFrame, type TcpSegmentFacts } from '../../../shared/model/packet';
import { writePcapngBuffer } from '../../capture/files';

export interface PlaybookSegment {
  from: 'client' | 'server';
  flags: number;
  seq: number;
  ack: number;
  len: number;
  window: number;
  /** Milliseconds since the previous segment (default 1). */
  gapMs: number;
  windowScale?: number;
}

const FLAG_LETTERS: Record<string, number> = {
  S: TcpFlag.SYN,
  A: TcpFlag.ACK,
  F: TcpFlag.FIN,
  R: TcpFlag.RST,
  P: TcpFlag.PSH,
};

function flagsOf(letters: string): number {
  let flags = 0;
  for (const ch of letters) flags |= FLAG_LETTERS[ch] ?? 0;
  return flags;
}

type Extra = Partial<Pick<PlaybookSegment, 'len' | 'window' | 'gapMs' | 'windowScale'>>;

const make =
  (from: 'client' | 'server') =>
  (letters: string, seq: number, ack = 0, extra: Extra = {}): PlaybookSegment => ({
    from,
    flags: flagsOf(letters),
    seq,
    ack,
    len: extra.len ?? 0,
    window: extra.window ?? 64240,
    gapMs: extra.gapMs ?? 1,
    ...(extra.windowScale !== undefined ? { windowScale: extra.windowScale } : {}),
  });

/** A segment from the client / from the server. */
export const c = make('client');
export const s = make('server');

export interface PlaybookEndpoints {
  client: [string, number];
  server: [string, number];
}

export const DEFAULT_ENDPOINTS: PlaybookEndpoints = { client: ['10.0.0.1', 40000], server: ['10.0.0.2', 80] };
const START_NS = 1_700_000_000_000_000_000n;

export function playbookFacts(segments: PlaybookSegment[], ends = DEFAULT_ENDPOINTS): TcpSegmentFacts[] {
  let t = START_NS;
  return segments.map((seg, i) => {
    t += BigInt(Math.round(seg.gapMs * 1e6));
    const [src, dst] = seg.from === 'client' ? [ends.client, ends.server] : [ends.server, ends.client];
    return {
      number: i + 1,
      timestampNs: t,
      ipVersion: 4,
      srcAddr: src[0],
      dstAddr: dst[0],
      srcPort: src[1],
      dstPort: dst[1],
      seq: seg.seq >>> 0,
      ack: seg.ack >>> 0,
      flags: seg.flags,
      window: seg.window,
      payloadLength: seg.len,
      capturedPayloadLength: seg.len,
      options: seg.windowScale !== undefined ? { windowScale: seg.windowScale } : {},
    };
  });
}

function ipv4Bytes(text: string): number[] {
  return text.split('.').map(Number);
}

/** Ethernet + IPv4 + TCP (with a window-scale option when given) + zero payload bytes. */
function frameBytes(f: TcpSegmentFacts): Uint8Array {
  const options = f.options.windowScale !== undefined ? [1, 3, 3, f.options.windowScale] : [];
  const tcpLen = 20 + options.length;
  const ipLen = 20 + tcpLen + f.payloadLength;
  const b = new Uint8Array(14 + ipLen);
  const dv = new DataView(b.buffer);
  b.set([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00], 0);
  b.set([0x45, 0, ipLen >> 8, ipLen & 0xff, 0, 0, 0x40, 0, 64, 6, 0, 0], 14);
  b.set(ipv4Bytes(f.srcAddr), 26);
  b.set(ipv4Bytes(f.dstAddr), 30);
  const t = 34;
  dv.setUint16(t, f.srcPort);
  dv.setUint16(t + 2, f.dstPort);
  dv.setUint32(t + 4, f.seq);
  dv.setUint32(t + 8, f.ack);
  dv.setUint16(t + 12, ((tcpLen / 4) << 12) | f.flags);
  dv.setUint16(t + 14, f.window);
  b.set(options, t + 20);
  return b;
}

export function writePlaybookPcapng(path: string, facts: TcpSegmentFacts[]): void {
  const frames: RawFrame[] = facts.map((f) => {
    const data = frameBytes(f);
    return { timestampNs: f.timestampNs, originalLength: data.length, data, interfaceId: 0 };
  });
  writeFileSync(
    path,
    writePcapngBuffer({ interfaces: [{ linkType: LinkType.ETHERNET, snapLength: 65535 }] }, frames),
  );
}
