/** `netlab serve`: runs the backend and serves the UI to a browser on 127.0.0.1 (browser mode). */
import type { CliCommand } from '../command';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run NetLab in browser mode: serve the UI and API on 127.0.0.1',
  usage: 'Usage: netlab serve [--port N] [--host 127.0.0.1] [--no-open] [--data-dir DIR]',
  async run() {
    process.stderr.write('netlab serve is not built yet.\n');
    return 1;
  },
};
