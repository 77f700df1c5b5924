/**
 * Every `netlab` sub-command, in the order `netlab --help` lists them. To add one, create
 * commands/<name>.ts exporting a CliCommand and add ONE line below.
 */
import type { CliCommand } from '../command';
import { serveCommand } from './serve';
import { proxyCommand } from './proxy';
import { caCommand } from './ca';
import { analyzeCommand } from './analyze';

// prettier-ignore
export const commands: CliCommand[] = [
  serveCommand,
  proxyCommand,
  caCommand,
  analyzeCommand,
];
