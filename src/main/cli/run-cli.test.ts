import { describe, expect, it } from 'vitest';
import { UsageError, type CliCommand } from './command';
import { helpText, runCli } from './run-cli';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

const seen: string[][] = [];
const echo: CliCommand = {
  name: 'echo',
  summary: 'Prints its arguments',
  usage: 'Usage: netlab echo [words]',
  async run(argv) {
    seen.push(argv);
    if (argv[0] === 'bad') throw new UsageError('Unknown option --bad');
    if (argv[0] === 'boom') throw new Error('disk on fire\n    at stack frame');
    return 0;
  },
};
const list = [echo];

describe('netlab dispatcher', () => {
  it('lists every command with its summary in --help, and with no arguments', async () => {
    for (const argv of [['--help'], ['-h'], [], ['help']]) {
      const { io, out } = capture();
      expect(await runCli(argv, io, list)).toBe(0);
      expect(out.join('\n')).toContain('echo  Prints its arguments');
    }
  });

  it('prints the version', async () => {
    const { io, out } = capture();
    expect(await runCli(['--version'], io, list)).toBe(0);
    expect(out[0]).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('shows one command usage for `help CMD` and `CMD --help` without running it', async () => {
    seen.length = 0;
    for (const argv of [
      ['help', 'echo'],
      ['echo', '--help'],
    ]) {
      const { io, out } = capture();
      expect(await runCli(argv, io, list)).toBe(0);
      expect(out).toEqual(['Usage: netlab echo [words]']);
    }
    expect(seen).toEqual([]);
  });

  it('passes the arguments after the command name to the command', async () => {
    seen.length = 0;
    const { io } = capture();
    expect(await runCli(['echo', 'a', '--', '--help'], io, list)).toBe(0);
    expect(seen).toEqual([['a', '--', '--help']]);
  });

  it('answers unknown commands and options with one line on stderr and exit code 2', async () => {
    for (const argv of [['nope'], ['--nope'], ['help', 'nope'], ['echo', 'bad']]) {
      const { io, err, out } = capture();
      expect(await runCli(argv, io, list)).toBe(2);
      expect(err).toHaveLength(1);
      expect(err[0]).not.toContain('\n');
      expect(out).toEqual([]);
    }
  });

  it('reports a failing command in one line without a stack, exit code 1', async () => {
    const { io, err } = capture();
    expect(await runCli(['echo', 'boom'], io, list)).toBe(1);
    expect(err).toEqual(['netlab echo: disk on fire.']);
  });

  it('includes the real serve command in the help', () => {
    expect(helpText()).toMatch(/serve\s+Run NetLab in browser mode/);
  });
});
