/**
 * pcapng writing: to one Buffer, or streamed to a file in chunks. Output: one section
 * (shb_userappl 'NetLab <version>'), an IDB per interface (nanosecond timestamps), Decryption
 * Secrets Blocks placed before the packets they apply to, and an EPB per frame with its comments.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { RawFrame } from '../../../shared/model/packet';
import { appVersion } from '../../version';
import { PcapngEncoder, type PcapngInterface } from './pcapng-encoder';

export type { PcapngInterface } from './pcapng-encoder';

export interface SecretsToWrite {
  /** SecretsType value, e.g. SecretsType.TLS_KEY_LOG. */
  secretsType: number;
  data: Uint8Array;
  /** Written just before the frame with this 0-based index (default 0: before every packet). */
  beforeFrame?: number;
}

export interface PcapngHeader {
  interfaces: PcapngInterface[];
  /** shb_userappl; default 'NetLab <version>'. */
  userApplication?: string;
  /** Section comments. */
  comments?: string[];
}

const FILE_CHUNK_BYTES = 4 * 1024 * 1024;

function startSection(encoder: PcapngEncoder, header: PcapngHeader): void {
  encoder.sectionHeader({
    userApplication: header.userApplication ?? `NetLab ${appVersion()}`,
    comments: header.comments,
  });
  for (const iface of header.interfaces) encoder.interfaceDescription(iface);
}

function checkInterface(frame: RawFrame, interfaceCount: number): void {
  if (!Number.isInteger(frame.interfaceId) || frame.interfaceId < 0 || frame.interfaceId >= interfaceCount) {
    throw new RangeError(
      `frame refers to interface ${frame.interfaceId} but only ${interfaceCount} interface(s) were described`,
    );
  }
}

/** The whole capture as one pcapng Buffer. Throws RangeError for a frame on an undescribed interface. */
export function writePcapngBuffer(
  header: PcapngHeader,
  frames: Iterable<RawFrame>,
  secrets: SecretsToWrite[] = [],
): Buffer {
  const encoder = new PcapngEncoder(1024 * 1024);
  startSection(encoder, header);
  const pending = [...secrets].sort((a, b) => (a.beforeFrame ?? 0) - (b.beforeFrame ?? 0));
  let next = 0;
  let index = 0;
  for (const frame of frames) {
    while (next < pending.length && (pending[next].beforeFrame ?? 0) <= index) {
      encoder.decryptionSecrets(pending[next].secretsType, pending[next].data);
      next++;
    }
    checkInterface(frame, header.interfaces.length);
    encoder.enhancedPacket(frame);
    index++;
  }
  for (; next < pending.length; next++)
    encoder.decryptionSecrets(pending[next].secretsType, pending[next].data);
  return Buffer.concat(encoder.take());
}

/**
 * Streams a pcapng file: blocks are encoded into 4 MiB chunks and written as each fills. Call
 * `close()` at the end (it flushes); errors of the file system surface from the awaited calls.
 */
export class PcapngFileWriter {
  private readonly encoder = new PcapngEncoder(FILE_CHUNK_BYTES);
  private interfaceCount: number;
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    header: PcapngHeader,
  ) {
    startSection(this.encoder, header);
    this.interfaceCount = header.interfaces.length;
  }

  static async create(path: string, header: PcapngHeader): Promise<PcapngFileWriter> {
    const handle = await open(path, 'w');
    return new PcapngFileWriter(handle, header);
  }

  /** Describes one more interface (e.g. a capture that starts on a second NIC); returns its id. */
  addInterface(iface: PcapngInterface): number {
    this.encoder.interfaceDescription(iface);
    return this.interfaceCount++;
  }

  /** Secrets apply to the packets written after them. */
  async writeSecrets(secretsType: number, data: Uint8Array): Promise<void> {
    this.encoder.decryptionSecrets(secretsType, data);
    await this.flushIfFull();
  }

  async writeFrame(frame: RawFrame): Promise<void> {
    checkInterface(frame, this.interfaceCount);
    this.encoder.enhancedPacket(frame);
    await this.flushIfFull();
  }

  async writeFrames(frames: Iterable<RawFrame>): Promise<void> {
    for (const frame of frames) {
      checkInterface(frame, this.interfaceCount);
      this.encoder.enhancedPacket(frame);
      if (this.encoder.pendingBytes >= FILE_CHUNK_BYTES) await this.flush();
    }
    await this.flushIfFull();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.flush();
    } finally {
      await this.handle.close();
    }
  }

  private async flushIfFull(): Promise<void> {
    if (this.encoder.pendingBytes >= FILE_CHUNK_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    for (const chunk of this.encoder.take()) await this.handle.write(chunk);
  }
}
