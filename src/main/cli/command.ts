/**
 * The shape of one `netlab` sub-command. Each lives in commands/<name>.ts and is listed once in
 * commands/index.ts, so adding a command never touches the dispatcher.
 */
export interface CliCommand {
  /** The word typed after `netlab`, e.g. `serve`. */
  name: string;
  /** One line for `netlab --help`. */
  summary: string;
  /** The full help text for `netlab help <name>`, starting with the usage line. */
  usage: string;
  /** Runs with the arguments after the command name; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}

/**
 * A mistake in how the command was typed (unknown option, missing value). The dispatcher prints its
 * message as one line on stderr and exits with code 2, the convention for usage errors.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
