/**
 * Reads WebSocket frames (RFC 6455 §5.2) out of a byte stream that is being relayed, without
 * changing it: the proxy sees every chunk, the parser reports whole messages (fragments joined),
 * unmasking only the captured preview. Pure: bytes in, messages out.
 */

export type WsOpcodeName = 'text' | 'binary' | 'close' | 'ping' | 'pong';

export interface ParsedWsMessage {
  opcode: WsOpcodeName;
  size: number;
  preview: Buffer;
  previewTruncated: boolean;
  closeCode: number | null;
  /** RSV1 set: the payload is compressed (permessage-deflate). */
  compressed: boolean;
}

const OPCODES: Record<number, WsOpcodeName | undefined> = {
  1: 'text',
  2: 'binary',
  8: 'close',
  9: 'ping',
  10: 'pong',
};

interface MessageInProgress {
  opcode: WsOpcodeName;
  size: number;
  preview: Buffer[];
  previewLength: number;
  compressed: boolean;
}

export class WebSocketFrameParser {
  private readonly header = Buffer.alloc(14);
  private headerLength = 0;
  private headerNeeded = 2;
  private payloadRemaining = 0;
  private inPayload = false;
  private mask: Buffer | null = null;
  private maskOffset = 0;
  private frameFin = false;
  private frameIsControl = false;
  private message: MessageInProgress | null = null;
  private control: MessageInProgress | null = null;
  /** Set when the stream stops making sense (then the relay continues, only parsing stops). */
  broken = false;

  constructor(
    private readonly previewLimit: number,
    private readonly onMessage: (message: ParsedWsMessage) => void,
  ) {}

  push(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length && !this.broken) {
      if (this.inPayload) {
        const take = Math.min(this.payloadRemaining, chunk.length - i);
        this.consumePayload(chunk.subarray(i, i + take));
        i += take;
        this.payloadRemaining -= take;
        if (this.payloadRemaining === 0) this.endFrame();
        continue;
      }
      this.header[this.headerLength++] = chunk[i++];
      if (this.headerLength === 2) {
        const len7 = this.header[1] & 0x7f;
        const masked = (this.header[1] & 0x80) !== 0;
        this.headerNeeded = 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (masked ? 4 : 0);
      }
      if (this.headerLength === this.headerNeeded) this.startFrame();
    }
  }

  private startFrame(): void {
    const h = this.header;
    const fin = (h[0] & 0x80) !== 0;
    const rsv1 = (h[0] & 0x40) !== 0;
    const opcode = h[0] & 0x0f;
    const len7 = h[1] & 0x7f;
    let offset = 2;
    let length = len7;
    if (len7 === 126) {
      length = h.readUInt16BE(2);
      offset = 4;
    } else if (len7 === 127) {
      length = Number(h.readBigUInt64BE(2));
      offset = 10;
    }
    this.mask = (h[1] & 0x80) !== 0 ? Buffer.from(h.subarray(offset, offset + 4)) : null;
    this.maskOffset = 0;
    this.frameFin = fin;
    this.frameIsControl = opcode >= 8;
    if (this.frameIsControl) {
      const name = OPCODES[opcode];
      if (!name || !fin || length > 125) return void (this.broken = true);
      this.control = { opcode: name, size: 0, preview: [], previewLength: 0, compressed: false };
    } else if (opcode === 0) {
      if (!this.message) return void (this.broken = true);
    } else {
      const name = OPCODES[opcode];
      if (!name) return void (this.broken = true);
      this.message = { opcode: name, size: 0, preview: [], previewLength: 0, compressed: rsv1 };
    }
    this.headerLength = 0;
    this.headerNeeded = 2;
    this.payloadRemaining = length;
    this.inPayload = true;
    if (length === 0) this.endFrame();
  }

  private consumePayload(bytes: Buffer): void {
    const target = this.frameIsControl ? this.control : this.message;
    if (!target) return;
    target.size += bytes.length;
    const room = this.previewLimit - target.previewLength;
    if (room > 0) {
      const piece = Buffer.from(bytes.subarray(0, room));
      if (this.mask) {
        for (let k = 0; k < piece.length; k++) piece[k] ^= this.mask[(this.maskOffset + k) & 3];
      }
      target.preview.push(piece);
      target.previewLength += piece.length;
    }
    this.maskOffset = (this.maskOffset + bytes.length) & 3;
  }

  private endFrame(): void {
    this.inPayload = false;
    if (this.frameIsControl) {
      if (this.control) this.emit(this.control);
      this.control = null;
    } else if (this.frameFin && this.message) {
      this.emit(this.message);
      this.message = null;
    }
  }

  private emit(m: MessageInProgress): void {
    const preview = Buffer.concat(m.preview, m.previewLength);
    this.onMessage({
      opcode: m.opcode,
      size: m.size,
      preview,
      previewTruncated: m.size > m.previewLength,
      closeCode: m.opcode === 'close' && preview.length >= 2 ? preview.readUInt16BE(0) : null,
      compressed: m.compressed,
    });
  }
}
