/**
 * Captures for the decoder tests, made from real traffic on loopback (test support, not shipped):
 * an HTTP exchange with a local node server fetched by curl, DNS over UDP and TCP to a tiny local
 * server, and TLS 1.2 and 1.3 handshakes between `openssl s_server` and `openssl s_client`.
 * Plus re-wrapping of existing frames into the other link types, written with D's pcapng writer.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { createSocket } from 'node:dgram';
import { connect, createServer as createTcpServer, type AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resolver } from 'node:dns/promises';
import type { RawFrame } from '../../../shared/model/packet';
import { writePcapngBuffer } from '../../capture/files';

export const workDir = mkdtempSync(join(tmpdir(), 'netlab-dissect-'));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts tcpdump on lo for `filter`, runs `traffic`, stops tcpdump, returns the file path. */
export async function captureLoopback(
  name: string,
  filter: string,
  traffic: () => Promise<void>,
  extra: string[] = [],
): Promise<string> {
  const file = join(workDir, `${name}.pcap`);
  const dump = spawn(
    'tcpdump',
    ['-i', 'lo', '--immediate-mode', '-U', '-s', '0', '-w', file, ...extra, filter],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  await waitForListening(dump);
  try {
    await traffic();
    await sleep(300);
  } finally {
    dump.kill('SIGINT');
    await new Promise((r) => dump.once('exit', r));
  }
  return file;
}

function waitForListening(proc: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('tcpdump did not start')), 20_000);
    proc.stderr!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.once('exit', (code) => reject(new Error(`tcpdump exited with ${code}`)));
  });
}

function run(cmd: string, args: string[], input?: string): void {
  const r = spawnSync(cmd, args, { input, timeout: 10_000, stdio: ['pipe', 'ignore', 'ignore'] });
  if (r.error) throw r.error;
}

/** Runs a client without blocking the event loop (the servers of these tests live in this process). */
function runAsync(cmd: string, args: string[], input?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'ignore', 'ignore'] });
    const timer = setTimeout(() => child.kill(), 10_000);
    child.once('error', reject);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin.end(input ?? '');
  });
}

