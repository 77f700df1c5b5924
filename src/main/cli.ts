/**
 * Entry of the `netlab` command (bin/netlab.js loads the built out/main/cli.js). Runs under plain
 * Node: nothing reachable from here may import electron (cli-stays-electron-free.test.ts checks).
 */
import { runCli } from './cli/run-cli';

void runCli(process.argv.slice(2)).then((code) => {
  // Explicit exit: a command may leave a handle open (a watcher, a pool), and the user expects
  // the shell prompt back as soon as the command says it is done.
  process.exit(code);
});
