/**
 * Compares NetLab's TCP analysis with tshark's, packet by packet: tcp.stream, relative tcp.seq and
 * tcp.ack, every tcp.analysis flag, duplicate_ack_num and initial_rtt. Used by `npm run
 * check:tshark` and by the scenario tests on every capture they make.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import type { TcpFieldValues } from './wireshark-fields';

export const COMPARED_FLAGS = [
  'retransmission',
  'fast_retransmission',
  'spurious_retransmission',
  'out_of_order',
  'lost_segment',
  'ack_lost_segment',
  'duplicate_ack',
  'duplicate_ack_num',
  'zero_window',
  'zero_window_probe',
  'window_full',
  'window_update',
  'keep_alive',
  'reused_ports',
  'initial_rtt',
] as const;

/** Fields that must agree on every packet; the flags must agree on at least 99 %. */
export const EXACT_FIELDS = ['tcp.stream', 'tcp.seq', 'tcp.ack'] as const;
export const COMPARED_FIELDS = [...EXACT_FIELDS, ...COMPARED_FLAGS.map((f) => `tcp.analysis.${f}`)];
export const FLAG_THRESHOLD = 0.99;

export interface Disagreement {
  file: string;
  frame: number;
  field: string;
  ours: string;
  tshark: string;
}

export interface ComparisonReport {
  packets: number;
  /** Per field: packets that agree. */
  agree: Record<string, number>;
  disagreements: Disagreement[];
}

export function emptyReport(): ComparisonReport {
  return { packets: 0, agree: Object.fromEntries(COMPARED_FIELDS.map((f) => [f, 0])), disagreements: [] };
}

function tsharkArgs(file: string): string[] {
  const args = ['-2', '-r', file, '-Y', 'tcp && !icmp && !icmpv6', '-T', 'fields', '-E', 'occurrence=f'];
  args.push('-o', 'tcp.relative_sequence_numbers:TRUE', '-o', 'tcp.analyze_sequence_numbers:TRUE');
  args.push('-e', 'frame.number', ...COMPARED_FIELDS.flatMap((f) => ['-e', f]));
  return args;
}

function parseTsharkRows(out: string): Map<number, Record<string, string>> {
  const rows = new Map<number, Record<string, string>>();
  for (const line of out.split('\n')) {
    if (!line) continue;
    const cells = line.split('\t');
    const row: Record<string, string> = {};
    COMPARED_FIELDS.forEach((f, i) => (row[f] = cells[i + 1] ?? ''));
    rows.set(Number(cells[0]), row);
  }
  return rows;
}

const MAX_OUTPUT = 1024 * 1024 * 1024;

/** tshark's own view, with relative sequence numbers and two passes (like Wireshark's GUI). */
export function tsharkTcpFields(file: string): Map<number, Record<string, string>> {
  const opts = {
    encoding: 'utf8' as const,
    maxBuffer: MAX_OUTPUT,
    stdio: ['ignore', 'pipe', 'pipe'] as const,
  };
  return parseTsharkRows(execFileSync('tshark', tsharkArgs(file), { ...opts, stdio: [...opts.stdio] }));
}

/** The same, without blocking (scenario tests run several tshark processes at once). */
export async function tsharkTcpFieldsAsync(file: string): Promise<Map<number, Record<string, string>>> {
  const { stdout } = await promisify(execFile)('tshark', tsharkArgs(file), {
    encoding: 'utf8',
    maxBuffer: MAX_OUTPUT,
  });
  return parseTsharkRows(stdout);
}

function ourValue(values: TcpFieldValues | undefined, field: string): string {
  const v = values?.[field];
  if (v === undefined) return '';
  if (field === 'tcp.analysis.initial_rtt') return Number(v).toFixed(9);
  return String(v);
}

/** Adds one file's comparison to `report`. */
export function compareFile(
  file: string,
  ours: Map<number, TcpFieldValues>,
  report: ComparisonReport = emptyReport(),
  theirs = tsharkTcpFields(file),
): ComparisonReport {
  for (const [frame, row] of theirs) {
    report.packets++;
    const mine = ours.get(frame);
    for (const field of COMPARED_FIELDS) {
      const a = ourValue(mine, field);
      const b = row[field];
      if (a === b) report.agree[field]++;
      else report.disagreements.push({ file, frame, field, ours: a || '(none)', tshark: b || '(none)' });
    }
  }
  return report;
}

export function agreement(report: ComparisonReport, field: string): number {
  return report.packets === 0 ? 1 : report.agree[field] / report.packets;
}

export function reportPasses(report: ComparisonReport): boolean {
  return COMPARED_FIELDS.every((f) =>
    (EXACT_FIELDS as readonly string[]).includes(f)
      ? agreement(report, f) === 1
      : agreement(report, f) >= FLAG_THRESHOLD,
  );
}

export function formatReport(report: ComparisonReport, maxListed = 200): string {
  const lines = [`${report.packets} TCP packets compared with tshark`];
  for (const f of COMPARED_FIELDS)
    lines.push(`  ${f.padEnd(40)} ${(agreement(report, f) * 100).toFixed(2)} %`);
  if (report.disagreements.length > 0) {
    lines.push(`${report.disagreements.length} disagreements (file, frame, field, ours, tshark):`);
    for (const d of report.disagreements.slice(0, maxListed)) {
      lines.push(`  ${d.file}\t${d.frame}\t${d.field}\t${d.ours}\t${d.tshark}`);
    }
    if (report.disagreements.length > maxListed)
      lines.push(`  ... ${report.disagreements.length - maxListed} more`);
  }
  return lines.join('\n');
}
