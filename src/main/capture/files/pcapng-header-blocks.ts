/** The descriptive pcapng blocks: Section Header options and Interface Description Blocks. */
import { i64, u16, u32, utf8Text } from './bytes';
import { OPT_COMMENT, walkOptions } from './pcapng-options';
import type { CaptureInterfaceInfo, CaptureSectionInfo } from './types';

const SHB_HARDWARE = 2;
const SHB_OS = 3;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;
const IF_FCSLEN = 13;
const IF_TSOFFSET = 14;

/** Reads SHB options in b[start, end) into `section`; returns option damage or null. */
export function readSectionOptions(
  b: Uint8Array,
  start: number,
  end: number,
  le: boolean,
  section: CaptureSectionInfo,
): string | null {
  return walkOptions(b, start, end, le, (code, at, size) => {
    if (code === OPT_COMMENT) (section.comments ??= []).push(utf8Text(b, at, size));
    else if (code === SHB_HARDWARE) section.hardware = utf8Text(b, at, size);
    else if (code === SHB_OS) section.os = utf8Text(b, at, size);
    else if (code === SHB_USERAPPL) section.userApplication = utf8Text(b, at, size);
  });
}

export interface InterfaceBlock {
  info: CaptureInterfaceInfo;
  /** if_tsresol byte; 6 (microseconds) when absent. */
  resolutionCode: number;
  /** if_tsoffset in seconds; 0 when absent. */
  offsetSeconds: number;
  damage: string | null;
}

/** Parses the IDB whose block starts at b[pos] (total length `length`). */
export function readInterfaceBlock(
  b: Uint8Array,
  pos: number,
  length: number,
  le: boolean,
  section: number,
  localId: number,
): InterfaceBlock {
  const info: CaptureInterfaceInfo = {
    linkType: u16(b, pos + 8, le),
    snapLength: u32(b, pos + 12, le),
    section,
    localId,
  };
  let resolutionCode = 6;
  let offsetSeconds = 0;
  const damage = walkOptions(b, pos + 16, pos + length - 4, le, (code, at, size) => {
    if (code === OPT_COMMENT) (info.comments ??= []).push(utf8Text(b, at, size));
    else if (code === IF_NAME) info.name = utf8Text(b, at, size);
    else if (code === IF_DESCRIPTION) info.description = utf8Text(b, at, size);
    else if (code === IF_TSRESOL && size >= 1) resolutionCode = b[at];
    else if (code === IF_FCSLEN && size >= 1) info.fcsLength = b[at];
    else if (code === IF_TSOFFSET && size >= 8) offsetSeconds = i64(b, at, le);
  });
  return { info, resolutionCode, offsetSeconds, damage };
}
