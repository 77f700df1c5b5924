/**
 * Read → write pcapng → tshark and capinfos read it back: same frames, timestamps to the
 * nanosecond, same bytes, comments and decryption secrets visible, nothing on stderr.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawFrame } from '../../../shared/model/packet';
import { appVersion } from '../../version';
import { readCaptureBytes, readCaptureFile } from './read-capture';
import { framesSideBySide, runTool, tsharkFrames } from './tshark-oracle.test-support';
import { SecretsType } from './types';
import { PcapngFileWriter, writePcapngBuffer } from './write-pcapng';

const CAPTURES = '/work/shared/captures';
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'netlab-write-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEY_LOG = new TextEncoder().encode(
  'CLIENT_RANDOM 0011223344556677889900112233445566778899001122334455667788990011 ' +
    'aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff0011223344556677\n',
);

describe('pcapng written by NetLab', () => {
  // Our reading of these files equals tshark's (shared-captures.test.ts), so tshark reading our copy
  // must give the frames we read from the original.
  const samples = ['http_ip4and6.pcapng', 'tcp_ports.pcapng', 'dns_tcp.pcapng', 'ipv6_fragments.pcapng'];
  for (const name of samples) {
    it(`${name} survives read → file writer → tshark unchanged, without warnings`, async () => {
      const read = await readCaptureFile(join(CAPTURES, name));
      const out = join(dir, name);
      const writer = await PcapngFileWriter.create(out, { interfaces: read.interfaces });
      await writer.writeFrames(read.frames);
      await writer.close();
      expect(runTool('capinfos', [out]).stderr).toBe('');
      const { ours, theirs } = framesSideBySide(out, read.frames);
      expect(ours.length).toBe(read.packetCount);
      expect(theirs).toEqual(ours);
    });
  }

  it('tshark reads the whole written file without a warning', async () => {
    const read = await readCaptureFile(join(CAPTURES, 'synscan.pcapng'));
    const out = join(dir, 'synscan.pcapng');
    writeFileSync(out, writePcapngBuffer({ interfaces: read.interfaces }, read.frames));
    const tshark = runTool('tshark', ['-r', out]);
    expect(tshark.stderr).toBe('');
    expect(tshark.stdout.trim().split('\n')).toHaveLength(read.packetCount);
  });

  it('comments, several interfaces and a TLS key log reach tshark and capinfos', () => {
    const http = readCaptureBytes(readFileSync(join(CAPTURES, 'http_google.pcapng')));
    const frames: RawFrame[] = http.frames.map((frame, i) => ({
      ...frame,
      interfaceId: i % 2,
      ...(i === 2 ? { comments: ['SYN/ACK arrives', '第二条注释'] } : {}),
    }));
    const buffer = writePcapngBuffer(
      {
        interfaces: [
          { linkType: 1, snapLength: 262144, name: 'lo', description: 'loopback' },
          { linkType: 1, snapLength: 65535, name: 'eth0' },
        ],
        comments: ['made by a test'],
      },
      frames,
      [{ secretsType: SecretsType.TLS_KEY_LOG, data: KEY_LOG, beforeFrame: 1 }],
    );
    const path = join(dir, 'annotated.pcapng');
    writeFileSync(path, buffer);

    const capinfos = runTool('capinfos', [path]);
    expect(capinfos.stderr).toBe('');
    expect(capinfos.stdout).toContain('Number of decryption secrets in file: 1');
    expect(capinfos.stdout).toContain(`Capture application: NetLab ${appVersion()}`);
    expect(capinfos.stdout).toContain('Number of interfaces in file: 2');
    expect(capinfos.stdout).toContain('Time precision = nanoseconds (9)');

    const tshark = tsharkFrames(path);
    expect(tshark.map((f) => f.interfaceId)).toEqual(frames.map((f) => f.interfaceId));
    expect(tshark[2].comments).toEqual(['SYN/ACK arrives', '第二条注释']);
    expect(runTool('tshark', ['-r', path]).stderr).toBe('');

    // And our reader sees what it wrote, the secrets block before frame 1.
    const back = readCaptureBytes(buffer);
    expect(back.error).toBeNull();
    expect(back.notes).toEqual([]);
    expect(back.sections[0]).toMatchObject({
      userApplication: `NetLab ${appVersion()}`,
      comments: ['made by a test'],
    });
    expect(back.interfaces.map((i) => [i.name, i.description, i.timestampResolution])).toEqual([
      ['lo', 'loopback', 1e9],
      ['eth0', undefined, 1e9],
    ]);
    expect(back.decryptionSecrets).toEqual([
      { secretsType: SecretsType.TLS_KEY_LOG, data: KEY_LOG, packetsBefore: 1, offset: expect.any(Number) },
    ]);
    expect(back.frames.map((f) => [f.timestampNs, f.interfaceId, f.comments])).toEqual(
      frames.map((f) => [f.timestampNs, f.interfaceId, f.comments]),
    );
  });

  it('refuses a frame on an interface it was not told about', () => {
    const frame: RawFrame = { timestampNs: 1n, originalLength: 1, data: Uint8Array.of(0), interfaceId: 1 };
    expect(() => writePcapngBuffer({ interfaces: [{ linkType: 1, snapLength: 0 }] }, [frame])).toThrow(
      'frame refers to interface 1 but only 1 interface(s) were described',
    );
  });

  it('a frame cut by the snap length keeps its original length', () => {
    const frame: RawFrame = {
      timestampNs: 5n,
      originalLength: 1500,
      data: new Uint8Array(64),
      interfaceId: 0,
    };
    const path = join(dir, 'snap.pcapng');
    writeFileSync(path, writePcapngBuffer({ interfaces: [{ linkType: 1, snapLength: 64 }] }, [frame]));
    expect(tsharkFrames(path).map((f) => [f.length, f.capturedLength, f.epoch])).toEqual([
      [1500, 64, '0.000000005'],
    ]);
    expect(runTool('capinfos', [path]).stderr).toBe('');
  });
});
