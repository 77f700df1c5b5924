/** `netlab analyze FILE`: summarise a pcap/pcapng file, or dump it as JSON (see src/main/analyze). */
import { analyzeCapture, formatPacketList, formatSummary } from '../../analyze';
import { parseOptions } from '../args';
import { UsageError, type CliCommand } from '../command';
import { FilterCompileError } from '../../analyze/filter-stage';

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'Summarise a pcap/pcapng capture file, or print it as JSON',
  usage: [
    'Usage: netlab analyze FILE [--json] [--packets] [--fields] [--filter EXPR]',
    '',
    'Reads a pcap or pcapng file and prints its format, link types, packet count, time span,',
    'packets per protocol, TCP conversations and every TCP connection with its Zeek-style',
    'conn_state and history.',
    '',
    'Options:',
    '  --json      print one JSON document on stdout instead of the summary',
    '  --packets   list every packet (with --json: number, time, lengths, layers, tshark-style fields)',
    '  --fields    also show each packet\u2019s whole decoded field tree with byte offsets (implies --packets)',
    '  --filter EXPR  keep only packets matching a Wireshark display filter, e.g.',
    "                 'tcp.flags.syn == 1 && tcp.flags.ack == 0' (same packets as tshark -Y EXPR)",
    '',
    'Exit codes: 0 read completely; 2 damaged file (everything before the damage is reported),',
    'unreadable file, or a usage error.',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parseOptions(
      argv,
      {
        json: { type: 'boolean' },
        packets: { type: 'boolean' },
        fields: { type: 'boolean' },
        filter: { type: 'string' },
      },
      true,
    );
    if (positionals.length !== 1)
      throw new UsageError('netlab analyze needs exactly one FILE (a .pcap or .pcapng).');
    const [file] = positionals;
    let result;
    try {
      result = await analyzeCapture(file, {
        packets: values.packets,
        fields: values.fields,
        filter: values.filter,
      });
    } catch (error) {
      if (error instanceof FilterCompileError) {
        throw new UsageError(
          `invalid --filter: ${error.message} Fix the expression (Wireshark display-filter syntax).`,
        );
      }
      throw error;
    }
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
