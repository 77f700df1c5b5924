/**
 * `cap` reports the link type as a name for a few DLTs and as "Unknown linktype N" (the DLT number)
 * otherwise. Files and decoders speak LINKTYPE_* numbers (tcpdump.org registry), so map here.
 */
const NAMED: Record<string, number> = {
  NULL: 0,
  ETHERNET: 1,
  IEEE802_11_RADIO: 127,
  LINKTYPE_LINUX_SLL: 113,
  // cap's "RAW" is DLT_RAW, whose number differs per OS (12 or 14); LINKTYPE_RAW is 101 everywhere.
  RAW: 101,
};

/** DLT values that are not equal to their LINKTYPE (pcap-common.c); all others are the same number. */
const DLT_TO_LINKTYPE: Record<number, number> = { 12: 101, 14: 101, 17: 117, 18: 118, 19: 119 };

export function linkTypeFromCap(name: string): number {
  if (name in NAMED) return NAMED[name];
  const match = /Unknown linktype (\d+)/.exec(name);
  if (match) {
    const dlt = Number(match[1]);
    return DLT_TO_LINKTYPE[dlt] ?? dlt;
  }
  return 1;
}
