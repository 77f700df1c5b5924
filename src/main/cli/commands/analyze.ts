/** `netlab analyze FILE`: summarise a pcap/pcapng file, or dump it as JSON (see src/main/analyze). */
import { analyzeCapture, formatPacketList, formatSummary } from '../../analyze';
import { parseOptions } from '../args';
import { UsageError, type CliCommand } from '../command';

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'Summarise a pcap/pcapng capture file, or print it as JSON',
  usage: [
    'Usage: netlab analyze FILE [--json] [--packets] [--fields]',
    '',
    'Reads a pcap or pcapng file and prints its format, link types, packet count, time span,',
    'packets per protocol and TCP conversations.',
    '',
    'Options:',
    '  --json      print one JSON document on stdout instead of the summary',
    '  --packets   list every packet (with --json: number, time, lengths, layers, tshark-style fields)',
    '  --fields    also show each packet\u2019s whole decoded field tree with byte offsets (implies --packets)',
    '',
    'Exit codes: 0 read completely; 2 damaged file (everything before the damage is reported),',
    'unreadable file, or a usage error.',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      { json: { type: 'boolean' }, packets: { type: 'boolean' }, fields: { type: 'boolean' } },
      true,
    );
    if (positionals.length !== 1)
      throw new UsageError('netlab analyze needs exactly one FILE (a .pcap or .pcapng).');
    const [file] = positionals;
    const result = await analyzeCapture(file, { packets: values.packets, fields: values.fields });
    if (result.kind === 'unreadable') {
      process.stderr.write(
        `netlab analyze: cannot read ${file}: ${result.message}. Check the path and that it is a pcap or pcapng file.\n`,
      );
      return 2;
    }
    const { report } = result;
    if (values.json) process.stdout.write(JSON.stringify(report) + '\n');
    else process.stdout.write(formatPacketList(report) + formatSummary(report));
    return report.error ? 2 : 0;
  },
};
