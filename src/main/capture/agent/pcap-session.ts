/**
 * One live capture inside the agent: opens libpcap through `cap`, copies each packet once into the
 * current batch and flushes batches every FLUSH_INTERVAL_MS or when BATCH_BYTES are full.
 *
 * Limits of `cap` 0.2.1 that shape this file (read from its binding.cc):
 * - the packet callback gives only the captured length: no pcap_pkthdr timestamp and no wire length,
 *   so timestamps are taken here when the packet reaches JavaScript (hrtime, ns);
 * - libpcap's snaplen is fixed at 65535 and promiscuous mode is always on: our snaplen is applied
 *   when copying;
 * - no pcap_stats: kernel drops cannot be read (droppedByKernel stays null);
 * - cap keeps a raw pointer to the packet Buffer without keeping it alive: if the Buffer is collected
 *   while the handle is open, libpcap writes into freed memory (seen with valgrind). Handles and their
 *   Buffers are therefore referenced until the agent exits;
 * - after a failed open() the handle must never be closed or garbage-collected (its uv_poll handle
 *   was never initialised: close() or the destructor segfaults);
 * - cap turns on immediate mode, so Linux libpcap uses TPACKET_V2, whose ring has one fixed slot per
 *   packet sized for the 65535-byte snaplen (~64 KiB): bufferSize / 64 KiB packets of burst headroom.
 *   Bursts beyond that are dropped by the kernel, invisibly (no pcap_stats). Hence the large default.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { CapHandle, CapModule } from './cap-binding';
import { linkTypeFromCap } from './link-types';
import { classifyOpenError, errorMessage } from './pcap-errors';
import { FrameBatchBuilder, type AgentCounters, type AgentError, type StartParams } from './protocol';

export const FLUSH_INTERVAL_MS = 15;
export const BATCH_BYTES = 512 * 1024;
/** cap copies each packet into this buffer; one byte more than libpcap's 65535 snaplen. */
const CAP_BUFFER_BYTES = 65536;
const DRAIN_TICK_MS = 20;
const DRAIN_MAX_MS = 500;
/** Buffer for handles opened only to test a filter: small, they are closed at once. */
const PROBE_RING_BYTES = 256 * 1024;

/**
 * Every handle stays referenced until the agent exits: the GC must never run cap's destructor (after a
 * failed open it touches an uninitialised uv_poll handle; after close() the poll handle is stopped but
 * never uv_close()d). An agent runs one capture, so this list stays tiny.
 */
const keepAlive: { handle: CapHandle; buffer: Buffer }[] = [];

export class OpenFailure extends Error {
  constructor(readonly agentError: AgentError) {
    super(agentError.detail);
  }
}

export interface OpenedHandle {
  handle: CapHandle;
  linkTypeName: string;
  buffer: Buffer;
}

/**
 * Opens a handle with the filter. When that fails, opens the device again without a filter to tell
 * a bad filter (device fine, filter rejected) from a device or permission problem.
 */
export function openHandle(cap: CapModule, device: string, filter: string, ringBytes: number): OpenedHandle {
  const buffer = Buffer.alloc(CAP_BUFFER_BYTES);
  const handle = new cap.Cap();
  keepAlive.push({ handle, buffer });
  try {
    const linkTypeName = handle.open(device, filter, ringBytes, buffer);
    return { handle, linkTypeName, buffer };
  } catch (error) {
    const detail = errorMessage(error);
    if (filter.trim() === '') throw new OpenFailure(classifyOpenError(detail));
    const bare = new cap.Cap();
    const bareBuffer = Buffer.alloc(CAP_BUFFER_BYTES);
    keepAlive.push({ handle: bare, buffer: bareBuffer });
    try {
      bare.open(device, '', PROBE_RING_BYTES, bareBuffer);
    } catch (bareError) {
      throw new OpenFailure(classifyOpenError(errorMessage(bareError)));
    }
    bare.close();
    throw new OpenFailure({ code: 'bad-filter', detail });
  }
}

export function validateFilter(cap: CapModule, device: string, filter: string): { linkType: number } {
  const opened = openHandle(cap, device, filter, PROBE_RING_BYTES);
  opened.handle.close();
  return { linkType: linkTypeFromCap(opened.linkTypeName) };
}

export interface SessionSink {
  /** Sends a finished batch message; returns false when the consumer is too far behind (batch dropped). */
  sendBatch(message: Buffer, frameCount: number): boolean;
}

