/**
 * Every sample capture decodes like tshark: value, byte offset and size of every compared field.
 * The samples are concatenated (mergecap -a) so tshark starts once, not once per file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { compareWithTshark } from './testing/compare-with-tshark';

const dir = '/work/shared/captures';
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.pcapng') || f.endsWith('.pcap'))
  .map((f) => join(dir, f));
const tmp = mkdtempSync(join(tmpdir(), 'netlab-samples-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('every field of every packet of every sample capture matches tshark', async () => {
  const merged = join(tmp, 'all-samples.pcapng');
  execFileSync('mergecap', ['-a', '-F', 'pcapng', '-w', merged, ...files]);
  const r = await compareWithTshark(merged);
  expect(r.mismatches.slice(0, 30)).toEqual([]);
  expect(r.packets).toBeGreaterThan(2500);
  expect(r.checked).toBeGreaterThan(30 * r.packets);
  for (const id of [
    'eth.type',
    'arp.opcode',
    'ip.ttl',
    'ip.flags.df',
    'ip.frag_offset',
    'ipv6.src',
    'ipv6.fraghdr.offset',
    'icmp.seq',
    'icmpv6.echo.identifier',
    'tcp.flags.syn',
    'tcp.options.sack_le',
    'udp.length',
    'dns.qry.name',
    'dns.a',
    'http.request.method',
    'http.response.code',
  ]) {
    expect(r.seen, id).toContain(id);
  }
});
