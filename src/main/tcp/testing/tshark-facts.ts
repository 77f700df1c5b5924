/**
 * Reads TcpSegmentFacts from a capture file through tshark. Used by tests and check:tshark as an
 * independent source of facts (and until NetLab's own reader and decoder are wired in).
 */
import { execFileSync } from 'node:child_process';
import type { TcpSegmentFacts } from '../../../shared/model/packet';

const FACT_FIELDS = [
  'frame.number',
  'frame.time_epoch',
  'ip.src',
  'ipv6.src',
  'ip.dst',
  'ipv6.dst',
  'tcp.srcport',
  'tcp.dstport',
  'tcp.seq_raw',
  'tcp.ack_raw',
  'tcp.flags',
  'tcp.window_size_value',
  'tcp.len',
  'tcp.options.mss_val',
  'tcp.options.wscale.shift',
  'frame.len',
] as const;

export interface FactsWithLength {
  facts: TcpSegmentFacts;
  frameLength: number;
}

/** "1700000000.123456789" → nanoseconds, exactly. */
export function epochToNs(text: string): bigint {
  const [secs, frac = ''] = text.split('.');
  return BigInt(secs) * 1_000_000_000n + BigInt((frac + '000000000').slice(0, 9));
}

export function readFactsWithTshark(file: string): FactsWithLength[] {
  const args = ['-r', file, '-Y', 'tcp && !icmp && !icmpv6', '-T', 'fields', '-E', 'occurrence=f'];
  for (const f of FACT_FIELDS) args.push('-e', f);
  const out = execFileSync('tshark', args, {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const rows: FactsWithLength[] = [];
  for (const line of out.split('\n')) {
    if (!line.trim()) continue;
    const c = line.split('\t');
    const ipVersion = c[2] ? 4 : 6;
    const mss = c[13] ? Number(c[13]) : undefined;
    const shift = c[14] ? Number(c[14]) : undefined;
    const payloadLength = Number(c[12] || 0);
    rows.push({
      facts: {
        number: Number(c[0]),
        timestampNs: epochToNs(c[1]),
        ipVersion,
        srcAddr: ipVersion === 4 ? c[2] : c[3],
        dstAddr: ipVersion === 4 ? c[4] : c[5],
        srcPort: Number(c[6]),
        dstPort: Number(c[7]),
        seq: Number(c[8]),
        ack: Number(c[9]),
        flags: Number.parseInt(c[10], 16),
        window: Number(c[11]),
        payloadLength,
        capturedPayloadLength: payloadLength,
        options: {
          ...(mss !== undefined ? { mss } : {}),
          ...(shift !== undefined ? { windowScale: shift } : {}),
        },
      },
      frameLength: Number(c[15]),
    });
  }
  return rows;
}
