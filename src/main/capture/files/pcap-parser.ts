/**
 * Classic libpcap format: a 24-byte file header, then records of a 16-byte header plus the bytes.
 * Microsecond (a1b2c3d4) and nanosecond (a1b23c4d) magics, both byte orders.
 */
import { u16, u32 } from './bytes';
import type { RecordParser, ScanContext } from './scan-context';
import { MAX_RECORD_BYTES } from './types';

const FILE_HEADER = 24;
const RECORD_HEADER = 16;

export const PCAP_MAGIC_MICRO = 0xa1b2c3d4;
export const PCAP_MAGIC_NANO = 0xa1b23c4d;

export class PcapParser implements RecordParser {
  needed = FILE_HEADER;
  private headerDone = false;
  private nsPerFraction = 1000;
  private snapLength = 0;

  constructor(
    private readonly ctx: ScanContext,
    private readonly littleEndian: boolean,
    nanosecond: boolean,
  ) {
    this.nsPerFraction = nanosecond ? 1 : 1000;
  }

  feed(b: Uint8Array, start: number, end: number, base: number, atEnd: boolean): number {
    let pos = start;
    const ctx = this.ctx;
    if (!this.headerDone) {
      if (end - pos < FILE_HEADER) {
        if (atEnd)
          ctx.fail(base + pos, `pcap file header is cut short: ${end - pos} of 24 bytes`, 'truncated');
        this.needed = FILE_HEADER;
        return pos;
      }
      this.readFileHeader(b, pos, base + pos);
      pos += FILE_HEADER;
      this.headerDone = true;
      ctx.bytesRead = base + pos;
    }
    const le = this.littleEndian;
    const visit = ctx.visit;
    const nsPerFraction = this.nsPerFraction;
    const total = ctx.totalSize;
    while (pos < end) {
      const avail = end - pos;
      if (avail < RECORD_HEADER) {
        ctx.bytesRead = base + pos;
        if (atEnd) {
          ctx.fail(
            base + pos,
            `packet record header at offset ${base + pos} is cut short: ${avail} of 16 bytes: file truncated`,
            'truncated',
          );
        }
        this.needed = RECORD_HEADER;
        return pos;
      }
      const capturedLength = u32(b, pos + 8, le);
      const recordLength = RECORD_HEADER + capturedLength;
      if (recordLength > avail || capturedLength > MAX_RECORD_BYTES) {
        const remaining = total - (base + pos) - RECORD_HEADER;
        ctx.bytesRead = base + pos;
        if (atEnd || capturedLength > remaining || capturedLength > MAX_RECORD_BYTES) {
          const kind = capturedLength > MAX_RECORD_BYTES ? 'damaged' : 'truncated';
          ctx.fail(base + pos, this.describeOversize(base + pos, capturedLength, remaining), kind);
          return pos;
        }
        this.needed = recordLength;
        return pos;
      }
      let seconds = u32(b, pos, le);
      let nanoseconds = u32(b, pos + 4, le) * nsPerFraction;
      if (nanoseconds >= 1_000_000_000) {
        // Some writers let the fraction overflow; carry it into the seconds like libpcap users do.
        seconds += Math.floor(nanoseconds / 1_000_000_000);
        nanoseconds %= 1_000_000_000;
      }
      const originalLength = u32(b, pos + 12, le);
      visit(b, pos + RECORD_HEADER, capturedLength, originalLength, seconds, nanoseconds, 0, undefined);
      ctx.packetCount++;
      pos += recordLength;
    }
    ctx.bytesRead = base + pos;
    this.needed = RECORD_HEADER;
    return pos;
  }

  private describeOversize(offset: number, capturedLength: number, remaining: number): string {
    if (capturedLength > MAX_RECORD_BYTES) {
      return `packet record at offset ${offset} claims ${capturedLength} captured bytes, more than the limit of ${MAX_RECORD_BYTES}: the record header is damaged`;
    }
    return `packet record at offset ${offset} claims ${capturedLength} captured bytes but only ${Math.max(0, remaining)} remain: file truncated`;
  }

  private readFileHeader(b: Uint8Array, pos: number, offset: number): void {
    const le = this.littleEndian;
    const major = u16(b, pos + 4, le);
    const minor = u16(b, pos + 6, le);
    if (major !== 2) {
      this.ctx.note(offset, `pcap version ${major}.${minor} (expected 2.4): reading it as 2.4`);
    }
    this.snapLength = u32(b, pos + 16, le);
    const linkField = u32(b, pos + 20, le);
    // The top bits of the link type field may carry the FCS length (in 16-bit words), see pcap spec.
    const linkType = linkField & 0x03ffffff;
    const hasFcs = (linkField & 0x04000000) !== 0;
    this.ctx.sections.push({
      offset,
      byteOrder: le ? 'little-endian' : 'big-endian',
      version: `${major}.${minor}`,
    });
    if (hasFcs) {
      const bytes = ((linkField >>> 28) & 0xf) * 2;
      this.ctx.note(
        offset,
        `the link-type field says every frame ends with a ${bytes}-byte frame check sequence`,
      );
    }
    this.ctx.addInterface(
      {
        linkType,
        snapLength: this.snapLength,
        timestampResolution: this.nsPerFraction === 1 ? 1e9 : 1e6,
        section: 0,
        localId: 0,
        ...(hasFcs ? { fcsLength: ((linkField >>> 28) & 0xf) * 2 } : {}),
      },
      offset,
    );
  }
}
