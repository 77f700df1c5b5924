/**
 * npm run check:tshark -- FILES...
 *
 * Runs NetLab's TCP tracker and tshark on each capture and compares, per packet, tcp.stream,
 * relative tcp.seq/tcp.ack and every tcp.analysis flag (plus duplicate_ack_num and initial_rtt).
 * Prints agreement per field and every disagreement; exits 1 if stream/seq/ack are below 100 %
 * or any flag below 99 %.
 */
import { readTcpFacts } from '../src/main/tcp/capture-facts';
import { compareFile, emptyReport, formatReport, reportPasses } from '../src/main/tcp/tshark-compare';
import { analyzeTcpSegments } from '../src/main/tcp/wireshark-fields';

async function main(files: string[]): Promise<number> {
  if (files.length === 0) {
    console.error('usage: npm run check:tshark -- capture.pcapng [more.pcap ...]');
    return 2;
  }
  const report = emptyReport();
  for (const file of files) {
    // NetLab's own reader and decoder produce the facts: the whole pipeline is checked, not just the tracker.
    const { segments, error } = await readTcpFacts(file);
    if (error) console.error(`${file}: ${error} (comparing the packets read before it)`);
    const ours = analyzeTcpSegments(segments);
    compareFile(file, ours.packets, report);
  }
  console.log(formatReport(report));
  const ok = reportPasses(report);
  console.log(
    ok ? 'PASS' : 'FAIL: stream/seq/ack must agree on 100 % of packets and every flag on at least 99 %',
  );
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: Error) => {
    console.error(`check:tshark failed: ${e.message}. Is tshark installed and on PATH?`);
    process.exitCode = 2;
  },
);
