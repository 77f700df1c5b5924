/**
 * The text written on a ladder arrow: flags as Wireshark writes them, relative seq/ack, payload
 * length and the SYN options. Pure, shared by the SVG ladder and the Mermaid export.
 */
import type { TcpSegmentRow } from '../../../../shared/api/tcp';

const FLAG_NAMES: [number, string][] = [
  [0x002, 'SYN'],
  [0x001, 'FIN'],
  [0x004, 'RST'],
  [0x008, 'PSH'],
  [0x010, 'ACK'],
  [0x020, 'URG'],
  [0x040, 'ECE'],
  [0x080, 'CWR'],
];

export const TCP_FLAG = { FIN: 0x001, SYN: 0x002, RST: 0x004, PSH: 0x008, ACK: 0x010 } as const;

export function hasFlag(flags: number, flag: number): boolean {
  return (flags & flag) !== 0;
}

/** "SYN, ACK", "FIN, ACK", "PSH, ACK"; "none" for a segment with no flag at all. */
export function formatFlags(flags: number): string {
  const names = FLAG_NAMES.filter(([bit]) => hasFlag(flags, bit)).map(([, name]) => name);
  return names.length ? names.join(', ') : 'none';
}

/** "MSS=65495 WS=128 SACK_PERM TS" (Wireshark's Info column spelling), or '' when none. */
export function formatSynOptions(options: TcpSegmentRow['options']): string {
  if (!options) return '';
  const parts: string[] = [];
  if (options.mss !== undefined) parts.push(`MSS=${options.mss}`);
  // Wireshark shows the multiplier (2^shift), which is what a learner multiplies the window by.
  if (options.windowScale !== undefined) parts.push(`WS=${2 ** options.windowScale}`);
  if (options.sackPermitted) parts.push('SACK_PERM');
  if (options.tsVal !== undefined) parts.push('TS');
  return parts.join(' ');
}

type LabelFields = Pick<TcpSegmentRow, 'flags' | 'seq' | 'ack' | 'payloadLength' | 'options'>;

/** "seq=0 ack=1 len=0": ack only when the ACK flag is set (otherwise the field means nothing). */
export function formatSeqAck(segment: LabelFields): string {
  const ack = hasFlag(segment.flags, TCP_FLAG.ACK) ? ` ack=${segment.ack}` : '';
  return `seq=${segment.seq}${ack} len=${segment.payloadLength}`;
}

/** The whole arrow label on one line: "SYN, ACK seq=0 ack=1 len=0 MSS=65495 WS=128 SACK_PERM TS". */
export function segmentLabel(segment: LabelFields): string {
  const options = formatSynOptions(segment.options);
  return [formatFlags(segment.flags), formatSeqAck(segment), options].filter(Boolean).join(' ');
}
