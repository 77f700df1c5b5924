/** `netlab serve`: runs the backend and serves the UI to a browser on 127.0.0.1 (browser mode). */
import { createBackend } from '../../api/backend';
import { ensureDataDir, resolveDataDir } from '../../config/data-dir';
import { isLoopbackHost, startBrowserServer } from '../../server/browser-server';
import { appVersion } from '../../version';
import { parseOptions, parsePort } from '../args';
import { UsageError, type CliCommand } from '../command';
import { openInBrowser } from '../open-browser';
import { waitForStopSignal } from '../stop-signal';

const DEFAULT_PORT = 0;
/** A stuck shutdown must not keep the terminal hostage. */
const SHUTDOWN_GRACE_MS = 3000;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run NetLab in browser mode: serve the UI and API on 127.0.0.1',
  usage: [
    'Usage: netlab serve [--port N] [--host 127.0.0.1] [--no-open] [--data-dir DIR]',
    '',
    'Starts the NetLab backend and serves the UI on a loopback address, then prints the URL to open',
    '(it carries a secret token for this launch) and opens it in the default browser.',
    '',
    'Options:',
    '  --port N        port to listen on (default: a random free port)',
    '  --host ADDR     loopback address to bind: 127.0.0.1 (default), ::1 or localhost',
    '  --no-open       do not open a browser',
    '  --data-dir DIR  data folder (default: $NETLAB_HOME or ~/.netlab)',
    '',
    'Stop with Ctrl+C.',
  ].join('\n'),
  async run(argv) {
    const { values } = parseOptions(argv, {
      port: { type: 'string' },
      host: { type: 'string' },
      'no-open': { type: 'boolean' },
      'data-dir': { type: 'string' },
    });
    const port = parsePort(values.port, DEFAULT_PORT);
    const host = values.host ?? '127.0.0.1';
    if (!isLoopbackHost(host)) {
      throw new UsageError(`--host must be a loopback address (127.0.0.1, ::1 or localhost), not '${host}'.`);
    }
    const dataDir = ensureDataDir(resolveDataDir(values['data-dir']));
    const backend = createBackend({ version: appVersion(), dataDir });
    let server;
    try {
      server = await startBrowserServer({ backend, port, host });
    } catch (error) {
      await backend.close();
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new Error(
          `Port ${port} is already in use: choose another with --port, or leave it out for a free one.`,
          { cause: error },
        );
      }
      throw error;
    }
    const stopped = waitForStopSignal();
    process.stdout.write(`NetLab is running at ${server.url}\n`);
    if (!values['no-open'] && !openInBrowser(server.url)) {
      process.stderr.write('No browser opener found here: open the URL above in your browser.\n');
    }
    await stopped;
    const forceExit = setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS);
    forceExit.unref();
    await server.close();
    await backend.close();
    return 0;
  },
};
