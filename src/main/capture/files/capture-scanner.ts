/**
 * Format detection plus the loop that feeds windows of a file to the right parser. Input arrives
 * either as one in-memory array or as chunks; `ChunkWindow` keeps the unparsed tail of one chunk
 * and puts it in front of the next, so a record split across chunks is parsed from one buffer.
 */
import { hexBytes, u32be, u32le } from './bytes';
import { PCAP_MAGIC_MICRO, PCAP_MAGIC_NANO, PcapParser } from './pcap-parser';
import { PcapngParser } from './pcapng-parser';
import { ScanContext, type RecordParser } from './scan-context';
import type { PacketVisitor } from './types';

const PCAPNG_MAGIC = 0x0a0d0d0a;
const MODIFIED_PCAP_MAGIC = 0xa1b2cd34;

export class CaptureScanner {
  readonly ctx: ScanContext;
  private parser: RecordParser | null = null;
  private pcapng: PcapngParser | null = null;

  constructor(visit: PacketVisitor, totalSize: number) {
    this.ctx = new ScanContext(visit, totalSize);
  }

  get done(): boolean {
    return this.ctx.error !== null;
  }

  /** Bytes (from the first unparsed one) needed before the next record can be parsed. */
  get needed(): number {
    return this.parser ? this.parser.needed : 4;
  }

  /** See RecordParser.feed. Never throws: damage ends up in ctx.error. */
  feed(b: Uint8Array, start: number, end: number, base: number, atEnd: boolean): number {
    if (this.ctx.error) return start;
    if (!this.parser) {
      if (end - start < 4) {
        if (atEnd) this.failShort(base + start, end - start);
        return start;
      }
      this.parser = this.detect(b, start);
      if (!this.parser) return start;
    }
    let pos: number;
    try {
      pos = this.parser.feed(b, start, end, base, atEnd);
    } catch (error) {
      // A bug in a parser or in the caller's visitor must not take the caller down: report it.
      this.ctx.fail(
        this.ctx.bytesRead,
        `reading stopped by an internal error (a bug, not damage in the file): ${String(error)}`,
      );
      return start;
    }
    if (atEnd && !this.ctx.error) {
      if (pos < end) this.ctx.fail(base + pos, `unparsed bytes at offset ${base + pos}`);
      else this.pcapng?.finish(base + pos);
    }
    return pos;
  }

  private failShort(offset: number, count: number): void {
    if (count === 0) this.ctx.fail(offset, 'the file is empty: not a pcap or pcapng file', 'not-a-capture');
    else this.ctx.fail(offset, `not a pcap or pcapng file: only ${count} bytes long`, 'not-a-capture');
  }

  private detect(b: Uint8Array, at: number): RecordParser | null {
    const le = u32le(b, at);
    const be = u32be(b, at);
    if (be === PCAPNG_MAGIC) {
      this.ctx.format = 'pcapng';
      this.pcapng = new PcapngParser(this.ctx);
      return this.pcapng;
    }
    for (const [magic, nano] of [
      [PCAP_MAGIC_MICRO, false],
      [PCAP_MAGIC_NANO, true],
    ] as const) {
      if (le === magic || be === magic) {
        this.ctx.format = 'pcap';
        return new PcapParser(this.ctx, le === magic, nano);
      }
    }
    const start = hexBytes(b, at, 4);
    if (le === MODIFIED_PCAP_MAGIC || be === MODIFIED_PCAP_MAGIC) {
      this.ctx.fail(
        0,
        `not a supported capture file: starts with ${start} (the old "modified pcap" format); convert it with editcap -F pcapng`,
        'unsupported',
      );
    } else if (b[at] === 0x1f && b[at + 1] === 0x8b) {
      this.ctx.fail(
        0,
        `not a pcap or pcapng file: starts with ${start} (gzip-compressed: decompress it first)`,
        'unsupported',
      );
    } else {
      this.ctx.fail(0, `not a pcap or pcapng file: starts with ${start}`, 'not-a-capture');
    }
    return null;
  }
}

const EMPTY = new Uint8Array(0);

/**
 * The buffer management of chunked reading. `next` hands out a fresh buffer with the carried-over
 * tail at its start and room for at least `chunkSize` new bytes (more when one record needs it);
 * `settle` keeps the unparsed tail. Buffers are never reused, so views given to the visitor stay valid.
 */
export class ChunkWindow {
  private carry: Uint8Array = EMPTY;
  /** Absolute offset of carry[0] in the input. */
  base = 0;

  get carried(): number {
    return this.carry.length;
  }

  next(chunkSize: number, needed: number): Uint8Array {
    const size = Math.max(this.carry.length + chunkSize, needed);
    const buffer = Buffer.allocUnsafe(size);
    buffer.set(this.carry, 0);
    return buffer;
  }

  settle(buffer: Uint8Array, filled: number, consumed: number): void {
    this.carry = buffer.subarray(consumed, filled);
    this.base += consumed;
  }
}
