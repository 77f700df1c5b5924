/**
 * Differential fuzzing: random TCP-shaped traffic (hundreds of interleaved connections per
 * capture) analysed by NetLab and by tshark must agree on every field, packet by packet.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { writePlaybookPcapng } from './testing/playbook';
import { randomTraffic } from './testing/random-traffic';
import { agreement, compareFile, emptyReport, formatReport } from './tshark-compare';
import { analyzeTcpSegments } from './wireshark-fields';
import { ConnectionTracker } from './connection-tracker';

const dir = mkdtempSync(join(tmpdir(), 'netlab-tcp-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('random traffic against tshark', () => {
  it('agrees with tshark on stream, seq, ack and every analysis flag', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), (seed) => {
        const facts = randomTraffic(seed, 150);
        const file = join(dir, `fuzz-${seed}.pcapng`);
        writePlaybookPcapng(file, facts);
        const report = compareFile(
          file,
          analyzeTcpSegments(facts.map((f) => ({ facts: f }))).packets,
          emptyReport(),
        );
        const why = `seed ${seed}\n${formatReport(report, 20)}`;
        // Every field exactly, except whether tshark prints the iRTT on a frame: that depends on
        // internal bookkeeping we do not fully replicate (a few frames in 100,000).
        expect(
          report.disagreements.filter((d) => d.field !== 'tcp.analysis.initial_rtt'),
          why,
        ).toEqual([]);
        expect(agreement(report, 'tcp.analysis.initial_rtt'), why).toBeGreaterThan(0.999);
      }),
      // A fixed seed: the same captures every run, so a failure replays.
      { numRuns: 4, seed: 20261124 },
    );
  });

  it('never throws and keeps every state and phase well-formed on any sequence of segments', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), (seed) => {
        const tracker = new ConnectionTracker();
        for (const f of randomTraffic(seed, 30)) {
          const a = tracker.track(f);
          expect(a.seq).toBeGreaterThanOrEqual(0);
          expect(['handshake', 'data', 'teardown']).toContain(a.phase);
        }
        for (const c of tracker.connections()) expect(c.history).toMatch(/^\^?[ShADFRTWIQadfrtwiqh]*$/);
      }),
      { numRuns: 40, seed: 20261124 },
    );
  });
});
