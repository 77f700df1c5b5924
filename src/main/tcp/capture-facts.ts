/**
 * TcpSegmentFacts of a capture file, read with NetLab's own reader (capture/files) and fast decoder
 * (dissect/summarize-frame): the path `netlab analyze` and check:tshark use.
 */
import type { TcpSegmentFacts } from '../../shared/model/packet';
import { readCaptureFile } from '../capture/files';
import { summarizeFrame } from '../dissect/summarize-frame';

export interface CaptureTcpFacts {
  segments: { facts: TcpSegmentFacts; frameLength: number }[];
  /** Set when the file could not be read completely; the segments before the damage are kept. */
  error: string | null;
}

export async function readTcpFacts(path: string): Promise<CaptureTcpFacts> {
  const result = await readCaptureFile(path);
  const segments: CaptureTcpFacts['segments'] = [];
  result.frames.forEach((frame, i) => {
    const linkType = result.interfaces[frame.interfaceId]?.linkType ?? -1;
    const summary = summarizeFrame(
      frame.data,
      linkType,
      i + 1,
      frame.timestampNs,
      frame.originalLength,
      frame.interfaceId,
    );
    if (summary.tcp) segments.push({ facts: summary.tcp, frameLength: frame.originalLength });
  });
  const error =
    result.format === null || result.error ? (result.error?.message ?? 'not a pcap or pcapng file') : null;
  return { segments, error };
}
