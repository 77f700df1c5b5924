/**
 * tshark is the oracle: each filter must select exactly the frames `tshark -Y FILTER` selects, over
 * all sample captures concatenated into one file (one tshark start per filter keeps this fast).
 * Frames go through the real reader (capture/files), decoders (dissect) and TCP analysis (tcp).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compileFilter,
  NETLAB_KNOWN_FIELDS,
  packetFieldSource,
  type FilterFieldSource,
} from '../../shared/filter';
import type { TcpSegmentFacts } from '../../shared/model/packet';
import { readCaptureFile } from '../capture/files';
import { dissectPacket, tcpFactsFromTree } from '../dissect';
import { analyzeTcpSegments } from '../tcp/wireshark-fields';

const run = promisify(execFile);
const CAPTURES = '/work/shared/captures';

const FILTERS = [
  'tcp.flags.syn == 1 && tcp.flags.ack == 0',
  'ip.addr == 192.168.0.0/16',
  'dns',
  'tcp.port == 80 || udp.port == 53',
  '!tcp',
  'ip.ttl < 64',
  'http.request.method == "GET"',
  'frame.len > 100',
  'tls.handshake.type == 1',
  'eth.type == 0x0800',
  'tcp contains "HTTP"',
  'arp',
  'icmp.type == 8',
  'ipv6',
  'ip.addr != 172.16.16.128',
  'not ip.addr == 172.16.16.128',
  'tcp.flags.reset == 1',
  'tcp.port in {80, 443, 8080}',
  'tcp.dstport in {1..1024} && tcp.flags.syn == True',
  'udp && !dns',
  'ip.src == 10.0.0.0/8 or ip.dst eq 10.0.0.0/8',
  'tcp.len > 0',
  'eth.dst == ff:ff:ff:ff:ff:ff',
  'ip.flags.mf == 1 || ip.frag_offset > 0',
  'dns.flags.response == 1',
  'dns.qry.name contains "google"',
  'http.host matches "GOOGLE\\\\.com$"',
  'tcp.srcport > tcp.dstport',
  'frame.len >= 60 && frame.len <= 100',
  'ipv6.addr == fe80::/10',
  'not (tcp or udp)',
  'tcp.flags & 0x12 == 0x12',
  'icmp || icmpv6',
  'ip.proto == 17 && udp.length > 40',
  'frame contains "google"',
  'tcp.window_size_value == 0',
  'tcp.analysis.retransmission',
  'tcp.analysis.duplicate_ack || tcp.analysis.zero_window',
  'tcp.stream == 1',
  'tcp.stream in {0, 2, 4} && tcp.len == 0',
  'eth.src[0:3] == 00:0c:29',
  'tcp[13] == 0x02 || frame[12:2] == 08:06',
  'ip.dst[2:] == 10:80 || frame[-4:] == 00:00:00:00',
  'len(tcp.payload) > 500 || count(dns.a) >= 2',
  'udp && string(frame.number) matches "[13579]$"',
  'lower(dns.qry.name) contains "google" && upper(dns.qry.name) contains "WWW"',
  'all tcp.port > 1024',
  'any ip.addr != 172.16.16.128 && all ip.addr == 172.16.16.0/24',
  'all dns.qry.name contains "a" || all dns.a in {0.0.0.0/1}',
];

/**
 * Frames where the decoders or the TCP analysis (not the filter) see the packet differently from
 * tshark. The filter must agree everywhere else; a listed frame may start agreeing at any time.
 */
/** ICMP time-exceeded replies of the traceroute sample: tshark decodes the IP/ICMP header they quote. */
const ICMP_QUOTED = Array.from({ length: 24 }, (_, i) => 81 + 2 * i);
const KNOWN_DIFFERENCES: Record<string, { frames: number[]; why: string }> = {
  dns: {
    frames: [12],
    why: 'a 1-byte DNS-over-TCP continuation: NetLab shows a truncated DNS node, tshark none',
  },
  'ip.ttl < 64': {
    frames: ICMP_QUOTED,
    why: 'tshark also decodes the IP header quoted inside ICMP errors (TTL 1)',
  },
  'icmp.type == 8': {
    frames: [...ICMP_QUOTED, 134, 136],
    why: 'quoted ICMP inside ICMP errors; tshark reassembles IP fragments and decodes ICMP on the last one',
  },
  'icmp || icmpv6': {
    frames: Array.from({ length: 26 }, (_, i) => 134 + i).filter((n) => n !== 135 && n !== 138),
    why: 'tshark reassembles IP fragments and decodes ICMP on the last fragment, NetLab on the first',
  },
  'http.request.method == "GET"': {
    frames: [165],
    why: 'tshark does not decode HTTP inside a TCP retransmission (a merged-file artefact here)',
  },
  'http.host matches "GOOGLE\\\\.com$"': { frames: [165], why: 'as above: HTTP inside a retransmission' },
  'tcp.analysis.retransmission': {
    // latency1 (frames 162-167) repeats http_google's connection; tcp_ports starts with tcp_handshake's.
    frames: [162, 163, 164, 165, 166, 167, 2191, 2192],
    why: 'two sample files hold the same connection; after merging tshark calls the second a retransmission',
  },
};