export async function makeHttpCapture(): Promise<{ file: string; port: number }> {
  const server = createHttpServer((req, res) => {
    res.setHeader('Content-Type', 'text/plain');
    res.end('hello from netlab\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  try {
    const file = await captureLoopback('http', `tcp port ${port}`, async () => {
      await runAsync('curl', ['-s', '-A', 'netlab-test/1.0', `http://127.0.0.1:${port}/lab/page?x=1`]);
    });
    return { file, port };
  } finally {
    server.close();
  }
}

/** A DNS answer with a compression pointer to the question name, a CNAME and an A record. */
function dnsAnswer(query: Buffer): Buffer {
  let p = 12;
  while (p < query.length && query[p] !== 0) p += query[p] + 1;
  const question = query.subarray(12, p + 5);
  const header = Buffer.from([query[0], query[1], 0x81, 0x80, 0, 1, 0, 2, 0, 0, 0, 0]);
  const cnameTarget = Buffer.from([3, 119, 119, 119, 0xc0, 12]);
  const cname = Buffer.concat([
    Buffer.from([0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, cnameTarget.length]),
    cnameTarget,
  ]);
  const aName = 12 + question.length + 12;
  const a = Buffer.from([0xc0, aName, 0, 1, 0, 1, 0, 0, 1, 44, 0, 4, 10, 1, 2, 3]);
  return Buffer.concat([header, question, cname, a]);
}

/** DNS is recognised by port 53, so the test server gets its own loopback address with port 53. */
export const DNS_TEST_ADDRESS = '127.77.0.1';

export async function makeDnsCapture(): Promise<string> {
  const udp = createSocket('udp4');
  udp.on('message', (msg, rinfo) => udp.send(dnsAnswer(msg), rinfo.port, rinfo.address));
  await new Promise<void>((r) => udp.bind(53, DNS_TEST_ADDRESS, r));
  const tcp = createTcpServer((sock) => {
    sock.once('data', (data) => {
      const answer = dnsAnswer(data.subarray(2));
      const len = Buffer.from([answer.length >> 8, answer.length & 0xff]);
      sock.end(Buffer.concat([len, answer]));
    });
  });
  await new Promise<void>((r) => tcp.listen(53, DNS_TEST_ADDRESS, r));
  try {
    return await captureLoopback('dns', `host ${DNS_TEST_ADDRESS} and port 53`, async () => {
      const resolver = new Resolver({ timeout: 2000, tries: 1 });
      resolver.setServers([DNS_TEST_ADDRESS]);
      await resolver.resolve4('lab.netlab.test').catch(() => undefined);
      await new Promise<void>((resolve) => {
        const sock = createTcpConnection(53, resolve);
        const q = Buffer.from([
          0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, 119, 101, 98, 4, 116, 101, 115, 116, 0, 0, 1, 0, 1,
        ]);
        sock.write(Buffer.concat([Buffer.from([0, q.length]), q]));
      });
    });
  } finally {
    udp.close();
    tcp.close();
  }
}

function createTcpConnection(port: number, done: () => void) {
  const sock = connect(port, DNS_TEST_ADDRESS);
  sock.on('data', () => undefined);
  sock.on('close', done);
  sock.on('error', done);
  return sock;
}

export async function makeTlsCapture(version: '1.2' | '1.3'): Promise<{ file: string; port: number }> {
  const key = join(workDir, `key${version}.pem`);
  const cert = join(workDir, `cert${version}.pem`);
  // An EC key is made in milliseconds; an RSA key costs seconds on a busy CI machine.
  const keyArgs = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key];
  run('openssl', [
    'req',
    '-x509',
    ...keyArgs,
    '-out',
    cert,
    '-days',
    '2',
    '-subj',
    '/CN=netlab.test/O=NetLab Lab',
  ]);
  const probe = createTcpServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  const flag = version === '1.2' ? '-tls1_2' : '-tls1_3';
  const server = spawn(
    'openssl',
    [
      's_server',
      '-accept',
      `127.0.0.1:${port}`,
      '-cert',
      cert,
      '-key',
      key,
      flag,
      '-alpn',
      'http/1.1',
      '-quiet',
    ],
    {
      stdio: ['pipe', 'ignore', 'ignore'],
    },
  );
  await sleep(400);
  try {
    const file = await captureLoopback(`tls${version}`, `tcp port ${port}`, async () => {
      run(
        'openssl',
        [
          's_client',
          '-connect',
          `127.0.0.1:${port}`,
          '-servername',
          'netlab.test',
          '-alpn',
          'h2,http/1.1',
          flag,
        ],
        'GET / HTTP/1.1\r\n\r\n',
      );
    });
    return { file, port };
  } finally {
    server.kill();
  }
}

/** Writes frames as a pcapng file with one interface of `linkType`. */
export function writeFrames(name: string, linkType: number, frames: Uint8Array[]): string {
  const file = join(workDir, `${name}.pcapng`);
  const raw: RawFrame[] = frames.map((data, i) => ({
    timestampNs: 1_700_000_000_000_000_000n + BigInt(i) * 1000n,
    originalLength: data.length,
    data,
    interfaceId: 0,
  }));
  writeFileSync(file, writePcapngBuffer({ interfaces: [{ linkType, snapLength: 262144 }] }, raw));
  return file;
}

/** Writes frames on several interfaces (one link type each) into one pcapng file. */
export function writeInterfaces(
  name: string,
  linkTypes: number[],
  frames: { data: Uint8Array; interfaceId: number }[],
): string {
  const file = join(workDir, `${name}.pcapng`);
  const raw: RawFrame[] = frames.map((f, i) => ({
    timestampNs: 1_700_000_000_000_000_000n + BigInt(i) * 1000n,
    originalLength: f.data.length,
    data: f.data,
    interfaceId: f.interfaceId,
  }));
  const interfaces = linkTypes.map((linkType) => ({ linkType, snapLength: 262144 }));
  writeFileSync(file, writePcapngBuffer({ interfaces }, raw));
  return file;
}
