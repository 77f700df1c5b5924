/**
 * 32-bit sequence-space arithmetic, as packet-tcp.c does it (LT_SEQ, GT_SEQ ...): the difference of
 * two sequence numbers read as a signed 32-bit integer, so comparisons survive wrap-around.
 */

export const u32 = (n: number): number => n >>> 0;

const diff = (a: number, b: number): number => (a - b) | 0;

export const ltSeq = (a: number, b: number): boolean => diff(a, b) < 0;
export const leSeq = (a: number, b: number): boolean => diff(a, b) <= 0;
export const gtSeq = (a: number, b: number): boolean => diff(a, b) > 0;
export const geSeq = (a: number, b: number): boolean => diff(a, b) >= 0;