interface Frame {
  source: FilterFieldSource;
}

let dir = '';
let merged = '';
let frames: Frame[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netlab-filter-'));
  merged = join(dir, 'all-samples.pcapng');
  const files = readdirSync(CAPTURES)
    .filter((name) => name.endsWith('.pcapng'))
    .sort()
    .map((name) => join(CAPTURES, name));
  execFileSync('mergecap', ['-a', '-w', merged, ...files]);

  const capture = await readCaptureFile(merged);
  expect(capture.error).toBeNull();
  const packets = capture.frames.map((raw, i) => {
    const linkType = capture.interfaces[raw.interfaceId].linkType;
    const packet = dissectPacket(
      raw.data,
      linkType,
      i + 1,
      raw.timestampNs,
      raw.originalLength,
      raw.interfaceId,
    );
    return { raw, packet };
  });
  const segments: { facts: TcpSegmentFacts; frameLength: number }[] = [];
  for (const { raw, packet } of packets) {
    const facts = tcpFactsFromTree(packet.fields, packet.summary.number, raw.timestampNs, raw.data.length);
    if (facts) segments.push({ facts, frameLength: raw.originalLength });
  }
  const analysis = analyzeTcpSegments(segments);
  frames = packets.map(({ raw, packet }) => ({
    source: packetFieldSource(packet, {
      frame: raw.data,
      extra: analysis.packets.get(packet.summary.number),
    }),
  }));
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function tsharkFrameNumbers(filter: string): Promise<number[]> {
  const { stdout } = await run(
    'tshark',
    ['-n', '-r', merged, '-Y', filter, '-T', 'fields', '-e', 'frame.number'],
    {
      maxBuffer: 1 << 26,
    },
  );
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(Number);
}

function netlabFrameNumbers(filter: string): number[] {
  const result = compileFilter(filter, { knownFields: NETLAB_KNOWN_FIELDS });
  if (!result.ok) throw new Error(`${filter}: ${result.error.message}`);
  const numbers: number[] = [];
  frames.forEach((frame, i) => {
    if (result.filter.matches(frame.source)) numbers.push(i + 1);
  });
  return numbers;
}

/** Runs tshark for every filter, two at a time (CI has two cores). */
async function allTsharkAnswers(): Promise<Map<string, number[]>> {
  const answers = new Map<string, number[]>();
  const queue = [...FILTERS];
  const worker = async (): Promise<void> => {
    for (let filter = queue.shift(); filter !== undefined; filter = queue.shift()) {
      answers.set(filter, await tsharkFrameNumbers(filter));
    }
  };
  await Promise.all([worker(), worker()]);
  return answers;
}

describe('display filters select the same frames as tshark -Y', () => {
  let answers: Map<string, number[]>;

  beforeAll(async () => {
    answers = await allTsharkAnswers();
  }, 120_000);

  it('the filter set is not trivial: most filters select some frames but not all', () => {
    const total = frames.length;
    expect(total).toBeGreaterThan(2000);
    const selective = FILTERS.filter((f) => {
      const n = answers.get(f)?.length ?? 0;
      return n > 0 && n < total;
    });
    expect(selective.length).toBeGreaterThanOrEqual(35);
  });

  for (const filter of FILTERS) {
    it(filter, () => {
      const ours = netlabFrameNumbers(filter);
      const theirs = answers.get(filter) ?? [];
      const known = new Set(KNOWN_DIFFERENCES[filter]?.frames ?? []);
      const unexplained = (a: number[], b: number[]) => a.filter((n) => !b.includes(n) && !known.has(n));
      expect({ onlyNetlab: unexplained(ours, theirs), onlyTshark: unexplained(theirs, ours) }).toEqual({
        onlyNetlab: [],
        onlyTshark: [],
      });
      // Most filters agree exactly: the known differences must not swallow the result.
      expect(ours.length).toBeGreaterThanOrEqual(theirs.length - known.size);
    });
  }

  it('every known difference names a filter of the set', () => {
    expect(Object.keys(KNOWN_DIFFERENCES).filter((f) => !FILTERS.includes(f))).toEqual([]);
  });
});
