/**
 * Public types of the capture file readers (pcap, pcapng) and the pcapng writer.
 */
import type { CaptureInterfaceDescription } from '../../../shared/model/packet';

export type CaptureFileFormat = 'pcap' | 'pcapng';

/**
 * What kind of problem stopped reading, for the UI to explain in the user's language (the
 * `captureFiles` i18n namespace has a headline and an advice per kind).
 */
export type CaptureReadErrorKind = 'not-a-capture' | 'unsupported' | 'truncated' | 'damaged' | 'io';

/** Where and why reading stopped. The packets read before `offset` were all delivered. */
export interface CaptureReadError {
  kind: CaptureReadErrorKind;
  /** Absolute byte offset in the file of the record or block that is damaged. */
  offset: number;
  /** English detail, e.g. 'block at offset 1234 says length 12 which is shorter than the minimum 28'. */
  message: string;
}

/** Something odd but harmless (unknown block skipped, unknown link type, snaplen 0, ...). */
export interface CaptureNote {
  offset: number;
  message: string;
}

/** One interface of the capture; its index in `CaptureScanResult.interfaces` is the global interfaceId. */
export interface CaptureInterfaceInfo extends CaptureInterfaceDescription {
  /** 0-based index of the pcapng section that defined it (always 0 for pcap). */
  section: number;
  /** Interface number inside its section (what EPBs refer to). */
  localId: number;
  /** Raw if_tsresol byte when given (high bit set: power of 2, else power of 10). */
  timestampResolutionCode?: number;
  /** if_tsoffset: seconds added to every timestamp of this interface. */
  timestampOffsetSeconds?: number;
  /** Bytes of frame check sequence at the end of each frame, when the file says so (pcap FCS bits, if_fcslen). */
  fcsLength?: number;
  /** The link type is not one NetLab decodes: frames are shown as raw bytes. */
  linkTypeUnknown?: boolean;
  comments?: string[];
}

export interface CaptureSectionInfo {
  offset: number;
  byteOrder: 'little-endian' | 'big-endian';
  /** pcapng version (pcap: 2.4). */
  version: string;
  hardware?: string;
  os?: string;
  userApplication?: string;
  comments?: string[];
}

/** One record of a pcapng Name Resolution Block: an address and its names. */
export interface NameResolutionRecord {
  /** 'ipv4' | 'ipv6' for the standard records, 'other' (with the raw type) otherwise. */
  kind: 'ipv4' | 'ipv6' | 'other';
  recordType: number;
  /** Address as printed (dotted IPv4, compressed IPv6); hex for other records. */
  address: string;
  names: string[];
}

export const SecretsType = {
  TLS_KEY_LOG: 0x544c534b,
  WIREGUARD: 0x57474b4c,
  ZIGBEE_NWK: 0x5a4e574b,
  ZIGBEE_APS: 0x5a415053,
} as const;

/** A Decryption Secrets Block (e.g. a TLS key log), kept for decoding later. */
export interface DecryptionSecrets {
  secretsType: number;
  data: Uint8Array;
  /** Number of packets that came before the block in the file. */
  packetsBefore: number;
  offset: number;
  comments?: string[];
}

/**
 * Called once per packet by the fast scan API. `bytes` is a view of a large read buffer; the packet
 * is bytes[offset, offset + capturedLength). The buffer is never reused by the reader, so keeping a
 * subarray is safe, but copy when you keep a few packets of a huge file (a view pins its chunk).
 * The timestamp is split into whole seconds and nanoseconds (0..999,999,999) so no bigint is made
 * per packet; `timestampToNs` joins them.
 */
export type PacketVisitor = (
  bytes: Uint8Array,
  offset: number,
  capturedLength: number,
  originalLength: number,
  seconds: number,
  nanoseconds: number,
  interfaceId: number,
  comments: string[] | undefined,
) => void;

export interface CaptureScanResult {
  /** null when the format could not be recognised (then `error` says why). */
  format: CaptureFileFormat | null;
  interfaces: CaptureInterfaceInfo[];
  sections: CaptureSectionInfo[];
  nameResolution: NameResolutionRecord[];
  decryptionSecrets: DecryptionSecrets[];
  notes: CaptureNote[];
  /** Set when reading stopped at damage; every packet before it was delivered. */
  error: CaptureReadError | null;
  packetCount: number;
  /** Bytes of the file read (up to where parsing stopped). */
  bytesRead: number;
  /** The AbortSignal fired; the packets up to that point were delivered. */
  cancelled: boolean;
}

export interface CaptureProgress {
  bytesRead: number;
  totalBytes: number;
  packets: number;
}

export interface CaptureStreamOptions {
  /** Bytes read per chunk; default 8 MiB. */
  chunkSize?: number;
  signal?: AbortSignal;
  /** Called after each chunk. */
  onProgress?: (progress: CaptureProgress) => void;
  /** Called when an interface is defined, before any of its packets are visited. */
  onInterface?: (info: CaptureInterfaceInfo, index: number) => void;
}

/** Lengths read from a file are never trusted beyond this (a record or block larger is damage). */
export const MAX_RECORD_BYTES = 256 * 1024 * 1024;

/** Keeps a damaged file with millions of odd blocks from filling memory with notes. */
export const MAX_NOTES = 200;

export function timestampToNs(seconds: number, nanoseconds: number): bigint {
  return BigInt(seconds) * 1_000_000_000n + BigInt(nanoseconds);
}
