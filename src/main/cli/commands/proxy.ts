/** `netlab proxy`: runs the HTTPS interception proxy in the terminal, one line per exchange. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolveDataDir } from '../../config/data-dir';
import { buildHar } from '../../proxy/har/har-export';
import { ProxyListenError, ProxyService } from '../../proxy/proxy-service';
import type { RecordedExchange } from '../../proxy/record/recorded-exchange';
import { isLoopbackHost } from '../../proxy/settings';
import { appVersion } from '../../version';
import { parseOptions, parsePort } from '../args';
import { UsageError, type CliCommand } from '../command';
import { waitForStopSignal } from '../stop-signal';

function describeExchange(e: RecordedExchange): string {
  const s = e.summary();
  const status = s.error
    ? `ERR ${s.error.answeredStatus ?? '---'} ${s.error.kind}`
    : String(s.statusCode ?? '---');
  const legs = `${s.clientHttpVersion}${s.upstreamHttpVersion ? `→${s.upstreamHttpVersion}` : ''}`;
  const ws = s.kind === 'websocket' ? ` websocket ${s.websocketMessageCount} messages` : '';
  return `${status} ${s.method} ${s.url} ${s.responseBodySize} B ${s.durationMs ?? '?'} ms ${legs}${ws}`;
}

function parseByteCount(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`--body-limit must be a number of bytes, not '${value}'.`);
  return Number(value);
}

export const proxyCommand: CliCommand = {
  name: 'proxy',
  summary: 'Run the HTTPS interception proxy and log each exchange',
  usage: [
    'Usage: netlab proxy [--host 127.0.0.1] [--port 8080] [--data-dir DIR] [--har FILE] [--keylog FILE]',
    '                    [--insecure-upstream HOST]... [--passthrough HOST]... [--intercept-only HOST]...',
    '                    [--upstream-ca FILE]... [--body-limit BYTES] [--allow-lan] [--quiet]',
    '',
    'Runs an explicit HTTP/HTTPS proxy. Point a client at it and trust NetLab\u2019s CA on that client',
    '(`netlab ca export`), and NetLab decrypts and records its HTTPS traffic.',
    '',
    'Options:',
    '  --host ADDR               listen address (default 127.0.0.1; others need --allow-lan)',
    '  --port N                  listen port (default 8080; 0 picks a free one)',
    '  --allow-lan               allow a non-loopback --host: other devices can then use the proxy',
    '  --data-dir DIR            data folder holding the CA (default: $NETLAB_HOME or ~/.netlab)',
    '  --har FILE                on Ctrl+C/SIGTERM, write everything recorded (TLS failures included) as HAR',
    '  --keylog FILE             append TLS secrets of both legs (NSS key log, for Wireshark)',
    '  --insecure-upstream HOST  do not verify HOST\u2019s real certificate (repeatable, *.domain allowed)',
    '  --passthrough HOST        tunnel HOST without decrypting it (repeatable)',
    '  --intercept-only HOST     decrypt only these hosts, tunnel all others (repeatable)',
    '  --upstream-ca FILE        also trust this CA (PEM) for real servers, e.g. a lab CA (repeatable)',
    '  --body-limit BYTES        bytes of each body to keep (default 1048576)',
    '  --quiet                   record everything but print no line per exchange',
  ].join('\n'),
  async run(argv) {
    const { values } = parseOptions(argv, {
      host: { type: 'string' },
      port: { type: 'string' },
      'allow-lan': { type: 'boolean' },
      'data-dir': { type: 'string' },
      har: { type: 'string' },
      keylog: { type: 'string' },
      'insecure-upstream': { type: 'string', multiple: true },
      passthrough: { type: 'string', multiple: true },
      'intercept-only': { type: 'string', multiple: true },
      'upstream-ca': { type: 'string', multiple: true },
      'body-limit': { type: 'string' },
      quiet: { type: 'boolean' },
    });
    const host = values.host ?? '127.0.0.1';
    if (!isLoopbackHost(host) && !values['allow-lan']) {
      throw new UsageError(
        `--host ${host} would let other machines use the proxy; add --allow-lan if that is what you want.`,
      );
    }
    const extraCas = (values['upstream-ca'] ?? []).map((file) => {
      try {
        return readFileSync(file, 'utf8');
      } catch (error) {
        throw new UsageError(`Cannot read --upstream-ca ${file}: ${(error as Error).message}`);
      }
    });
    const log = (line: string) => process.stdout.write(`${line}\n`);
    const proxy = new ProxyService({
      dataDir: resolveDataDir(values['data-dir']),
      settings: {
        host,
        port: parsePort(values.port, 8080),
        keyLogPath: values.keylog ?? null,
        insecureUpstreamHosts: values['insecure-upstream'] ?? [],
        passthroughHosts: values.passthrough ?? [],
        interceptOnlyHosts: values['intercept-only'] ?? [],
        bodyCaptureLimit: parseByteCount(values['body-limit'], 1024 * 1024),
      },
      extraUpstreamCaPems: extraCas,
      log,
      onExchangeFinished: values.quiet ? undefined : (exchange) => log(describeExchange(exchange)),
    });
    // One bad connection must never take the recording down with it: log, keep serving.
    process.on('uncaughtException', (error) =>
      log(`internal error (the proxy keeps running): ${error.stack ?? error}`),
    );
    let status;
    try {
      status = await proxy.start({ allowNonLoopback: values['allow-lan'] === true });
    } catch (error) {
      if (error instanceof ProxyListenError) {
        process.stderr.write(`${error.message}\n`);
        return 1;
      }
      throw error;
    }
    log(
      `NetLab proxy listening on http://${status.host}:${status.port} ` +
        `(CA SHA-256 ${status.caFingerprintSha256}); stop with Ctrl+C`,
    );
    const signal = await waitForStopSignal();
    await proxy.dispose();
    if (values.har) {
      const har = buildHar(proxy.store.all(), proxy.store.tlsFailures(), appVersion());
      writeFileSync(values.har, JSON.stringify(har, null, 2));
      log(`${signal}: wrote ${har.log.entries.length} entries to ${values.har}`);
    }
    return 0;
  },
};
