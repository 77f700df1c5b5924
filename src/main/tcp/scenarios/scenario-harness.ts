/**
 * Runs one real-stack scenario in a NetnsLab: capture on both ends, server and client programs,
 * then NetLab's reader + decoder + tracker on each capture (with the right vantage) and tshark's
 * verdict on the same files.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TcpFlag } from '../../../shared/model/packet';
import type { TcpSegmentAnalysis, TcpVantage } from '../../../shared/model/tcp';
import { readTcpFacts } from '../capture-facts';
import { compareFile, emptyReport, tsharkTcpFieldsAsync, type ComparisonReport } from '../tshark-compare';
import { analyzeTcpSegments, type TcpAnalysisResult } from '../wireshark-fields';
import type { CaptureFiles, NetnsLab } from './netns-lab';

export interface ScenarioSpec {
  port: number;
  clientMode: string;
  /** Omit for "nothing listens" (connection refused, or SYNs dropped on the way). */
  serverMode?: string;
  setup?: () => void;
  /** Keep capturing this long after the programs end (e.g. to see that nothing more comes). */
  lingerMs?: number;
}

export interface ScenarioResult {
  files: CaptureFiles;
  clientSays: string;
  serverSays: string;
  atClient: TcpAnalysisResult;
  atServer: TcpAnalysisResult;
  /** What the tracker guesses the vantage to be when not told (first connection of each file). */
  guessedVantage: { client?: TcpVantage; server?: TcpVantage };
  tshark: ComparisonReport;
}

async function analyze(
  file: string,
  vantage: TcpVantage | 'auto',
  endNs: bigint,
): Promise<TcpAnalysisResult> {
  const { segments, error } = await readTcpFacts(file);
  if (error) throw new Error(`${file}: ${error}`);
  return analyzeTcpSegments(segments, { vantage, endNs });
}

/** NETLAB_TCP_KEEP_CAPTURES=<dir> keeps every scenario's captures (e.g. for npm run check:tshark). */
function keepCaptures(files: CaptureFiles, port: number): void {
  const dir = process.env.NETLAB_TCP_KEEP_CAPTURES;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  copyFileSync(files.client, join(dir, `scenario-${port}-at-client.pcap`));
  copyFileSync(files.server, join(dir, `scenario-${port}-at-server.pcap`));
}

export async function runScenario(lab: NetnsLab, spec: ScenarioSpec): Promise<ScenarioResult> {
  lab.clearRules();
  spec.setup?.();
  const capture = await lab.startCapture();
  const server = spec.serverMode
    ? lab.peer('server', ['server', String(spec.port), spec.serverMode])
    : undefined;
  await server?.ready;
  const clientSays = await lab.peer('client', ['client', lab.serverIp, String(spec.port), spec.clientMode])
    .done;
  const serverSays = (await server?.done) ?? '';
  if (spec.lingerMs) await new Promise((r) => setTimeout(r, spec.lingerMs));
  const files = await capture.stop();
  keepCaptures(files, spec.port);
  const endNs = BigInt(Date.now()) * 1_000_000n;
  const tshark = emptyReport();
  const theirs = Promise.all([tsharkTcpFieldsAsync(files.client), tsharkTcpFieldsAsync(files.server)]);
  const atClient = await analyze(files.client, 'client', endNs);
  const atServer = await analyze(files.server, 'server', endNs);
  const guessedVantage = {
    client: (await analyze(files.client, 'auto', endNs)).connections[0]?.vantage,
    server: (await analyze(files.server, 'auto', endNs)).connections[0]?.vantage,
  };
  const [atClientTshark, atServerTshark] = await theirs;
  compareFile(files.client, atClient.packets, tshark, atClientTshark);
  compareFile(files.server, atServer.packets, tshark, atServerTshark);
  return { files, clientSays, serverSays, atClient, atServer, guessedVantage, tshark };
}

const FLAG_LETTERS: [number, string][] = [
  [TcpFlag.SYN, 'S'],
  [TcpFlag.FIN, 'F'],
  [TcpFlag.RST, 'R'],
  [TcpFlag.PSH, 'P'],
  [TcpFlag.ACK, 'A'],
];

/** One line per segment: 'C SA  ESTABLISHED SYN-RECEIVED? [flags situations]'. */
export function describe(a: TcpSegmentAnalysis): string {
  const letters = FLAG_LETTERS.filter(([bit]) => a.flags & bit)
    .map(([, l]) => l)
    .join('');
  const who = a.from === 'client' ? 'C' : 'S';
  const st = (r: 'client' | 'server'): string =>
    a.states[r].state + (a.states[r].certainty === 'inferred' ? '?' : '');
  const data = a.payloadLength > 0 ? ' data' : '';
  const extras = [...a.analysis, ...a.situations];
  return `${who} ${letters}${data} ${st('client')} ${st('server')}${extras.length ? ` [${extras.join(' ')}]` : ''}`;
}

export const lines = (r: TcpAnalysisResult): string[] => r.segments.map(describe);

/** Each pattern must match a line after the line the previous pattern matched (a string: exactly). */
export function inOrder(actual: string[], patterns: (string | RegExp)[]): string[] {
  const missing: string[] = [];
  let at = 0;
  for (const p of patterns) {
    const i = actual.findIndex((l, k) => k >= at && (typeof p === 'string' ? l === p : p.test(l)));
    if (i < 0) missing.push(String(p));
    else at = i + 1;
  }
  return missing;
}
