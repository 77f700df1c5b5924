/**
 * The wire protocol between the main process and the capture agent. Both directions use the same
 * framing: `u32 length (LE) | u8 kind | payload`, where `length` counts kind + payload. Commands and
 * replies are small JSON messages; frames travel as binary BATCHES (one message carries hundreds of
 * packets), never one message per packet.
 *
 * Batch payload (all little-endian):
 *   u32 linkType | u32 frameCount | frameCount × ( u64 timestampNs | u32 originalLength | u32 capturedLength | bytes )
 */

export const MessageKind = { JSON: 1, FRAME_BATCH: 2 } as const;
export const FRAME_HEADER_BYTES = 4 + 1;
export const BATCH_HEADER_BYTES = 8;
export const RECORD_HEADER_BYTES = 16;
/** A sanity bound so a corrupt length cannot make the reader wait for gigabytes. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** Error causes the agent reports; the main side turns them into user messages per platform. */
export type AgentErrorCode =
  | 'permission-denied'
  | 'no-such-device'
  | 'device-down'
  | 'bad-filter'
  | 'cap-unavailable'
  | 'already-running'
  | 'not-running'
  | 'pcap-failed';

export interface AgentError {
  code: AgentErrorCode;
  /** libpcap's (or Node's) own words, kept verbatim for the details pane and bug reports. */
  detail: string;
}

export interface StartParams {
  interface: string;
  filter: string;
  /** 0 means "whole packet" like tcpdump -s 0. */
  snaplen: number;
  promiscuous: boolean;
  /** Kernel ring buffer size in bytes. */
  bufferSize: number;
}

export type AgentCommand =
  | { type: 'list-interfaces'; id: number }
  | { type: 'validate-filter'; id: number; interface: string; filter: string }
  | { type: 'start'; id: number; params: StartParams }
  | { type: 'stop'; id: number }
  | { type: 'stats'; id: number }
  | { type: 'shutdown'; id: number };

export interface PcapDeviceAddress {
  addr?: string;
  netmask?: string;
  broadaddr?: string;
  dstaddr?: string;
}

export interface PcapDevice {
  name: string;
  description?: string;
  addresses: PcapDeviceAddress[];
  loopback: boolean;
}

export interface AgentCounters {
  packets: number;
  bytes: number;
  /** Packets the agent discarded because the main process did not read fast enough. */
  droppedByAgent: number;
  /** libpcap's ps_drop. `cap` does not expose pcap_stats, so this stays null (see README). */
  droppedByKernel: number | null;
  /** Interface drops since start (Linux: /sys/class/net/IF/statistics/rx_dropped), null when unknown. */
  droppedByInterface: number | null;
  /** Packets longer than cap's 65535-byte buffer, cut short by the binding. */
  truncatedByBinding: number;
  batches: number;
}

export interface AgentHello {
  type: 'hello';
  pid: number;
  uid: number | null;
  execPath: string;
  runtime: 'node' | 'electron';
  platform: string;
}

export type AgentReply =
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: AgentError };

export type AgentEvent =
  | AgentHello
  | { type: 'started'; linkType: number; linkTypeName: string; interface: string; promiscuous: boolean }
  | { type: 'stats'; counters: AgentCounters }
  | { type: 'capture-error'; error: AgentError; counters: AgentCounters }
  | { type: 'stopped'; counters: AgentCounters }
  | { type: 'fatal'; error: AgentError };

export type AgentMessage = AgentReply | AgentEvent;

export function encodeJsonMessage(message: AgentCommand | AgentMessage): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  const out = Buffer.allocUnsafe(FRAME_HEADER_BYTES + body.length);
  out.writeUInt32LE(body.length + 1, 0);
  out.writeUInt8(MessageKind.JSON, 4);
  body.copy(out, FRAME_HEADER_BYTES);
  return out;
}

export type DecodedMessage =
  | { kind: typeof MessageKind.JSON; json: unknown }
  | { kind: typeof MessageKind.FRAME_BATCH; payload: Buffer };

/**
 * Reassembles framed messages from a byte stream. Chunks are collected in a list and joined once
 * per complete message (never by growing one Buffer per chunk, which goes quadratic).
 */
