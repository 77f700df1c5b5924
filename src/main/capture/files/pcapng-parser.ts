/**
 * pcapng: a sequence of blocks (type, total length, body, total length again). Sections start with
 * a Section Header Block that fixes the byte order and owns the interfaces defined after it.
 */
import { padTo4, u16, u32, u32be, u32le } from './bytes';
import { readInterfaceBlock, readSectionOptions } from './pcapng-header-blocks';
import { readComments } from './pcapng-options';
import { readNameResolution } from './pcapng-name-resolution';
import type { RecordParser, ScanContext } from './scan-context';
import { describeBadResolution, TimestampScale, type TimestampParts } from './timestamp-scale';
import type { CaptureSectionInfo } from './types';
import { MAX_RECORD_BYTES } from './types';

export const BlockType = {
  SECTION_HEADER: 0x0a0d0d0a,
  INTERFACE_DESCRIPTION: 1,
  PACKET: 2,
  SIMPLE_PACKET: 3,
  NAME_RESOLUTION: 4,
  INTERFACE_STATISTICS: 5,
  ENHANCED_PACKET: 6,
  DECRYPTION_SECRETS: 0x0a,
  CUSTOM: 0x00000bad,
  CUSTOM_NO_COPY: 0x40000bad,
} as const;

export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** Smallest valid total length of each block type: header, fixed fields and trailer. */
const MINIMUM_LENGTH: Record<number, number> = {
  [BlockType.SECTION_HEADER]: 28,
  [BlockType.INTERFACE_DESCRIPTION]: 20,
  [BlockType.PACKET]: 32,
  [BlockType.SIMPLE_PACKET]: 16,
  [BlockType.NAME_RESOLUTION]: 16,
  [BlockType.INTERFACE_STATISTICS]: 24,
  [BlockType.ENHANCED_PACKET]: 32,
  [BlockType.DECRYPTION_SECRETS]: 20,
};

const BLOCK_NAMES: Record<number, string> = {
  [BlockType.SECTION_HEADER]: 'section header block',
  [BlockType.INTERFACE_DESCRIPTION]: 'interface description block',
  [BlockType.PACKET]: 'packet block',
  [BlockType.SIMPLE_PACKET]: 'simple packet block',
  [BlockType.NAME_RESOLUTION]: 'name resolution block',
  [BlockType.INTERFACE_STATISTICS]: 'interface statistics block',
  [BlockType.ENHANCED_PACKET]: 'enhanced packet block',
  [BlockType.DECRYPTION_SECRETS]: 'decryption secrets block',
};

function blockName(type: number): string {
  return BLOCK_NAMES[type] ?? `block of type 0x${type.toString(16).padStart(8, '0')}`;
}

interface SectionInterface {
  globalId: number;
  snapLength: number;
  scale: TimestampScale;
}

export class PcapngParser implements RecordParser {
  needed = 12;
  private littleEndian = true;
  private sectionIndex = -1;
  private interfaces: SectionInterface[] = [];
  private readonly time: TimestampParts = { seconds: 0, nanoseconds: 0 };
  private readonly notedBlockTypes = new Set<number>();

  constructor(private readonly ctx: ScanContext) {}

  feed(b: Uint8Array, start: number, end: number, base: number, atEnd: boolean): number {
    const ctx = this.ctx;
    let pos = start;
    while (pos < end) {
      const avail = end - pos;
      const offset = base + pos;
      if (avail < 12) {
        if (atEnd)
          ctx.fail(
            offset,
            `block header at offset ${offset} is cut short: ${avail} of 12 bytes: file truncated`,
            'truncated',
          );
        this.needed = 12;
        return pos;
      }
      let le = this.littleEndian;
      const isSectionHeader =
        b[pos] === 0x0a && b[pos + 1] === 0x0d && b[pos + 2] === 0x0d && b[pos + 3] === 0x0a;
      if (isSectionHeader) {
        // The byte-order magic decides how to read this block's own length.
        if (u32le(b, pos + 8) === BYTE_ORDER_MAGIC) le = true;
        else if (u32be(b, pos + 8) === BYTE_ORDER_MAGIC) le = false;
        else {
          const magic = Array.from(b.subarray(pos + 8, pos + 12), (x) =>
            x.toString(16).padStart(2, '0'),
          ).join(' ');
          ctx.fail(
            offset,
            `section header block at offset ${offset} has byte-order magic ${magic}, expected 1a 2b 3c 4d`,
          );
          return pos;
        }
      } else if (this.sectionIndex < 0) {
        ctx.fail(offset, `block at offset ${offset} comes before any section header block`);
        return pos;
      }
      const type = isSectionHeader ? BlockType.SECTION_HEADER : u32(b, pos, le);
      const length = u32(b, pos + 4, le);
      const minimum = type === BlockType.ENHANCED_PACKET ? 32 : (MINIMUM_LENGTH[type] ?? 12);
      if (length < minimum || (length & 3) !== 0 || length > avail || length > MAX_RECORD_BYTES) {
        // Damage, or a block that continues in the next chunk.
        if (!this.lengthProblem(type, length, minimum, offset, avail, atEnd)) this.needed = length;
        return pos;
      }
      const trailer = u32(b, pos + length - 4, le);
      if (trailer !== length) {
        ctx.fail(
          offset,
          `${blockName(type)} at offset ${offset} says length ${length} at its start but ${trailer} at its end`,
        );
        return pos;
      }
      if (type === BlockType.ENHANCED_PACKET) this.readPacket(b, pos, length, offset, 8, u32(b, pos + 8, le));
      else this.readOtherBlock(b, pos, length, offset, type, le);
      if (ctx.error) return pos;
      pos += length;
      ctx.bytesRead = base + pos;
    }
    this.needed = 12;
    return pos;
  }

