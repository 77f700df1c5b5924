/**
 * Encodes pcapng blocks (little-endian) into large chunk buffers: one allocation per chunk, not per
 * block, so writing a million packets makes a few hundred buffers. Pure: no I/O.
 */
import type { CaptureInterfaceDescription, RawFrame } from '../../../shared/model/packet';
import { padTo4 } from './bytes';
import { BlockType, BYTE_ORDER_MAGIC } from './pcapng-parser';

const OPT_COMMENT = 1;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;
/** Option values are at most 65535 bytes (16-bit length field). */
const MAX_OPTION_BYTES = 65532;
const utf8 = new TextEncoder();

export interface PcapngInterface extends CaptureInterfaceDescription {
  comments?: string[];
}

export interface PcapngSectionOptions {
  /** shb_userappl, e.g. 'NetLab 0.1.0'. */
  userApplication: string;
  comments?: string[];
}

type Option = { code: number; value: Uint8Array };

function textOption(code: number, text: string): Option {
  const bytes = utf8.encode(text);
  return { code, value: bytes.length > MAX_OPTION_BYTES ? bytes.subarray(0, MAX_OPTION_BYTES) : bytes };
}

function optionsLength(options: Option[]): number {
  if (options.length === 0) return 0;
  return options.reduce((sum, o) => sum + 4 + padTo4(o.value.length), 4);
}

export class PcapngEncoder {
  private chunk: Buffer;
  private used = 0;
  private readonly done: Buffer[] = [];
  private bytes = 0;

  constructor(private readonly chunkSize = 4 * 1024 * 1024) {
    this.chunk = Buffer.allocUnsafe(chunkSize);
  }

  /** Bytes encoded and not yet taken. */
  get pendingBytes(): number {
    return this.bytes;
  }

  /** Hands out everything encoded so far (zero-filled padding included), in order. */
  take(): Buffer[] {
    if (this.used > 0) {
      this.done.push(this.chunk.subarray(0, this.used));
      this.chunk = Buffer.allocUnsafe(this.chunkSize);
      this.used = 0;
    }
    const out = this.done.splice(0);
    this.bytes = 0;
    return out;
  }

  sectionHeader(section: PcapngSectionOptions): void {
    const options = [textOption(SHB_USERAPPL, section.userApplication), ...commentOptions(section.comments)];
    const at = this.begin(BlockType.SECTION_HEADER, 16, options);
    this.chunk.writeUInt32LE(BYTE_ORDER_MAGIC, at);
    this.chunk.writeUInt16LE(1, at + 4); // version 1.0
    this.chunk.writeUInt16LE(0, at + 6);
    this.chunk.writeInt32LE(-1, at + 8); // section length unknown (-1 in 64 bits)
    this.chunk.writeInt32LE(-1, at + 12);
    this.endWithOptions(at + 16, options);
  }

  interfaceDescription(iface: PcapngInterface): void {
    const options: Option[] = [];
    if (iface.name) options.push(textOption(IF_NAME, iface.name));
    if (iface.description) options.push(textOption(IF_DESCRIPTION, iface.description));
    options.push({ code: IF_TSRESOL, value: Uint8Array.of(9) }); // nanoseconds
    options.push(...commentOptions(iface.comments));
    const at = this.begin(BlockType.INTERFACE_DESCRIPTION, 8, options);
    this.chunk.writeUInt16LE(iface.linkType & 0xffff, at);
    this.chunk.writeUInt16LE(0, at + 2);
    this.chunk.writeUInt32LE(Math.max(0, Math.min(iface.snapLength, 0xffffffff)) >>> 0, at + 4);
    this.endWithOptions(at + 8, options);
  }

  /** Enhanced Packet Block with a nanosecond timestamp (the IDB says if_tsresol=9). */
  enhancedPacket(frame: RawFrame): void {
    const options = commentOptions(frame.comments);
    const data = frame.data;
    const ts = frame.timestampNs > 0n ? frame.timestampNs : 0n;
    const at = this.begin(BlockType.ENHANCED_PACKET, 20 + padTo4(data.length), options);
    const c = this.chunk;
    c.writeUInt32LE(frame.interfaceId, at);
    c.writeUInt32LE(Number((ts >> 32n) & 0xffffffffn), at + 4);
    c.writeUInt32LE(Number(ts & 0xffffffffn), at + 8);
    c.writeUInt32LE(data.length, at + 12);
    c.writeUInt32LE(Math.max(frame.originalLength, data.length), at + 16);
    c.set(data, at + 20);
    c.fill(0, at + 20 + data.length, at + 20 + padTo4(data.length));
    this.endWithOptions(at + 20 + padTo4(data.length), options);
  }

  decryptionSecrets(secretsType: number, data: Uint8Array): void {
    const at = this.begin(BlockType.DECRYPTION_SECRETS, 8 + padTo4(data.length), []);
    const c = this.chunk;
    c.writeUInt32LE(secretsType >>> 0, at);
    c.writeUInt32LE(data.length, at + 4);
    c.set(data, at + 8);
    c.fill(0, at + 8 + data.length, at + 8 + padTo4(data.length));
    this.endWithOptions(at + 8 + padTo4(data.length), []);
  }

  /** Reserves a block with `body` fixed bytes plus options; writes type and length; returns the body offset. */
  private begin(type: number, body: number, options: Option[]): number {
    const length = 12 + body + optionsLength(options);
    if (this.used + length > this.chunk.length) {
      if (this.used > 0) this.done.push(this.chunk.subarray(0, this.used));
      this.chunk = Buffer.allocUnsafe(Math.max(this.chunkSize, length));
      this.used = 0;
    }
    const at = this.used;
    this.chunk.writeUInt32LE(type >>> 0, at);
    this.chunk.writeUInt32LE(length, at + 4);
    this.chunk.writeUInt32LE(length, at + length - 4);
    this.used += length;
    this.bytes += length;
    return at + 8;
  }

  private endWithOptions(at: number, options: Option[]): void {
    if (options.length === 0) return;
    const c = this.chunk;
    let pos = at;
    for (const { code, value } of options) {
      c.writeUInt16LE(code, pos);
      c.writeUInt16LE(value.length, pos + 2);
      c.set(value, pos + 4);
      c.fill(0, pos + 4 + value.length, pos + 4 + padTo4(value.length));
      pos += 4 + padTo4(value.length);
    }
    c.writeUInt32LE(0, pos); // opt_endofopt
  }
}

function commentOptions(comments: string[] | undefined): Option[] {
  return (comments ?? []).map((comment) => textOption(OPT_COMMENT, comment));
}
