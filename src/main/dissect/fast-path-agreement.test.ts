/**
 * The fast path (no field tree) must give the same packet-list row and the same TCP facts as the
 * full decoder, on every packet of the shared captures, and read frames in place inside a buffer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../capture/files';
import { dissectPacket } from './dissect-packet';
import { summarizeFrame, summarizeSpan } from './summarize-frame';
import { tcpFactsFromTree } from './tcp-facts-from-tree';

const dir = '/work/shared/captures';
const files = readdirSync(dir).filter((f) => f.endsWith('.pcapng'));

describe('summarizeFrame agrees with dissectPacket', () => {
  it.each(files)('%s', (file) => {
    const read = readCaptureBytes(readFileSync(`${dir}/${file}`));
    read.frames.forEach((frame, i) => {
      const linkType = read.interfaces[frame.interfaceId].linkType;
      const full = dissectPacket(frame.data, linkType, i + 1, frame.timestampNs, frame.originalLength);
      const fast = summarizeFrame(frame.data, linkType, i + 1, frame.timestampNs, frame.originalLength);
      expect(fast.summary, `${file} #${i + 1}`).toEqual(full.summary);
      expect(fast.tcp, `${file} #${i + 1}`).toEqual(
        tcpFactsFromTree(full.fields, i + 1, frame.timestampNs, frame.data.length),
      );
    });
  });

  it('summarizeSpan reads a frame in place at any offset of a larger buffer', () => {
    const read = readCaptureBytes(readFileSync(`${dir}/http_ip4and6.pcapng`));
    for (const frame of read.frames) {
      const buffer = new Uint8Array(frame.data.length + 37);
      buffer.set(frame.data, 17);
      const inPlace = summarizeSpan(
        buffer,
        17,
        frame.data.length,
        1,
        5,
        frame.timestampNs,
        frame.originalLength,
      );
      expect(inPlace).toEqual(summarizeFrame(frame.data, 1, 5, frame.timestampNs, frame.originalLength));
    }
  });
});