  /** Reports a bad block length; returns false when the length is fine and more bytes are needed. */
  private lengthProblem(
    type: number,
    length: number,
    minimum: number,
    offset: number,
    avail: number,
    atEnd: boolean,
  ): boolean {
    const name = blockName(type);
    const says = `${name} at offset ${offset} says length ${length}`;
    const remaining = this.ctx.totalSize - offset;
    if (length < minimum) this.ctx.fail(offset, `${says} which is shorter than the minimum ${minimum}`);
    else if (length % 4 !== 0) this.ctx.fail(offset, `${says} which is not a multiple of 4`);
    else if (length > MAX_RECORD_BYTES) {
      this.ctx.fail(
        offset,
        `${says}, more than the limit of ${MAX_RECORD_BYTES}: the block header is damaged`,
      );
    } else if (length > avail && (atEnd || length > remaining)) {
      this.ctx.fail(offset, `${says} but only ${remaining} bytes remain: file truncated`, 'truncated');
    } else return false;
    return true;
  }

  /** Called once the whole input was parsed without damage. */
  finish(offset: number): void {
    this.closeSection(offset);
  }

  /** EPB and the obsolete Packet Block share their layout after the interface id. */
  private readPacket(
    b: Uint8Array,
    pos: number,
    length: number,
    offset: number,
    idField: number,
    localId: number,
  ): void {
    const ctx = this.ctx;
    const le = this.littleEndian;
    const iface = this.interfaces[localId];
    if (iface === undefined) {
      this.failUndefinedInterface(offset, idField === 8 ? 'enhanced packet block' : 'packet block', localId);
      return;
    }
    const capturedLength = u32(b, pos + 20, le);
    if (capturedLength > length - 32) {
      ctx.fail(
        offset,
        `packet block at offset ${offset} claims ${capturedLength} captured bytes but the block holds only ${length - 32}`,
      );
      return;
    }
    const originalLength = u32(b, pos + 24, le);
    const optionsStart = pos + 28 + padTo4(capturedLength);
    const optionsEnd = pos + length - 4;
    let comments: string[] | undefined;
    if (optionsStart < optionsEnd) {
      const options = readComments(b, optionsStart, optionsEnd, le);
      if (options.damage) ctx.note(offset, `packet block at offset ${offset}: ${options.damage}`);
      comments = options.comments;
    }
    const time = this.time;
    iface.scale.convert(u32(b, pos + 12, le), u32(b, pos + 16, le), time);
    ctx.visit(
      b,
      pos + 28,
      capturedLength,
      originalLength,
      time.seconds,
      time.nanoseconds,
      iface.globalId,
      comments,
    );
    ctx.packetCount++;
  }

  private readOtherBlock(
    b: Uint8Array,
    pos: number,
    length: number,
    offset: number,
    type: number,
    le: boolean,
  ): void {
    switch (type) {
      case BlockType.SECTION_HEADER:
        this.readSectionHeader(b, pos, length, offset, le);
        return;
      case BlockType.INTERFACE_DESCRIPTION:
        this.readInterface(b, pos, length, offset);
        return;
      case BlockType.PACKET:
        this.readPacket(b, pos, length, offset, 2, u16(b, pos + 8, le));
        return;
      case BlockType.SIMPLE_PACKET:
        this.readSimplePacket(b, pos, length, offset);
        return;
      case BlockType.NAME_RESOLUTION: {
        const damage = readNameResolution(b, pos + 8, pos + length - 4, le, this.ctx.nameResolution);
        if (damage) this.ctx.note(offset, `name resolution block at offset ${offset}: ${damage}`);
        return;
      }
      case BlockType.DECRYPTION_SECRETS:
        this.readSecrets(b, pos, length, offset);
        return;
      case BlockType.INTERFACE_STATISTICS:
        return; // counters only; nothing NetLab shows
      case BlockType.CUSTOM:
      case BlockType.CUSTOM_NO_COPY:
        this.noteOnce(
          type,
          offset,
          `custom block at offset ${offset} skipped (vendor data NetLab does not read)`,
        );
        return;
      default:
        this.noteOnce(
          type,
          offset,
          `block of unknown type 0x${type.toString(16).padStart(8, '0')} at offset ${offset} skipped`,
        );
    }
  }

