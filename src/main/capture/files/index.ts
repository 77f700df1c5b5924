/** Capture files: pcap and pcapng readers (fast scan and RawFrame APIs) and the pcapng writer. */
export * from './types';
export {
  DEFAULT_CHUNK_SIZE,
  frameCollector,
  readCaptureBytes,
  readCaptureFile,
  scanCaptureBytes,
  scanCaptureFile,
  type CaptureReadResult,
} from './read-capture';
export {
  PcapngFileWriter,
  writePcapngBuffer,
  type PcapngHeader,
  type PcapngInterface,
  type SecretsToWrite,
} from './write-pcapng';