/** Wall-clock nanoseconds from the monotonic clock: one anchor, then exact deltas (no float drift). */
function makeClock(): () => bigint {
  const anchorWallNs = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)) * 1000n;
  const anchorHr = process.hrtime.bigint();
  return () => anchorWallNs + (process.hrtime.bigint() - anchorHr);
}

function readInterfaceDrops(device: string): number | null {
  if (process.platform !== 'linux' || !/^[\w.:@-]+$/.test(device)) return null;
  try {
    return Number(readFileSync(`/sys/class/net/${device}/statistics/rx_dropped`, 'utf8').trim());
  } catch {
    return null;
  }
}

function kernelInterfaceExists(device: string): boolean {
  return process.platform === 'linux' && /^[\w.:@-]+$/.test(device) && existsSync(`/sys/class/net/${device}`);
}

export class PcapSession {
  readonly linkType: number;
  readonly linkTypeName: string;
  private readonly handle: CapHandle;
  private readonly batch: FrameBatchBuilder;
  private readonly now = makeClock();
  private readonly snaplen: number;
  private readonly interfaceDropsAtStart: number | null;
  /** Linux: the kernel interface behind the capture existed at start (false for pseudo-devices). */
  private readonly hadKernelInterface: boolean;
  private flushTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly counters: AgentCounters = {
    packets: 0,
    bytes: 0,
    droppedByAgent: 0,
    droppedByKernel: null,
    droppedByInterface: null,
    truncatedByBinding: 0,
    batches: 0,
  };

  constructor(
    cap: CapModule,
    readonly params: StartParams,
    private readonly sink: SessionSink,
  ) {
    const opened = openHandle(cap, params.interface, params.filter, params.bufferSize);
    this.handle = opened.handle;
    this.linkTypeName = opened.linkTypeName;
    this.linkType = linkTypeFromCap(opened.linkTypeName);
    this.snaplen = params.snaplen > 0 ? params.snaplen : CAP_BUFFER_BYTES;
    this.batch = new FrameBatchBuilder(BATCH_BYTES, this.linkType);
    this.interfaceDropsAtStart = readInterfaceDrops(params.interface);
    this.hadKernelInterface = kernelInterfaceExists(params.interface);
    const buffer = opened.buffer;
    this.handle.on('packet', (length, truncated) => this.onPacket(buffer, length, truncated));
  }

  private onPacket(buffer: Buffer, length: number, truncated: boolean): void {
    if (this.closed) return;
    const timestampNs = this.now();
    const captured = Math.min(length, this.snaplen);
    this.counters.packets++;
    this.counters.bytes += length;
    if (truncated) this.counters.truncatedByBinding++;
    if (!this.batch.add(timestampNs, length, buffer, captured)) {
      this.flush();
      this.batch.add(timestampNs, length, buffer, captured);
    }
    if (this.batch.byteLength >= BATCH_BYTES) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);
  }

  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const frames = this.batch.frameCount;
    const message = this.batch.takeMessage();
    if (!message) return;
    if (this.sink.sendBatch(message, frames)) this.counters.batches++;
    else this.counters.droppedByAgent += frames;
  }

  /**
   * cap ignores pcap_dispatch errors, so a removed interface would go unnoticed: on Linux, check that
   * the interface still exists.
   */
  interfaceGone(): boolean {
    return this.hadKernelInterface && !kernelInterfaceExists(this.params.interface);
  }

  stats(): AgentCounters {
    const drops = readInterfaceDrops(this.params.interface);
    if (drops !== null && this.interfaceDropsAtStart !== null) {
      this.counters.droppedByInterface = Math.max(0, drops - this.interfaceDropsAtStart);
    }
    return { ...this.counters };
  }

  /**
   * Drains what the kernel already holds (packets keep being read until the ring has been quiet for
   * two ticks, at most DRAIN_MAX_MS), stops libpcap, then sends the last batch: nothing captured
   * before stop is lost.
   */
  async stop(): Promise<AgentCounters> {
    if (!this.closed) {
      const deadline = Date.now() + DRAIN_MAX_MS;
      let quietTicks = 0;
      while (quietTicks < 2 && Date.now() < deadline) {
        const before = this.counters.packets;
        await new Promise((resolve) => setTimeout(resolve, DRAIN_TICK_MS));
        quietTicks = this.counters.packets === before ? quietTicks + 1 : 0;
      }
      this.closed = true;
      this.handle.close();
      this.flush();
    }
    return this.stats();
  }
}

export function describeOpenError(error: unknown): AgentError {
  if (error instanceof OpenFailure) return error.agentError;
  return { code: 'pcap-failed', detail: errorMessage(error) };
}
