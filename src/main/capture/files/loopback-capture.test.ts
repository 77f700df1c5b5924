/**
 * Real captures made here: tcpdump on loopback (the "any" device gives Linux cooked headers, SLL and
 * SLL2), with microsecond and nanosecond timestamps, read and checked against tshark.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkType } from '../../../shared/model/packet';
import { readCaptureFile } from './read-capture';
import { framesSideBySide } from './tshark-oracle.test-support';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'netlab-loopback-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Opens `connections` TCP connections to a local echo server, each sending one line. */
async function makeLoopbackTraffic(port: number, connections: number): Promise<void> {
  for (let i = 0; i < connections; i++) {
    await new Promise<void>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(`hello ${i}\n`));
      socket.on('data', () => undefined);
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
  }
}

/** Captures TCP on the port with tcpdump (extra args choose device, link type, precision). */
async function captureLoopback(name: string, tcpdumpArgs: string[]): Promise<string> {
  const server = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const path = join(dir, name);
  const tcpdump = spawn('tcpdump', [...tcpdumpArgs, '-U', '-n', '-c', '30', '-w', path, `tcp port ${port}`]);
  const exited = new Promise<void>((resolve) => tcpdump.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('tcpdump did not start')), 10_000);
    tcpdump.stderr.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  await makeLoopbackTraffic(port, 6);
  const stopTimer = setTimeout(() => tcpdump.kill('SIGINT'), 5_000);
  await exited;
  clearTimeout(stopTimer);
  server.close();
  return path;
}

describe('captures made by tcpdump on loopback', () => {
  const cases: [string, string[], number, number][] = [
    ['sll.pcap', ['-i', 'any', '-y', 'LINUX_SLL'], LinkType.LINUX_SLL, 1e6],
    ['sll2.pcap', ['-i', 'any', '-y', 'LINUX_SLL2'], LinkType.LINUX_SLL2, 1e6],
    ['lo-nano.pcap', ['-i', 'lo', '--time-stamp-precision=nano'], LinkType.ETHERNET, 1e9],
    [
      'sll2-nano.pcap',
      ['-i', 'any', '-y', 'LINUX_SLL2', '--time-stamp-precision=nano'],
      LinkType.LINUX_SLL2,
      1e9,
    ],
  ];
  for (const [name, args, linkType, resolution] of cases) {
    it(`${name}: link type ${linkType}, ${resolution === 1e9 ? 'nano' : 'micro'}seconds`, async () => {
      const path = await captureLoopback(name, args);
      const result = await readCaptureFile(path);
      expect(result.error).toBeNull();
      expect(result.interfaces[0]).toMatchObject({ linkType, timestampResolution: resolution });
      expect(result.frames.length).toBe(30);
      const { ours, theirs } = framesSideBySide(path, result.frames);
      expect(ours).toEqual(theirs);
    });
  }
});
