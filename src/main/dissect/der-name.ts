/**
 * A minimal DER walk over an X.509 certificate (RFC 5280 4.1) to read the issuer and subject
 * Names as "CN=example.com, O=Example". Anything unexpected returns null; it never throws or loops.
 */

interface Tlv {
  tag: number;
  valueStart: number;
  end: number;
}

function readTlv(b: Uint8Array, p: number, limit: number): Tlv | null {
  if (p + 2 > limit) return null;
  const tag = b[p];
  let len = b[p + 1];
  let valueStart = p + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || valueStart + n > limit) return null;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[valueStart + i];
    valueStart += n;
  }
  const end = valueStart + len;
  if (end > limit) return null;
  return { tag, valueStart, end };
}

const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.25': 'DC',
};

function readOid(b: Uint8Array, start: number, end: number): string {
  if (start >= end) return '';
  const first = b[start];
  const arcs: number[] = [first < 80 ? Math.floor(first / 40) : 2, first < 80 ? first % 40 : first - 80];
  let value = 0;
  for (let i = start + 1; i < end; i++) {
    value = value * 128 + (b[i] & 0x7f);
    if ((b[i] & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}

function readString(b: Uint8Array, tag: number, start: number, end: number): string {
  if (tag === 0x1e) {
    let out = '';
    for (let i = start; i + 1 < end; i += 2) out += String.fromCharCode((b[i] << 8) | b[i + 1]);
    return out;
  }
  if (tag === 0x0c) return new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(start, end));
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(b[i]);
  return out;
}

/** Formats a DER Name (SEQUENCE OF SET OF AttributeTypeAndValue). */
function formatName(b: Uint8Array, name: Tlv): string {
  const parts: string[] = [];
  let p = name.valueStart;
  while (p < name.end && parts.length < 64) {
    const set = readTlv(b, p, name.end);
    if (!set || set.tag !== 0x31) break;
    let q = set.valueStart;
    while (q < set.end && parts.length < 64) {
      const atv = readTlv(b, q, set.end);
      if (!atv || atv.tag !== 0x30) break;
      const oid = readTlv(b, atv.valueStart, atv.end);
      const value = oid ? readTlv(b, oid.end, atv.end) : null;
      if (oid && value && oid.tag === 0x06) {
        const key = readOid(b, oid.valueStart, oid.end);
        parts.push(`${ATTRIBUTE_NAMES[key] ?? key}=${readString(b, value.tag, value.valueStart, value.end)}`);
      }
      q = atv.end;
    }
    p = set.end;
  }
  return parts.join(', ');
}

export interface NameLocation {
  text: string;
  offset: number;
  length: number;
}

export interface CertificateNames {
  issuer: NameLocation;
  subject: NameLocation;
}

export function readCertificateNames(b: Uint8Array, start: number, end: number): CertificateNames | null {
  const cert = readTlv(b, start, end);
  if (!cert || cert.tag !== 0x30) return null;
  const tbs = readTlv(b, cert.valueStart, cert.end);
  if (!tbs || tbs.tag !== 0x30) return null;
  const items: Tlv[] = [];
  let p = tbs.valueStart;
  while (p < tbs.end && items.length < 6) {
    const item = readTlv(b, p, tbs.end);
    if (!item) return null;
    items.push(item);
    p = item.end;
  }
  // The version field [0] is optional (absent means v1).
  const base = items[0]?.tag === 0xa0 ? 1 : 0;
  const issuer = items[base + 2];
  const subject = items[base + 4];
  if (!issuer || !subject || issuer.tag !== 0x30 || subject.tag !== 0x30) return null;
  const loc = (t: Tlv, headerStart: number): NameLocation => ({
    text: formatName(b, t),
    offset: headerStart,
    length: t.end - headerStart,
  });
  const issuerStart = items[base + 1].end;
  const subjectStart = items[base + 3].end;
  return { issuer: loc(issuer, issuerStart), subject: loc(subject, subjectStart) };
}
