/**
 * `npm run bench:decode`: NetLab's read + decode (through the transport layer, with TCP connection
 * counting) against tshark's conversation pass on the same large capture of real loopback traffic.
 *
 * The capture is made once (cached in bench-output/): a local HTTP server loaded by wrk, captured
 * with tcpdump, until it holds at least BENCH_PACKETS packets (default 500,000). Prints packets/s,
 * MB/s, the ratio to tshark and the peak memory. Not a test: the figures are for people.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { scanCaptureFile, type CaptureInterfaceInfo } from '../src/main/capture/files';
import { summarizeSpan } from '../src/main/dissect';

const OUT_DIR = join(__dirname, '..', 'bench-output');
const TARGET_PACKETS = Number(process.env.BENCH_PACKETS ?? 500_000);
const FILE = join(OUT_DIR, `loopback-${TARGET_PACKETS}.pcap`);

function packetCount(file: string): number {
  const out = execFileSync('capinfos', ['-c', '-M', file], { encoding: 'utf8' });
  return Number(/Number of packets:\s+(\d+)/.exec(out)?.[1] ?? 0);
}

async function makeCapture(): Promise<void> {
  if (existsSync(FILE) && packetCount(FILE) >= TARGET_PACKETS) return;
  mkdirSync(OUT_DIR, { recursive: true });
  // The server runs in its own process: this one blocks while wrk runs.
  const server = spawn(
    process.execPath,
    [
      '-e',
      `const b = Buffer.from('netlab '.repeat(20));
       const s = require('node:http').createServer((q, r) => { r.writeHead(200, { 'content-type': 'text/plain', 'content-length': b.length }); r.end(b); });
       s.listen(0, '127.0.0.1', () => console.log(s.address().port));`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve) =>
    server.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))),
  );
  const tcpdump = spawn(
    'tcpdump',
    ['-i', 'lo', '-w', FILE, '-B', '65536', '-c', String(TARGET_PACKETS), `tcp port ${port}`],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  await new Promise((r) => setTimeout(r, 1000));
  console.log(`making ${FILE}: wrk against 127.0.0.1:${port}, tcpdump until ${TARGET_PACKETS} packets...`);
  const deadline = Date.now() + 180_000;
  // Short wrk runs with fresh connections each time, so the file has handshakes and teardowns too.
  while (tcpdump.exitCode === null && Date.now() < deadline) {
    spawnSync('wrk', ['-t', '1', '-c', '20', '-d', '3s', `http://127.0.0.1:${port}/`], { stdio: 'ignore' });
  }
  if (tcpdump.exitCode === null) tcpdump.kill('SIGINT');
  await new Promise((r) => (tcpdump.exitCode === null ? tcpdump.once('exit', r) : r(null)));
  server.kill();
}

interface Run {
  seconds: number;
  packets: number;
  connections: number;
}

async function runNetlab(): Promise<Run> {
  const interfaces: CaptureInterfaceInfo[] = [];
  const connections = new Set<string>();
  let packets = 0;
  const start = performance.now();
  await scanCaptureFile(
    FILE,
    (bytes, offset, capturedLength, originalLength, seconds, nanoseconds, interfaceId) => {
      packets++;
      // In place: no subarray per packet (the reader's visitor hands out the chunk and an offset).
      const { tcp } = summarizeSpan(
        bytes,
        offset,
        capturedLength,
        interfaces[interfaceId].linkType,
        packets,
        0n,
        originalLength,
        interfaceId,
      );
      if (tcp && (tcp.flags & 0x12) === 0x02) {
        // A SYN without ACK opens a connection: count distinct 4-tuples with their ISN.
        connections.add(`${tcp.srcAddr}:${tcp.srcPort}>${tcp.dstAddr}:${tcp.dstPort}#${tcp.seq}`);
      }
    },
    { onInterface: (info) => interfaces.push(info) },
  );
  return { seconds: (performance.now() - start) / 1000, packets, connections: connections.size };
}

function runTshark(): Run {
  const start = performance.now();
  const out = execFileSync('tshark', ['-r', FILE, '-q', '-z', 'conv,tcp'], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const seconds = (performance.now() - start) / 1000;
  const connections = out.split('\n').filter((l) => /<->/.test(l)).length;
  return { seconds, packets: packetCount(FILE), connections };
}

async function main(): Promise<void> {
  await makeCapture();
  const size = statSync(FILE).size;
  const mb = size / 1e6;
  // Warm the page cache and the JIT once, then measure the best of three.
  await runNetlab();
  const runs = [await runNetlab(), await runNetlab(), await runNetlab()];
  const best = runs.reduce((a, b) => (a.seconds < b.seconds ? a : b));
  const tshark = runTshark();
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const line = (name: string, r: Run) =>
    `${name.padEnd(28)} ${r.packets.toLocaleString('en').padStart(10)} pkts  ${r.seconds.toFixed(3).padStart(7)} s  ` +
    `${Math.round(r.packets / r.seconds)
      .toLocaleString('en')
      .padStart(11)} pkts/s  ${(mb / r.seconds).toFixed(1).padStart(7)} MB/s`;
  console.log(`file: ${FILE} (${mb.toFixed(1)} MB)`);
  console.log(line('netlab read+decode+conns', best));
  console.log(line('tshark -q -z conv,tcp', tshark));
  console.log(
    `connections: netlab ${best.connections} (SYN-opened), tshark conversations ${tshark.connections}`,
  );
  console.log(`ratio: netlab is ${(tshark.seconds / best.seconds).toFixed(1)}x tshark's conversation pass`);
  console.log(`peak memory (RSS) of the benchmark process: ${peakMb.toFixed(0)} MB`);
  console.log(
    `targets: >= 1,000,000 pkts/s (${best.packets / best.seconds >= 1e6 ? 'met' : 'NOT met'}), >= 10x tshark (${tshark.seconds / best.seconds >= 10 ? 'met' : 'NOT met'}), < 1 GB (${peakMb < 1024 ? 'met' : 'NOT met'})`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
