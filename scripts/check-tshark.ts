/**
 * npm run check:tshark -- FILES...
 *
 * Runs NetLab's TCP tracker and tshark on each capture and compares, per packet, tcp.stream,
 * relative tcp.seq/tcp.ack and every tcp.analysis flag (plus duplicate_ack_num and initial_rtt).
 * Prints agreement per field and every disagreement; exits 1 if stream/seq/ack are below 100 %
 * or any flag below 99 %.
 */
import { readFactsWithTshark } from '../src/main/tcp/testing/tshark-facts';
import { compareFile, emptyReport, formatReport, reportPasses } from '../src/main/tcp/tshark-compare';
import { analyzeTcpSegments } from '../src/main/tcp/wireshark-fields';

function main(files: string[]): number {
  if (files.length === 0) {
    console.error('usage: npm run check:tshark -- capture.pcapng [more.pcap ...]');
    return 2;
  }
  const report = emptyReport();
  for (const file of files) {
    let facts;
    try {
      facts = readFactsWithTshark(file);
    } catch (e) {
      console.error(
        `${file}: cannot be read (${(e as Error).message.split('\n')[0]}); check the path and that tshark is installed.`,
      );
      return 2;
    }
    const ours = analyzeTcpSegments(facts);
    compareFile(file, ours.packets, report);
  }
  console.log(formatReport(report));
  const ok = reportPasses(report);
  console.log(
    ok ? 'PASS' : 'FAIL: stream/seq/ack must agree on 100 % of packets and every flag on at least 99 %',
  );
  return ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
