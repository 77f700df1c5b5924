/**
 * Where a session's frames live. Memory stays bounded on long captures: the bytes of every frame
 * are appended to a spill file on disk, and memory holds only a compact index (typed arrays, about
 * 30 bytes a frame) plus the most recent bytes not yet flushed. Reading a frame back is one
 * positioned read. Limits: `maxFrames` frames and `maxSpillBytes` bytes of spill; when either is
 * reached the store refuses further frames and says so, so nothing already stored is lost.
 */
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { RawFrame } from '../../shared/model/packet';

export interface FrameStoreOptions {
  spillDir: string;
  maxFrames?: number;
  maxSpillBytes?: number;
  /** Bytes kept in memory before a write to the spill file. */
  writeBufferBytes?: number;
}

export interface StoredFrameMeta {
  timestampNs: bigint;
  originalLength: number;
  capturedLength: number;
  interfaceId: number;
}

const DEFAULT_MAX_FRAMES = 10_000_000;
const DEFAULT_MAX_SPILL = 8 * 1024 ** 3;
const DEFAULT_WRITE_BUFFER = 4 * 1024 * 1024;

export class FrameStore {
  readonly maxFrames: number;
  readonly maxSpillBytes: number;
  private count = 0;
  private capacity = 0;
  private offsets = new Float64Array(0);
  private capturedLengths = new Uint32Array(0);
  private originalLengths = new Uint32Array(0);
  private timestamps = new BigInt64Array(0);
  private interfaceIds = new Uint16Array(0);
  private readonly spillPath: string;
  private fd: number | null = null;
  private spilledBytes = 0;
  /** Bytes appended but not yet written: one preallocated buffer, written with one call when full. */
  private readonly writeBuffer: Uint8Array;
  private pendingBytes = 0;
  private readonly writeBufferBytes: number;
  private comments = new Map<number, string[]>();

  constructor(options: FrameStoreOptions) {
    this.maxFrames = options.maxFrames ?? DEFAULT_MAX_FRAMES;
    this.maxSpillBytes = options.maxSpillBytes ?? DEFAULT_MAX_SPILL;
    this.writeBufferBytes = options.writeBufferBytes ?? DEFAULT_WRITE_BUFFER;
    this.writeBuffer = new Uint8Array(this.writeBufferBytes);
    mkdirSync(options.spillDir, { recursive: true, mode: 0o700 });
    this.spillPath = join(
      options.spillDir,
      `frames-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.bin`,
    );
  }

  get size(): number {
    return this.count;
  }

  get bytesStored(): number {
    return this.spilledBytes + this.pendingBytes;
  }

  /** Whether another frame of this many bytes fits within the limits. */
  canAccept(capturedLength: number): boolean {
    return this.count < this.maxFrames && this.bytesStored + capturedLength <= this.maxSpillBytes;
  }

  /** Appends a frame and returns its 1-based number, or 0 when the store is full. */
  append(frame: RawFrame): number {
    const length = frame.data.byteLength;
    if (!this.canAccept(length)) return 0;
    if (this.count === this.capacity) this.grow();
    const index = this.count++;
    this.offsets[index] = this.bytesStored;
    this.capturedLengths[index] = length;
    this.originalLengths[index] = frame.originalLength;
    this.timestamps[index] = frame.timestampNs;
    this.interfaceIds[index] = frame.interfaceId;
    if (frame.comments?.length) this.comments.set(index + 1, frame.comments);
    // Copy now: the caller's buffer may be reused (reader chunks, agent batches).
    if (this.pendingBytes + length > this.writeBufferBytes) this.flush();
    if (length > this.writeBufferBytes) {
      writeSync(this.requireFd(), frame.data, 0, length, null);
      this.spilledBytes += length;
    } else {
      this.writeBuffer.set(frame.data, this.pendingBytes);
      this.pendingBytes += length;
    }
    return index + 1;
  }

  meta(number: number): StoredFrameMeta | undefined {
    const index = number - 1;
    if (index < 0 || index >= this.count || !Number.isInteger(index)) return undefined;
    return {
      timestampNs: this.timestamps[index],
      originalLength: this.originalLengths[index],
      capturedLength: this.capturedLengths[index],
      interfaceId: this.interfaceIds[index],
    };
  }

  /** The frame's bytes and metadata, or undefined for a number outside 1..size. */
  frame(number: number): RawFrame | undefined {
    const meta = this.meta(number);
    if (!meta) return undefined;
    const index = number - 1;
    const offset = this.offsets[index];
    const data = new Uint8Array(meta.capturedLength);
    if (offset >= this.spilledBytes) {
      const start = offset - this.spilledBytes;
      data.set(this.writeBuffer.subarray(start, start + meta.capturedLength));
    } else if (meta.capturedLength > 0) {
      readSync(this.requireFd(), data, 0, meta.capturedLength, offset);
    }
    return {
      timestampNs: meta.timestampNs,
      originalLength: meta.originalLength,
      data,
      interfaceId: meta.interfaceId,
      comments: this.comments.get(number),
    };
  }

  flush(): void {
    if (this.pendingBytes === 0) return;
    writeSync(this.requireFd(), this.writeBuffer, 0, this.pendingBytes, null);
    this.spilledBytes += this.pendingBytes;
    this.pendingBytes = 0;
  }

  /** Deletes the spill file. The store is empty afterwards and can be reused. */
  clear(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.spillPath, { force: true });
    this.count = 0;
    this.spilledBytes = 0;
    this.pendingBytes = 0;
    this.comments.clear();
  }

  private requireFd(): number {
    this.fd ??= openSync(this.spillPath, 'w+', 0o600);
    return this.fd;
  }

  private grow(): void {
    const next = Math.max(1024, this.capacity * 2);
    this.offsets = growArray(this.offsets, new Float64Array(next));
    this.capturedLengths = growArray(this.capturedLengths, new Uint32Array(next));
    this.originalLengths = growArray(this.originalLengths, new Uint32Array(next));
    this.timestamps = growArray(this.timestamps, new BigInt64Array(next));
    this.interfaceIds = growArray(this.interfaceIds, new Uint16Array(next));
    this.capacity = next;
  }
}

function growArray<T extends Float64Array | Uint32Array | BigInt64Array | Uint16Array>(old: T, next: T): T {
  (next as unknown as { set(a: T): void }).set(old);
  return next;
}
