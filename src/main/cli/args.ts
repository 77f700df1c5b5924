/** Option parsing for sub-commands: node:util parseArgs, with its errors turned into UsageErrors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Parses options strictly: unknown options, missing values and stray arguments are usage errors. */
export function parseOptions<O extends OptionsConfig>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (error) {
    // parseArgs explains itself well but over several lines; the first is the useful one.
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(message);
  }
}

/** A TCP port: 0 (pick a free one) to 65535. */
export function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new UsageError(`--port must be a number from 0 to 65535 (0 picks a free port), not '${value}'.`);
  }
  return Number(value);
}