  private readSectionHeader(b: Uint8Array, pos: number, length: number, offset: number, le: boolean): void {
    const major = u16(b, pos + 12, le);
    const minor = u16(b, pos + 14, le);
    if (major !== 1) {
      this.ctx.fail(
        offset,
        `section header block at offset ${offset} is pcapng version ${major}.${minor}; only version 1 exists`,
        'unsupported',
      );
      return;
    }
    this.closeSection(offset);
    this.littleEndian = le;
    this.sectionIndex++;
    this.interfaces = [];
    const section: CaptureSectionInfo = {
      offset,
      byteOrder: le ? 'little-endian' : 'big-endian',
      version: `${major}.${minor}`,
    };
    const damage = readSectionOptions(b, pos + 24, pos + length - 4, le, section);
    if (damage) this.ctx.note(offset, `section header block at offset ${offset}: ${damage}`);
    this.ctx.sections.push(section);
  }

  private closeSection(offset: number): void {
    if (this.sectionIndex >= 0 && this.interfaces.length === 0) {
      this.ctx.note(offset, `section ${this.sectionIndex} defines no interfaces (and so holds no packets)`);
    }
  }

  private readInterface(b: Uint8Array, pos: number, length: number, offset: number): void {
    const block = readInterfaceBlock(
      b,
      pos,
      length,
      this.littleEndian,
      this.sectionIndex,
      this.interfaces.length,
    );
    const { info, offsetSeconds, damage } = block;
    let resolutionCode = block.resolutionCode;
    if (damage) this.ctx.note(offset, `interface description block at offset ${offset}: ${damage}`);
    const badResolution = describeBadResolution(resolutionCode);
    if (badResolution) {
      this.ctx.note(offset, `interface ${info.localId}: ${badResolution}; microseconds assumed`);
      resolutionCode = 6;
    }
    const scale = new TimestampScale(resolutionCode, offsetSeconds);
    info.timestampResolution = scale.resolution;
    if (resolutionCode !== 6) info.timestampResolutionCode = resolutionCode;
    if (offsetSeconds !== 0) info.timestampOffsetSeconds = offsetSeconds;
    const globalId = this.ctx.addInterface(info, offset);
    this.interfaces.push({ globalId, snapLength: info.snapLength, scale });
  }

  private readSimplePacket(b: Uint8Array, pos: number, length: number, offset: number): void {
    const first = this.interfaces[0];
    if (first === undefined) {
      this.failUndefinedInterface(offset, 'simple packet block', 0);
      return;
    }
    const originalLength = u32(b, pos + 8, this.littleEndian);
    // An SPB does not store its captured length: it is the original length cut to interface 0's snaplen.
    const capturedLength = first.snapLength > 0 ? Math.min(originalLength, first.snapLength) : originalLength;
    if (capturedLength > length - 16) {
      this.ctx.fail(
        offset,
        `simple packet block at offset ${offset} should hold ${capturedLength} bytes but holds only ${length - 16}`,
      );
      return;
    }
    this.ctx.visit(b, pos + 12, capturedLength, originalLength, 0, 0, first.globalId, undefined);
    this.ctx.packetCount++;
  }

  private readSecrets(b: Uint8Array, pos: number, length: number, offset: number): void {
    const le = this.littleEndian;
    const secretsType = u32(b, pos + 8, le);
    const secretsLength = u32(b, pos + 12, le);
    if (secretsLength > length - 20) {
      this.ctx.fail(
        offset,
        `decryption secrets block at offset ${offset} claims ${secretsLength} bytes of secrets but holds only ${length - 20}`,
      );
      return;
    }
    const options = readComments(b, pos + 16 + padTo4(secretsLength), pos + length - 4, le);
    if (options.damage)
      this.ctx.note(offset, `decryption secrets block at offset ${offset}: ${options.damage}`);
    this.ctx.decryptionSecrets.push({
      secretsType,
      // A copy (Buffer#slice would be a view), so the secrets do not pin a whole read chunk in memory.
      data: new Uint8Array(b.subarray(pos + 16, pos + 16 + secretsLength)),
      packetsBefore: this.ctx.packetCount,
      offset,
      ...(options.comments ? { comments: options.comments } : {}),
    });
  }

  private failUndefinedInterface(offset: number, name: string, localId: number): void {
    const count = this.interfaces.length;
    const defined = count === 0 ? 'this section defines no interfaces' : `this section defines only ${count}`;
    this.ctx.fail(offset, `${name} at offset ${offset} refers to interface ${localId} but ${defined}`);
  }

  private noteOnce(type: number, offset: number, message: string): void {
    if (this.notedBlockTypes.has(type)) return;
    this.notedBlockTypes.add(type);
    this.ctx.note(offset, `${message} (further blocks of this type are skipped silently)`);
  }
}
