import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCapture, type AnalyzeResult } from './analyze-capture';

const CAPTURES = join(__dirname, '..', '..', '..', '..', 'shared', 'captures');

function report(result: AnalyzeResult) {
  if (result.kind !== 'report') throw new Error(`unreadable: ${result.message}`);
  return result.report;
}

function tsharkRows(file: string, fields: string[], filter?: string): string[][] {
  const args = ['-2', '-r', file, '-T', 'fields', '-E', 'occurrence=f'];
  for (const f of fields) args.push('-e', f);
  if (filter) args.push('-Y', filter);
  return execFileSync('tshark', args, { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));
}

describe('netlab analyze with the TCP analysis and --filter', () => {
  it('lists every TCP connection with its stream, roles, conn_state and history', async () => {
    const file = join(CAPTURES, 'tcp_teardown.pcapng');
    const r = report(await analyzeCapture(file));
    const streams = new Set(tsharkRows(file, ['tcp.stream']).map((row) => row[0]));
    expect(r.connections.map((c) => String(c.stream))).toEqual([...streams]);
    const c = r.connections[0];
    expect(c.client.port).toBeGreaterThan(0);
    expect(c.connState).toMatch(/^(S0|S1|SF|REJ|S2|S3|RSTO|RSTR|RSTOS0|RSTRH|SH|SHR|OTH)$/);
    expect(c.history.length).toBeGreaterThan(0);
  });

  it('gives each TCP packet tcp.stream and relative seq/ack exactly as tshark -2 does', async () => {
    const file = join(CAPTURES, 'tcp_retransmissions.pcapng');
    const r = report(await analyzeCapture(file, { packets: true }));
    const rows = tsharkRows(file, ['frame.number', 'tcp.stream', 'tcp.seq', 'tcp.ack']);
    for (const [number, stream, seq, ack] of rows) {
      const packet = r.packets!.find((p) => p.number === Number(number))!;
      expect(packet.wireshark['tcp.stream'], `frame ${number}`).toBe(Number(stream));
      expect(packet.wireshark['tcp.seq'], `frame ${number}`).toBe(Number(seq));
      expect(packet.wireshark['tcp.ack'], `frame ${number}`).toBe(Number(ack));
    }
    const flagged = r
      .packets!.filter((p) => p.wireshark['tcp.analysis.retransmission'] === true)
      .map((p) => p.number);
    const tsharkFlagged = tsharkRows(file, ['frame.number'], 'tcp.analysis.retransmission').map((row) =>
      Number(row[0]),
    );
    expect(flagged).toEqual(tsharkFlagged);
    expect(r.packets![0].wireshark['netlab.tcp.state.client']).toBeTruthy();
  });

  it('--filter keeps the same packets as tshark -Y', async () => {
    const file = join(CAPTURES, 'http_google.pcapng');
    // Not plain 'http': tshark reassembles, so it marks only a response's last segment as HTTP.
    for (const filter of [
      'tcp.flags.syn == 1 && tcp.flags.ack == 0',
      'http.request.method == "GET"',
      'tcp.stream == 1',
      'ip.ttl > 60 || dns',
    ]) {
      const r = report(await analyzeCapture(file, { packets: true, filter }));
      const expected = tsharkRows(file, ['frame.number'], filter).map((row) => Number(row[0]));
      expect(
        r.packets!.map((p) => p.number),
        filter,
      ).toEqual(expected);
      expect(r.packetCount).toBe(expected.length);
      expect(r.filter).toBe(filter);
    }
  });

  it('the CLI refuses an invalid filter with one line and exit code 2', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(__dirname, '..', 'cli.ts'),
        'analyze',
        join(CAPTURES, 'tcp_handshake.pcapng'),
        '--filter',
        'tcp.flgs == 1',
      ],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/invalid --filter: .*tcp\.flgs.*did you mean 'tcp\.flags'/);
  });
});
