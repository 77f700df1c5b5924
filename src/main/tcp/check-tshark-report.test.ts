import { describe, expect, it } from 'vitest';
import { readTcpFacts } from './capture-facts';
import { compareFile, emptyReport, formatReport, reportPasses } from './tshark-compare';
import { analyzeTcpSegments } from './wireshark-fields';

const DUPACK = '/work/shared/captures/tcp_dupack.pcapng';

describe('check:tshark comparison', () => {
  it('agrees on a sample capture read with NetLab reader and decoder', async () => {
    const { segments } = await readTcpFacts(DUPACK);
    const report = compareFile(DUPACK, analyzeTcpSegments(segments).packets);
    expect(report.packets).toBe(9);
    expect(report.disagreements).toEqual([]);
    expect(reportPasses(report)).toBe(true);
  });

  it('lists a disagreement with file, frame, field, ours and tshark, and fails the run', async () => {
    const { segments } = await readTcpFacts(DUPACK);
    const ours = analyzeTcpSegments(segments).packets;
    delete ours.get(8)?.['tcp.analysis.fast_retransmission'];
    (ours.get(3) as Record<string, string | number>)['tcp.seq'] = 99;
    const report = compareFile(DUPACK, ours, emptyReport());
    expect(report.disagreements).toEqual([
      { file: DUPACK, frame: 3, field: 'tcp.seq', ours: '99', tshark: '1' },
      { file: DUPACK, frame: 8, field: 'tcp.analysis.fast_retransmission', ours: '(none)', tshark: '1' },
    ]);
    expect(reportPasses(report)).toBe(false);
    expect(formatReport(report)).toMatch(/tcp\.seq +88\.89 %/);
  });
});
