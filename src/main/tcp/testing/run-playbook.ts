/**
 * Runs a playbook through the tracker and renders each segment's result as one short line, so a
 * test reads like the conversation it checks:
 *   'S      client SYN-SENT        server SYN-RECEIVED?'
 * A trailing '?' marks an inferred state. Flags and situations follow in brackets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TcpSegmentAnalysis, TcpVantage } from '../../../shared/model/tcp';
import { ConnectionTracker } from '../connection-tracker';
import { compareFile, emptyReport, type ComparisonReport } from '../tshark-compare';
import { analyzeTcpSegments } from '../wireshark-fields';
import { DEFAULT_ENDPOINTS, playbookFacts, writePlaybookPcapng, type PlaybookSegment } from './playbook';

const st = (a: TcpSegmentAnalysis, role: 'client' | 'server'): string =>
  a.states[role].state + (a.states[role].certainty === 'inferred' ? '?' : '');

export function line(a: TcpSegmentAnalysis): string {
  const extras = [...a.analysis, ...a.situations];
  return `${st(a, 'client')} ${st(a, 'server')}${extras.length ? ` [${extras.join(' ')}]` : ''}`;
}

export function runPlaybook(segments: PlaybookSegment[], vantage: TcpVantage | 'auto' = 'unknown') {
  const tracker = new ConnectionTracker({ vantage });
  const analyses = playbookFacts(segments).map((f) => tracker.track(f));
  return { tracker, analyses, lines: analyses.map(line), connections: tracker.connections() };
}

/** Writes the playbook as a pcapng and compares our Wireshark-named fields with tshark's. */
export function tsharkVerdict(segments: PlaybookSegment[], ends = DEFAULT_ENDPOINTS): ComparisonReport {
  const dir = mkdtempSync(join(tmpdir(), 'netlab-tcp-'));
  try {
    const file = join(dir, 'playbook.pcapng');
    const facts = playbookFacts(segments, ends);
    writePlaybookPcapng(file, facts);
    const ours = analyzeTcpSegments(facts.map((f) => ({ facts: f })));
    return compareFile(file, ours.packets, emptyReport());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
