/**
 * tshark as the test oracle: what Wireshark reads from a capture file, frame by frame.
 * Test support only (not shipped): runs the real tshark installed on this machine.
 */
import { execFileSync, spawnSync } from 'node:child_process';

export interface OracleFrame {
  /** frame.time_epoch as printed, e.g. '1265678319.618072000'. */
  epoch: string;
  length: number;
  capturedLength: number;
  interfaceId: number;
  hex: string;
  comments: string[];
}

interface JsonPacket {
  _source: { layers: Record<string, unknown> };
}

function field(frame: Record<string, unknown>, name: string): string {
  const value = frame[name];
  return typeof value === 'string' ? value : '';
}

/** Every frame of `path` as tshark reads it (timestamps to the nanosecond, raw bytes in hex). */
export function tsharkFrames(path: string): OracleFrame[] {
  const out = execFileSync(
    'tshark',
    ['-r', path, '-T', 'json', '--no-duplicate-keys', '-x', '-j', 'frame pkt_comment'],
    {
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  ).toString('utf8');
  const packets = JSON.parse(out) as JsonPacket[];
  return packets.map(({ _source: { layers } }) => {
    const frame = (layers.frame ?? {}) as Record<string, unknown>;
    const raw = layers.frame_raw;
    const comments = collectComments(layers);
    return {
      epoch: field(frame, 'frame.time_epoch'),
      length: Number(field(frame, 'frame.len')),
      capturedLength: Number(field(frame, 'frame.cap_len')),
      interfaceId: Number(field(frame, 'frame.interface_id') || '0'),
      hex: Array.isArray(raw) && typeof raw[0] === 'string' ? raw[0] : '',
      comments,
    };
  });
}

function collectComments(layers: Record<string, unknown>): string[] {
  const found: string[] = [];
  const walk = (value: unknown, key: string): void => {
    if (key === 'frame.comment' || key === 'pkt_comment') {
      if (typeof value === 'string') found.push(value);
      else if (Array.isArray(value)) value.forEach((v) => typeof v === 'string' && found.push(v));
      else if (value && typeof value === 'object') walk(value, '');
      return;
    }
    if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(layers, '');
  return found;
}

/** Runs a Wireshark tool; returns stdout and stderr (tests assert stderr is empty where it matters). */
export function runTool(command: string, args: string[]): { stdout: string; stderr: string; status: number } {
  const result = spawnSync(command, args, { maxBuffer: 1 << 30 });
  const stderr = result.stderr
    .toString('utf8')
    .split('\n')
    // tshark and capinfos greet root with this line on every run; it says nothing about the file.
    .filter((line) => !line.startsWith('Running as user "root"') && line.trim() !== '')
    .join('\n');
  return { stdout: result.stdout.toString('utf8'), stderr, status: result.status ?? -1 };
}

/** Seconds.nanoseconds text of a bigint nanosecond timestamp, formatted like frame.time_epoch. */
export function epochText(timestampNs: bigint): string {
  const seconds = timestampNs / 1_000_000_000n;
  const nanos = timestampNs % 1_000_000_000n;
  return `${seconds}.${nanos.toString().padStart(9, '0')}`;
}

export function hexOf(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex');
}

export interface ComparableFrame {
  epoch: string;
  length: number;
  capturedLength: number;
  interfaceId: number;
  hex: string;
}

/** Our frames and tshark's, in a shape `expect(ours).toEqual(theirs)` compares field by field. */
export function framesSideBySide(
  path: string,
  frames: { timestampNs: bigint; originalLength: number; data: Uint8Array; interfaceId: number }[],
  /** tshark 4.0 prints the interface number inside the frame's section: pass `result.interfaces` to compare. */
  interfaces?: { localId: number }[],
): { ours: ComparableFrame[]; theirs: ComparableFrame[] } {
  const ours = frames.map((f) => ({
    epoch: epochText(f.timestampNs),
    length: f.originalLength,
    capturedLength: f.data.length,
    interfaceId: interfaces ? interfaces[f.interfaceId].localId : f.interfaceId,
    hex: hexOf(f.data),
  }));
  const theirs = tsharkFrames(path).map((f) => ({
    epoch: f.epoch,
    length: f.length,
    capturedLength: f.capturedLength,
    interfaceId: f.interfaceId,
    hex: f.hex,
  }));
  return { ours, theirs };
}
