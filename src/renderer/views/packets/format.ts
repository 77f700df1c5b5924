/** Column formatting of the packet list: times as Wireshark shows them, protocol colour classes. */

/** Seconds since the first packet, from exact nanosecond strings (no float drift on long captures). */
export function relativeTime(timestampNs: string, firstNs: string | null): string {
  if (firstNs === null) return '';
  const delta = BigInt(timestampNs) - BigInt(firstNs);
  const negative = delta < 0n;
  const abs = negative ? -delta : delta;
  const micros = (abs + 500n) / 1000n;
  const seconds = micros / 1_000_000n;
  const fraction = (micros % 1_000_000n).toString().padStart(6, '0');
  return `${negative ? '-' : ''}${seconds}.${fraction}`;
}

/** Local wall-clock time with microseconds: 2010-01-07 19:38:34.341715. */
export function absoluteTime(timestampNs: string): string {
  const ns = BigInt(timestampNs);
  const ms = Number(ns / 1_000_000n);
  const micros = ((ns / 1000n) % 1_000_000n).toString().padStart(6, '0');
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${micros}`;
}

const PROTOCOL_CLASSES: [RegExp, string][] = [
  [/^(TLS|SSL|DTLS|QUIC)/i, 'tls'],
  [/^HTTP/i, 'http'],
  [/^(DNS|MDNS|LLMNR)/i, 'dns'],
  [/^TCP/i, 'tcp'],
  [/^UDP/i, 'udp'],
  [/^ICMP/i, 'icmp'],
  [/^ARP/i, 'arp'],
];

/** The CSS modifier for a Protocol column value (row background); 'other' when not listed. */
export function protocolClass(protocol: string): string {
  for (const [pattern, name] of PROTOCOL_CLASSES) if (pattern.test(protocol)) return name;
  return 'other';
}