export class MessageReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): DecodedMessage[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const out: DecodedMessage[] = [];
    for (;;) {
      if (this.buffered < 4) break;
      const length = this.peekLength();
      if (length < 1 || length > MAX_MESSAGE_BYTES) {
        throw new Error(`capture agent protocol error: message length ${length}`);
      }
      if (this.buffered < 4 + length) break;
      const message = this.take(4 + length);
      const kind = message[4];
      const payload = message.subarray(FRAME_HEADER_BYTES);
      if (kind === MessageKind.JSON) out.push({ kind, json: JSON.parse(payload.toString('utf8')) });
      else if (kind === MessageKind.FRAME_BATCH) out.push({ kind, payload });
      else throw new Error(`capture agent protocol error: unknown message kind ${kind}`);
    }
    return out;
  }

  private peekLength(): number {
    const first = this.chunks[0];
    if (first.length >= 4) return first.readUInt32LE(0);
    return this.take(4, true).readUInt32LE(0);
  }

  /** Removes (or with `peek`, only reads) the next `n` bytes, copying only when they span chunks. */
  private take(n: number, peek = false): Buffer {
    const first = this.chunks[0];
    if (first.length >= n) {
      if (peek) return first;
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      this.buffered -= n;
      return first.subarray(0, n);
    }
    const joined = Buffer.concat(this.chunks, this.buffered);
    if (peek) {
      this.chunks = [joined];
      return joined;
    }
    this.chunks = joined.length > n ? [joined.subarray(n)] : [];
    this.buffered -= n;
    return joined.subarray(0, n);
  }
}

export interface DecodedFrame {
  timestampNs: bigint;
  originalLength: number;
  data: Buffer;
}

export interface DecodedBatch {
  linkType: number;
  frames: DecodedFrame[];
}

/** Splits a batch payload into frames; `data` are views into the payload (no copy). */
export function decodeFrameBatch(payload: Buffer): DecodedBatch {
  if (payload.length < BATCH_HEADER_BYTES) throw new Error('capture agent protocol error: short batch');
  const linkType = payload.readUInt32LE(0);
  const count = payload.readUInt32LE(4);
  const frames: DecodedFrame[] = new Array(count);
  let offset = BATCH_HEADER_BYTES;
  for (let i = 0; i < count; i++) {
    if (offset + RECORD_HEADER_BYTES > payload.length)
      throw new Error('capture agent protocol error: cut batch');
    const timestampNs = payload.readBigUInt64LE(offset);
    const originalLength = payload.readUInt32LE(offset + 8);
    const capturedLength = payload.readUInt32LE(offset + 12);
    offset += RECORD_HEADER_BYTES;
    if (offset + capturedLength > payload.length) throw new Error('capture agent protocol error: cut frame');
    frames[i] = { timestampNs, originalLength, data: payload.subarray(offset, offset + capturedLength) };
    offset += capturedLength;
  }
  return { linkType, frames };
}

/**
 * Builds batch messages in one preallocated buffer: each packet is copied once, straight from the
 * binding's buffer into the outgoing message.
 */
export class FrameBatchBuilder {
  private buffer: Buffer;
  private offset = 0;
  private count = 0;

  constructor(
    private readonly capacity: number,
    private linkType = 0,
  ) {
    this.buffer = Buffer.allocUnsafe(capacity);
    this.reset();
  }

  get frameCount(): number {
    return this.count;
  }

  get byteLength(): number {
    return this.offset;
  }

  setLinkType(linkType: number): void {
    this.linkType = linkType;
  }

  /** False when the record does not fit: flush first, then add again. */
  add(timestampNs: bigint, originalLength: number, source: Buffer, capturedLength: number): boolean {
    const needed = RECORD_HEADER_BYTES + capturedLength;
    if (this.offset + needed > this.capacity) {
      if (this.count > 0) return false;
      // One record larger than the whole buffer: grow for this batch only.
      this.buffer = Buffer.concat([this.buffer.subarray(0, this.offset), Buffer.allocUnsafe(needed)]);
    }
    const b = this.buffer;
    b.writeBigUInt64LE(timestampNs, this.offset);
    b.writeUInt32LE(originalLength, this.offset + 8);
    b.writeUInt32LE(capturedLength, this.offset + 12);
    source.copy(b, this.offset + RECORD_HEADER_BYTES, 0, capturedLength);
    this.offset += needed;
    this.count++;
    return true;
  }

  /** Returns the finished message (framing included) and starts a new buffer. */
  takeMessage(): Buffer | null {
    if (this.count === 0) return null;
    const b = this.buffer;
    b.writeUInt32LE(this.offset - 4, 0);
    b.writeUInt8(MessageKind.FRAME_BATCH, 4);
    b.writeUInt32LE(this.linkType, FRAME_HEADER_BYTES);
    b.writeUInt32LE(this.count, FRAME_HEADER_BYTES + 4);
    const message = b.subarray(0, this.offset);
    this.buffer = Buffer.allocUnsafe(this.capacity);
    this.reset();
    return message;
  }

  private reset(): void {
    this.offset = FRAME_HEADER_BYTES + BATCH_HEADER_BYTES;
    this.count = 0;
  }
}
