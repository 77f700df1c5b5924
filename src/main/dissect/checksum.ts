/**
 * The Internet checksum (RFC 1071) and the TCP/UDP/ICMPv6 pseudo-header. Sums are kept as plain
 * numbers and folded at the end: with 16-bit words a JavaScript number cannot overflow for any frame.
 */

export function onesSum(b: Uint8Array, start: number, end: number, initial = 0): number {
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (b[i] << 8) | b[i + 1];
  if (i < end) sum += b[i] << 8;
  return sum;
}

export function foldComplement(sum: number): number {
  let s = sum;
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return ~s & 0xffff;
}

/** Sum of the pseudo-header: both addresses, the protocol and the transport length. */
export function pseudoHeaderSum(
  b: Uint8Array,
  addrOffset: number,
  version: 4 | 6,
  protocol: number,
  length: number,
): number {
  const addrBytes = version === 4 ? 8 : 32;
  let sum = onesSum(b, addrOffset, addrOffset + addrBytes);
  sum += protocol;
  sum += Math.floor(length / 0x10000) + (length & 0xffff);
  return sum;
}

/**
 * The checksum the sender should have written: the sum with the checksum field left out (it sits at
 * an even distance from `start` in every protocol we verify, so word alignment is preserved).
 */
export function expectedChecksum(
  b: Uint8Array,
  start: number,
  end: number,
  checksumOffset: number,
  initial: number,
): number {
  const sum = onesSum(b, checksumOffset + 2, end, onesSum(b, start, checksumOffset, initial));
  return foldComplement(sum);
}
