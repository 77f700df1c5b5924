/**
 * The `netlab` dispatcher: global flags, help, and running one registered command. Usage mistakes
 * print one line on stderr and exit 2; failures print one line and exit 1; never a stack trace
 * (set NETLAB_DEBUG=1 to see one).
 */
import { appVersion } from '../version';
import { UsageError, type CliCommand } from './command';
import { commands } from './commands';

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const processOutput: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export function helpText(list: CliCommand[] = commands): string {
  const width = Math.max(...list.map((c) => c.name.length)) + 2;
  return [
    'NetLab: see TCP handshakes, decrypted HTTPS and every packet layer on real traffic.',
    '',
    'Usage: netlab <command> [options]',
    '',
    'Commands:',
    ...list.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Options:',
    '  --help, -h     show this help; `netlab help <command>` for one command',
    '  --version, -v  print the version',
  ].join('\n');
}

/** Ends a message with a full stop, whoever wrote it (parseArgs does not). */
function sentence(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

function findCommand(name: string, list: CliCommand[]): CliCommand | undefined {
  return list.find((c) => c.name === name);
}

function unknownCommand(name: string, io: CliOutput): number {
  io.err(`netlab: unknown command '${name}'. Run \`netlab --help\` to see the commands.`);
  return 2;
}

export async function runCli(
  argv: string[],
  io: CliOutput = processOutput,
  list = commands,
): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    io.out(helpText(list));
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.out(appVersion());
    return 0;
  }
  if (first === 'help') {
    if (rest[0] === undefined) {
      io.out(helpText(list));
      return 0;
    }
    const command = findCommand(rest[0], list);
    if (!command) return unknownCommand(rest[0], io);
    io.out(command.usage);
    return 0;
  }
  if (first.startsWith('-')) {
    io.err(`netlab: unknown option '${first}'. Run \`netlab --help\` to see the options.`);
    return 2;
  }
  const command = findCommand(first, list);
  if (!command) return unknownCommand(first, io);
  const beforeSeparator = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (beforeSeparator.includes('--help') || beforeSeparator.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (process.env.NETLAB_DEBUG && error instanceof Error) io.err(error.stack ?? error.message);
    if (error instanceof UsageError) {
      io.err(
        `netlab ${command.name}: ${sentence(error.message)} Run \`netlab help ${command.name}\` for usage.`,
      );
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`netlab ${command.name}: ${sentence(message.split('\n')[0])}`);
    return 1;
  }
}
