import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../api/event-bus';
import { SessionService } from './session-service';
import { queryConnections, querySegments } from './tcp-queries';

const CAPTURES = join(__dirname, '..', '..', '..', '..', 'shared', 'captures');
const dirs: string[] = [];
const services: SessionService[] = [];

function makeService(): { service: SessionService; events: EventBus; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'netlab-session-'));
  dirs.push(dir);
  const events = new EventBus(1);
  const service = new SessionService(dir, events);
  services.push(service);
  return { service, events, dir };
}

afterEach(() => {
  for (const s of services.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function open(service: SessionService, file: string) {
  return service.imports.start(join(CAPTURES, file)).done;
}

function tsharkFrames(file: string, filter?: string): number[] {
  const args = ['-r', file, '-T', 'fields', '-e', 'frame.number'];
  if (filter) args.push('-Y', filter);
  return execFileSync('tshark', args, { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
}

describe('SessionService', () => {
  it('opens a capture file and pages its packets with Wireshark-like columns', async () => {
    const { service } = makeService();
    const progress = await open(service, 'http_google.pcapng');
    expect(progress.state).toBe('done');
    expect(progress.packets).toBe(12);
    const page = await service.page(0, 5);
    expect(page.total).toBe(12);
    expect(page.packets.map((p) => p.number)).toEqual([1, 2, 3, 4, 5]);
    expect(page.packets[0].protocol).toBe('TCP');
    expect(page.packets[0].tcpStream).toBe(0);
    const info = service.info();
    expect(info.source).toEqual({ kind: 'file', name: 'http_google.pcapng', format: 'pcapng' });
    expect(info.linkTypes).toEqual([1]);
  });

  it('filters like tshark -Y, including TCP analysis fields', async () => {
    const { service } = makeService();
    await open(service, 'tcp_retransmissions.pcapng');
    const file = join(CAPTURES, 'tcp_retransmissions.pcapng');
    for (const filter of [
      'tcp.analysis.retransmission',
      'tcp.flags.syn == 1',
      'tcp.stream == 0 && tcp.len > 0',
    ]) {
      const page = await service.page(0, 1000, filter);
      expect(
        page.packets.map((p) => p.number),
        filter,
      ).toEqual(tsharkFrames(file, filter));
    }
    await expect(service.page(0, 10, 'tcp.port ==')).rejects.toThrow(/Display filter error/);
  });

  it('gives a packet its field tree and bytes', async () => {
    const { service } = makeService();
    await open(service, 'tcp_handshake.pcapng');
    const detail = service.detail(1);
    expect(detail.bytes.length).toBe(detail.summary.capturedLength);
    expect(detail.fields.map((f) => f.id)).toContain('tcp');
    expect(() => service.detail(99)).toThrow(/No packet 99/);
  });

  it('keeps the packets before the damage of a truncated file and names the offset', async () => {
    const { service, dir } = makeService();
    const whole = readFileSync(join(CAPTURES, 'http_post.pcapng'));
    const cut = join(dir, 'cut.pcapng');
    writeFileSync(cut, whole.subarray(0, whole.length - 100));
    const progress = await service.imports.start(cut).done;
    expect(progress.state).toBe('failed');
    expect(progress.error?.offset).toBeGreaterThan(0);
    // tshark, reading the same cut file, keeps the same packets before the damage.
    const tsharkCount = spawnSync('tshark', ['-r', cut], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean).length;
    expect(service.info().packetCount).toBe(tsharkCount);
    expect(tsharkCount).toBeGreaterThan(15);
    expect(service.info().error?.message).toBeTruthy();
  });

  it('saves pcapng that tshark reads back with the same frames', async () => {
    const { service, dir } = makeService();
    await open(service, 'dns_tcp.pcapng');
    const out = join(dir, 'saved.pcapng');
    await service.savePcapng(out);
    const original = join(CAPTURES, 'dns_tcp.pcapng');
    const hex = (f: string) =>
      execFileSync('tshark', ['-r', f, '-T', 'fields', '-e', 'frame.time_epoch', '-e', 'frame.len'], {
        encoding: 'utf8',
      });
    expect(hex(out)).toBe(hex(original));
    const selection = service.exportPcapng([2, 4]);
    const sel = join(dir, 'sel.pcapng');
    writeFileSync(sel, selection.bytes);
    expect(tsharkFrames(sel)).toEqual([1, 2]);
    expect(selection.fileName).toBe('dns_tcp-selection.pcapng');
  });

  it('embeds the TLS key log as a Decryption Secrets Block when saving', async () => {
    const { service, dir } = makeService();
    await open(service, 'tcp_handshake.pcapng');
    service.session.keyLogProvider = () => `CLIENT_RANDOM ${'ab'.repeat(32)} ${'cd'.repeat(48)}\n`;
    const out = join(dir, 'with-secrets.pcapng');
    await service.savePcapng(out);
    const info = execFileSync('capinfos', [out], { encoding: 'utf8' });
    expect(info).toMatch(/Number of packets:\s+3/);
    expect(readFileSync(out).includes(Buffer.from('CLIENT_RANDOM'))).toBe(true);
  });

  it('lists TCP connections and re-tracks one connection for the ladder', async () => {
    const { service } = makeService();
    await open(service, 'tcp_ports.pcapng');
    const all = queryConnections(service.session, {
      offset: 0,
      limit: 5000,
      sort: 'stream',
      descending: false,
    });
    const streams = new Set(
      execFileSync('tshark', ['-r', join(CAPTURES, 'tcp_ports.pcapng'), '-T', 'fields', '-e', 'tcp.stream'], {
        encoding: 'utf8',
      })
        .split('\n')
        .filter(Boolean),
    );
    expect(all.total).toBe(streams.size);
    const busiest = queryConnections(service.session, {
      offset: 0,
      limit: 1,
      sort: 'packets',
      descending: true,
    });
    const stream = busiest.connections[0].stream;
    const segments = querySegments(service.session, stream, 0, 1000);
    expect(segments.segments.length).toBe(segments.total);
    expect(segments.segments.every((s) => s.stream === stream)).toBe(true);
    expect(segments.segments[0].seq).toBe(0);
    expect(() => querySegments(service.session, 999_999, 0, 10)).toThrow(/No TCP connection/);
  });

  it('clears and refuses a save of an empty session with a clear message', async () => {
    const { service, dir } = makeService();
    service.clear();
    await expect(service.savePcapng(join(dir, 'x.pcapng'))).rejects.toThrow(/empty/);
  });
});
