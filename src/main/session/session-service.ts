/**
 * The session as the API sees it: the packet session plus imports, uploads, filtering and saving.
 * Live capture frames come in through `ingestLive`.
 */
import { join } from 'node:path';
import { ApiError } from '../../shared/api/define';
import type { PacketDetail, PacketPage, SessionInfo } from '../../shared/api/session';
import type { RawFrame } from '../../shared/model/packet';
import type { EventBus } from '../api/event-bus';
import { PcapngFileWriter, writePcapngBuffer, type PcapngHeader } from '../capture/files';
import { dissectPacket } from '../dissect';
import { ImportJobs } from './import-jobs';
import { SessionFilter } from './packet-filter';
import { PacketSession } from './packet-session';
import { Uploads } from './uploads';

export class SessionService {
  readonly session: PacketSession;
  readonly imports: ImportJobs;
  readonly uploads: Uploads;
  private readonly filter: SessionFilter;
  private liveInterfaceIds = new Map<string, number>();

  constructor(dataDir: string, events: EventBus) {
    const spillDir = join(dataDir, 'spill');
    this.session = new PacketSession({ spillDir, events });
    this.filter = new SessionFilter(this.session);
    this.imports = new ImportJobs(this.session, events, () => this.filter.invalidate());
    this.uploads = new Uploads(join(dataDir, 'uploads'));
  }

  info(): SessionInfo {
    return this.session.info();
  }

  clear(): SessionInfo {
    this.session.reset({ kind: 'empty' });
    this.filter.invalidate();
    this.liveInterfaceIds.clear();
    return this.session.info();
  }

  /** Starts a new live session on `interfaceName` (called when a capture starts). */
  beginLive(interfaceName: string): void {
    this.session.reset({ kind: 'live', interfaceName });
    this.filter.invalidate();
    this.liveInterfaceIds.clear();
  }

  /** Frames from the capture agent. Returns false when the store is full (the capture should stop). */
  ingestLive(frames: RawFrame[], linkType: number, interfaceName: string, snapLength = 262144): boolean {
    const key = `${interfaceName}/${linkType}`;
    let interfaceId = this.liveInterfaceIds.get(key);
    if (interfaceId === undefined) {
      interfaceId = this.session.addInterface({ name: interfaceName, linkType, snapLength });
      this.liveInterfaceIds.set(key, interfaceId);
    }
    for (const frame of frames) {
      if (this.session.ingest({ ...frame, interfaceId }, true) === 0) return false;
    }
    return true;
  }

  async page(offset: number, limit: number, filterText?: string): Promise<PacketPage> {
    if (filterText && filterText.trim()) {
      const matches = await this.filter.matching(filterText);
      const numbers = matches.slice(offset, offset + limit);
      return { total: matches.length, offset, packets: numbers.map((n) => this.session.summary(n)) };
    }
    const total = this.session.size;
    const packets = [];
    for (let n = offset + 1; n <= Math.min(total, offset + limit); n++) packets.push(this.session.summary(n));
    return { total, offset, packets };
  }

  detail(number: number): PacketDetail {
    const frame = this.session.frame(number);
    const packet = dissectPacket(
      frame.data,
      this.session.linkTypeOf(frame),
      number,
      frame.timestampNs,
      frame.originalLength,
      frame.interfaceId,
    );
    const stream = this.session.tcpIndex().stream(number);
    if (stream !== undefined) packet.summary.tcpStream = stream;
    return { ...packet, bytes: frame.data };
  }

  exportPcapng(numbers?: number[]): { bytes: Uint8Array; fileName: string } {
    const list = this.frameNumbers(numbers);
    const bytes = writePcapngBuffer(
      this.header(),
      (function* (s: PacketSession) {
        for (const n of list) yield s.frame(n);
      })(this.session),
      this.session.secrets(),
    );
    const info = this.session.info();
    const base =
      info.source.kind === 'file' ? info.source.name.replace(/\.(pcapng|pcap|cap)$/i, '') : 'netlab-capture';
    return { bytes, fileName: `${base}${numbers ? '-selection' : ''}.pcapng` };
  }

  async savePcapng(path: string, numbers?: number[]): Promise<{ path: string; packets: number }> {
    const list = this.frameNumbers(numbers);
    const writer = await PcapngFileWriter.create(path, this.header()).catch((error: unknown) => {
      throw new ApiError(
        'bad-input',
        `Cannot write ${path}: ${(error as Error).message}. Choose another folder.`,
      );
    });
    for (const s of this.session.secrets()) await writer.writeSecrets(s.secretsType, s.data);
    for (const n of list) await writer.writeFrame(this.session.frame(n));
    await writer.close();
    return { path, packets: list.length };
  }

  close(): void {
    this.uploads.closeAll();
    this.session.close();
  }

  private header(): PcapngHeader {
    const interfaces = this.session.interfaceList().map((i) => ({
      linkType: i.linkType,
      snapLength: i.snapLength,
      name: i.name,
      description: i.description,
    }));
    if (interfaces.length === 0)
      throw new ApiError('not-found', 'The session is empty: capture or open packets first.');
    return { interfaces };
  }

  private frameNumbers(numbers?: number[]): number[] {
    if (!numbers) return Array.from({ length: this.session.size }, (_, i) => i + 1);
    const bad = numbers.find((n) => n > this.session.size);
    if (bad !== undefined) {
      throw new ApiError('not-found', `No packet ${bad}: this session has ${this.session.size} packets.`);
    }
    return [...new Set(numbers)].sort((a, b) => a - b);
  }
}
