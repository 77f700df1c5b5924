/**
 * State shared by the pcap and pcapng parsers while scanning one file: what was found so far
 * (interfaces, sections, secrets, notes), the packet visitor, and the first error.
 */
import { LinkType } from '../../../shared/model/packet';
import type {
  CaptureFileFormat,
  CaptureInterfaceInfo,
  CaptureNote,
  CaptureReadError,
  CaptureReadErrorKind,
  CaptureScanResult,
  CaptureSectionInfo,
  DecryptionSecrets,
  NameResolutionRecord,
  PacketVisitor,
} from './types';
import { MAX_NOTES } from './types';

const KNOWN_LINK_TYPES = new Set<number>(Object.values(LinkType));

export function isKnownLinkType(linkType: number): boolean {
  return KNOWN_LINK_TYPES.has(linkType);
}

export class ScanContext {
  format: CaptureFileFormat | null = null;
  readonly interfaces: CaptureInterfaceInfo[] = [];
  readonly sections: CaptureSectionInfo[] = [];
  readonly nameResolution: NameResolutionRecord[] = [];
  readonly decryptionSecrets: DecryptionSecrets[] = [];
  readonly notes: CaptureNote[] = [];
  error: CaptureReadError | null = null;
  packetCount = 0;
  bytesRead = 0;
  cancelled = false;
  /** Told about each interface as it is defined, before any of its packets (live consumers need the link type). */
  onInterface?: (info: CaptureInterfaceInfo, index: number) => void;
  private suppressedNotes = 0;

  constructor(
    readonly visit: PacketVisitor,
    /** Size of the whole input, so length fields can be checked before waiting for more bytes. */
    public totalSize: number,
  ) {}

  fail(offset: number, message: string, kind: CaptureReadErrorKind = 'damaged'): void {
    if (!this.error) this.error = { kind, offset, message };
  }

  note(offset: number, message: string): void {
    if (this.notes.length < MAX_NOTES) this.notes.push({ offset, message });
    else this.suppressedNotes++;
  }

  /** Adds an interface and notes an odd link type or snap length. */
  addInterface(info: CaptureInterfaceInfo, offset: number): number {
    if (!isKnownLinkType(info.linkType)) {
      info.linkTypeUnknown = true;
      this.note(offset, `unknown link type ${info.linkType}: its frames are shown as raw bytes`);
    }
    // pcapng defines snaplen 0 as "no limit"; in a pcap header it is odd enough to mention.
    if (info.snapLength === 0 && this.format === 'pcap') {
      this.note(offset, 'snap length 0 in the pcap header: packets are taken as they are');
    }
    this.interfaces.push(info);
    this.onInterface?.(info, this.interfaces.length - 1);
    return this.interfaces.length - 1;
  }

  result(): CaptureScanResult {
    const notes = [...this.notes];
    if (this.suppressedNotes > 0) {
      notes.push({ offset: this.bytesRead, message: `${this.suppressedNotes} further notes not shown` });
    }
    return {
      format: this.format,
      interfaces: this.interfaces,
      sections: this.sections,
      nameResolution: this.nameResolution,
      decryptionSecrets: this.decryptionSecrets,
      notes,
      error: this.error,
      packetCount: this.packetCount,
      bytesRead: this.bytesRead,
      cancelled: this.cancelled,
    };
  }
}

/**
 * A format parser fed with windows of the file. `feed` parses whole records from
 * bytes[start, end) (bytes[start] is at absolute offset `base + start`) and returns where the first
 * incomplete record begins. When it needs more bytes it sets `needed` to the byte count, counted
 * from that position, of the record it waits for. With `atEnd` it never waits: an incomplete
 * record is reported as damage, so every call makes progress or ends the scan.
 */
export interface RecordParser {
  needed: number;
  feed(bytes: Uint8Array, start: number, end: number, base: number, atEnd: boolean): number;
}
