/** Records of a pcapng Name Resolution Block: (type, length, value) until an end record. */
import { padTo4, u16 } from './bytes';
import { ipv4Text, ipv6Text, otherRecordAddress, splitNames } from './pcapng-options';
import type { NameResolutionRecord } from './types';

const RECORD_END = 0;
const RECORD_IPV4 = 1;
const RECORD_IPV6 = 2;

/** Appends the records in b[start, end) to `out`; returns a description of damage, or null. */
export function readNameResolution(
  b: Uint8Array,
  start: number,
  end: number,
  littleEndian: boolean,
  out: NameResolutionRecord[],
): string | null {
  let pos = start;
  while (pos + 4 <= end) {
    const recordType = u16(b, pos, littleEndian);
    const length = u16(b, pos + 2, littleEndian);
    if (recordType === RECORD_END) return null;
    const value = pos + 4;
    if (value + length > end) return `record of type ${recordType} runs past the end of the block`;
    if (recordType === RECORD_IPV4 && length >= 4) {
      out.push({
        kind: 'ipv4',
        recordType,
        address: ipv4Text(b, value),
        names: splitNames(b, value + 4, value + length),
      });
    } else if (recordType === RECORD_IPV6 && length >= 16) {
      out.push({
        kind: 'ipv6',
        recordType,
        address: ipv6Text(b, value),
        names: splitNames(b, value + 16, value + length),
      });
    } else {
      out.push({ kind: 'other', recordType, address: otherRecordAddress(b, value, length), names: [] });
    }
    pos = value + padTo4(length);
  }
  return null;
}
