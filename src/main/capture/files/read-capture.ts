/**
 * Public reading API. `scan*` calls a visitor per packet without allocating (the fast path for
 * decoding whole files); `read*` builds RawFrame objects whose data are views into the read chunks.
 * None of these throw: a damaged, foreign or unreadable file yields a result with `error` set, and
 * every packet before the damage.
 */
import { open } from 'node:fs/promises';
import type { RawFrame } from '../../../shared/model/packet';
import { CaptureScanner, ChunkWindow } from './capture-scanner';
import type { CaptureScanResult, CaptureStreamOptions, PacketVisitor } from './types';
import { timestampToNs } from './types';

export const DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;

export interface CaptureReadResult extends CaptureScanResult {
  frames: RawFrame[];
}

/** Scans an in-memory capture. With `chunkSize` it is fed in chunks like a file (for tests). */
export function scanCaptureBytes(
  bytes: Uint8Array,
  visit: PacketVisitor,
  options: { chunkSize?: number } = {},
): CaptureScanResult {
  const scanner = new CaptureScanner(visit, bytes.length);
  if (options.chunkSize === undefined) {
    scanner.feed(bytes, 0, bytes.length, 0, true);
    return scanner.ctx.result();
  }
  const chunkSize = Math.max(1, Math.floor(options.chunkSize));
  const window = new ChunkWindow();
  let position = 0;
  while (!scanner.done) {
    const buffer = window.next(chunkSize, scanner.needed);
    const take = Math.min(buffer.length - window.carried, bytes.length - position);
    buffer.set(bytes.subarray(position, position + take), window.carried);
    position += take;
    const filled = window.carried + take;
    const consumed = scanner.feed(buffer, 0, filled, window.base, position >= bytes.length);
    window.settle(buffer, filled, consumed);
    if (position >= bytes.length) break;
  }
  return scanner.ctx.result();
}

export function readCaptureBytes(bytes: Uint8Array, options: { chunkSize?: number } = {}): CaptureReadResult {
  const frames: RawFrame[] = [];
  const result = scanCaptureBytes(bytes, frameCollector(frames), options);
  return { ...result, frames };
}

/** Streams a capture file in big chunks, with progress and cancellation. */
export async function scanCaptureFile(
  path: string,
  visit: PacketVisitor,
  options: CaptureStreamOptions = {},
): Promise<CaptureScanResult> {
  const chunkSize = Math.max(4096, Math.floor(options.chunkSize ?? DEFAULT_CHUNK_SIZE));
  let handle;
  let totalBytes: number;
  try {
    handle = await open(path, 'r');
    totalBytes = (await handle.stat()).size;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    const scanner = new CaptureScanner(visit, 0);
    scanner.ctx.fail(0, `cannot open ${path}: ${describeIoError(error)}`, 'io');
    return scanner.ctx.result();
  }
  const scanner = new CaptureScanner(visit, totalBytes);
  const ctx = scanner.ctx;
  ctx.onInterface = options.onInterface;
  const window = new ChunkWindow();
  let position = 0;
  try {
    while (!scanner.done) {
      if (options.signal?.aborted) {
        ctx.cancelled = true;
        break;
      }
      const buffer = window.next(chunkSize, scanner.needed);
      let filled = window.carried;
      // Fill the buffer (or reach the end): a short read is not the end of the file.
      while (filled < buffer.length && position < totalBytes) {
        const want = Math.min(buffer.length - filled, totalBytes - position);
        const { bytesRead } = await handle.read(buffer, filled, want, position);
        if (bytesRead === 0) {
          totalBytes = position; // the file shrank while we read it
          ctx.totalSize = position;
          break;
        }
        filled += bytesRead;
        position += bytesRead;
      }
      const atEnd = position >= totalBytes;
      const consumed = scanner.feed(buffer, 0, filled, window.base, atEnd);
      window.settle(buffer, filled, consumed);
      options.onProgress?.({ bytesRead: position, totalBytes, packets: ctx.packetCount });
      if (atEnd) break;
    }
  } catch (error) {
    ctx.fail(position, `reading ${path} failed at offset ${position}: ${describeIoError(error)}`, 'io');
  } finally {
    await handle.close().catch(() => undefined);
  }
  return ctx.result();
}

export async function readCaptureFile(
  path: string,
  options: CaptureStreamOptions = {},
): Promise<CaptureReadResult> {
  const frames: RawFrame[] = [];
  const result = await scanCaptureFile(path, frameCollector(frames), options);
  return { ...result, frames };
}

/** A visitor that appends RawFrame objects (data as views, no copies) to `frames`. */
export function frameCollector(frames: RawFrame[]): PacketVisitor {
  // Packets come many per second: reuse the bigint of the current second instead of making three.
  let lastSeconds = Number.NaN;
  let lastSecondsNs = 0n;
  return (bytes, offset, capturedLength, originalLength, seconds, nanoseconds, interfaceId, comments) => {
    if (seconds !== lastSeconds) {
      lastSeconds = seconds;
      lastSecondsNs = timestampToNs(seconds, 0);
    }
    const frame: RawFrame = {
      timestampNs: lastSecondsNs + BigInt(nanoseconds),
      originalLength,
      // A plain Uint8Array view is cheaper to make than a Buffer one.
      data: new Uint8Array(bytes.buffer, bytes.byteOffset + offset, capturedLength),
      interfaceId,
    };
    if (comments) frame.comments = comments;
    frames.push(frame);
  };
}

function describeIoError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
