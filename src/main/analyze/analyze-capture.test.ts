/**
 * `netlab analyze` on real files, checked against tshark: packet count, time span, per-protocol
 * counts, TCP conversations, per-packet tshark fields; damaged and unreadable files.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeCommand } from '../cli/commands/analyze';
import { analyzeCapture } from './analyze-capture';
import type { AnalysisReport } from './analysis-report';

const dir = '/work/shared/captures';
const tmp = mkdtempSync(join(tmpdir(), 'netlab-analyze-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tshark(file: string, ...args: string[]): string[] {
  return execFileSync('tshark', ['-r', file, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
    .split('\n')
    .filter((l) => l !== '');
}

async function report(file: string, options = {}): Promise<AnalysisReport> {
  const r = await analyzeCapture(file, options);
  if (r.kind !== 'report') throw new Error(r.message);
  return r.report;
}

/** Runs the command in this process, collecting what it writes to stdout and stderr. */
async function runCommand(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    return { code: await analyzeCommand.run(argv), stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

describe('netlab analyze', () => {
  it('summarises tcp_ports.pcapng like tshark counts it', async () => {
    const file = `${dir}/tcp_ports.pcapng`;
    const r = await report(file);
    const epochs = tshark(file, '-T', 'fields', '-e', 'frame.time_epoch').map(Number);
    expect(r.format).toBe('pcapng');
    expect(r.linkTypes).toEqual([{ interfaceId: 0, linkType: 1, name: 'ETHERNET' }]);
    expect(r.packetCount).toBe(epochs.length);
    expect(r.firstTime).toBeCloseTo(Math.min(...epochs), 5);
    expect(r.lastTime).toBeCloseTo(Math.max(...epochs), 5);
    expect(r.duration).toBeCloseTo(Math.max(...epochs) - Math.min(...epochs), 5);
    expect(r.protocols.tcp).toBe(tshark(file, '-Y', 'tcp').length);
    expect(r.protocols.ip).toBe(tshark(file, '-Y', 'ip').length);
    const conversations = tshark(file, '-q', '-z', 'conv,tcp').filter((l) => l.includes('<->'));
    expect(r.conversations.length).toBe(conversations.length);
    expect(r.conversations.reduce((n, c) => n + c.packets, 0)).toBe(r.protocols.tcp);
    expect(r.error).toBeUndefined();
  });

  it('--packets --fields: tshark-named fields per packet and the whole tree with offsets', async () => {
    const file = `${dir}/http_ip4and6.pcapng`;
    const r = await report(file, { packets: true, fields: true });
    const rows = tshark(
      file,
      '-T',
      'fields',
      '-E',
      'separator=|',
      '-e',
      'frame.len',
      '-e',
      'ip.src',
      '-e',
      'ipv6.src',
      '-e',
      'tcp.srcport',
      '-e',
      'tcp.seq_raw',
      '-e',
      'tcp.flags',
    );
    expect(r.packets).toHaveLength(rows.length);
    r.packets!.forEach((p, i) => {
      const [len, ip, ip6, port, seq, flags] = rows[i].split('|');
      const w = p.wireshark;
      expect([
        w['frame.len'],
        w['ip.src'] ?? w['ipv6.src'],
        w['tcp.srcport'],
        w['tcp.seq_raw'],
        w['tcp.flags'],
      ]).toEqual([Number(len), ip || ip6, Number(port), Number(seq), flags]);
      expect(p.fields?.[0]).toMatchObject({ id: 'eth', offset: 0, length: 14 });
      expect(p.layers[0]).toEqual({ layer: 'link', protocol: 'eth', offset: 0, length: 14 });
    });
  });

  it('a damaged file: everything before the damage, the error with its offset, exit code 2', async () => {
    const bytes = readFileSync(`${dir}/http_post.pcapng`);
    const file = join(tmp, 'cut.pcapng');
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const { code, stdout, stderr } = await runCommand([file, '--json']);
    expect(code).toBe(2);
    expect(stderr).toBe('');
    const r = JSON.parse(stdout) as AnalysisReport;
    expect(r.packetCount).toBeGreaterThan(3);
    expect(r.packetCount).toBeLessThan(21);
    expect(r.error?.offset).toBeGreaterThan(0);
    expect(r.error?.message.length).toBeGreaterThan(5);
  });

  it('an unreadable file: one line on stderr, exit code 2, no stack trace (real process)', () => {
    const file = join(tmp, 'notes.txt');
    writeFileSync(file, 'these are study notes, not a capture\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', 'analyze', file], {
      encoding: 'utf8',
      cwd: join(__dirname, '../../..'),
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^netlab analyze: cannot read .*notes\.txt: .+\. Check the path/);
  });

  it('the human summary names the format, link type, counts and conversations', async () => {
    const { code, stdout } = await runCommand([`${dir}/tcp_handshake.pcapng`]);
    expect(code).toBe(0);
    expect(stdout).toContain('Format:      pcapng');
    expect(stdout).toContain('Link type:   ETHERNET (1)');
    expect(stdout).toContain('Packets:     3');
    expect(stdout).toContain('TCP conversations (by address/port pair): 1');
  });
});
