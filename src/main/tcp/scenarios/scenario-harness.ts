/**
 * Runs one real-stack scenario in a NetnsLab: capture on both ends, server and client programs,
 * then NetLab's reader + decoder + tracker on each capture (with the right vantage) and tshark's
 * verdict on the same files.
 */
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
}

export interface ScenarioResult {
  files: CaptureFiles;
  clientSays: string;
  serverSays: string;
  atClient: TcpAnalysisResult;
  atServer: TcpAnalysisResult;
  tshark: ComparisonReport;
}

async function analyze(file: string, vantage: TcpVantage | 'auto'): Promise<TcpAnalysisResult> {
  const { segments, error } = await readTcpFacts(file);
  if (error) throw new Error(`${file}: ${error}`);
  return analyzeTcpSegments(segments, { vantage });
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
  const files = await capture.stop();
  const tshark = emptyReport();
  const theirs = Promise.all([tsharkTcpFieldsAsync(files.client), tsharkTcpFieldsAsync(files.server)]);
  const atClient = await analyze(files.client, 'client');
  const atServer = await analyze(files.server, 'server');
  const [atClientTshark, atServerTshark] = await theirs;
  compareFile(files.client, atClient.packets, tshark, atClientTshark);
  compareFile(files.server, atServer.packets, tshark, atServerTshark);
  return { files, clientSays, serverSays, atClient, atServer, tshark };
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
