/**
 * tshark as the oracle for the decoders (test support, not shipped): every field of every packet
 * with its `pos`, `size` and `show`, from one `tshark -T pdml` run per file. TCP/TLS/HTTP/DNS
 * reassembly and IP defragmentation are switched off so positions refer to the frame itself,
 * which is what NetLab decodes.
 */
import { execFileSync } from 'node:child_process';

export interface PdmlField {
  name: string;
  pos: number;
  size: number;
  show: string;
  /** Protocol names enclosing this field, outermost first (e.g. ['icmp', 'ip'] for a quoted header). */
  protoPath: string[];
}

export type PdmlPacket = PdmlField[];

const NO_REASSEMBLY = [
  'tcp.desegment_tcp_streams:FALSE',
  'tcp.relative_sequence_numbers:FALSE',
  'tls.desegment_ssl_records:FALSE',
  'tls.desegment_ssl_application_data:FALSE',
  'http.desegment_headers:FALSE',
  'http.desegment_body:FALSE',
  'dns.desegment_dns_messages:FALSE',
  'ip.defragment:FALSE',
  'tcp.analyze_sequence_numbers:FALSE',
  'ipv6.defragment:FALSE',
];

function unescapeXml(text: string): string {
  return text
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, dec: string) => String.fromCodePoint(Number.parseInt(dec, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attributes(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of line.matchAll(/(\w+)="([^"]*)"/g)) out[m[1]] = unescapeXml(m[2]);
  return out;
}

/** `extraArgs` are passed to tshark as they are, e.g. ['-d', 'tcp.port==8080,http'] (decode as). */
export function tsharkPdml(path: string, extraArgs: string[] = []): PdmlPacket[] {
  const args = ['-r', path, '-T', 'pdml', ...extraArgs];
  for (const pref of NO_REASSEMBLY) args.push('-o', pref);
  const xml = execFileSync('tshark', args, {
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'ignore'],
  }).toString('utf8');
  return parsePdml(xml);
}

export function parsePdml(xml: string): PdmlPacket[] {
  const packets: PdmlPacket[] = [];
  let current: PdmlPacket = [];
  const protos: string[] = [];
  for (const raw of xml.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('<packet>')) {
      current = [];
      protos.length = 0;
    } else if (line.startsWith('</packet>')) packets.push(current);
    else if (line.startsWith('<proto ')) {
      const a = attributes(line);
      if (!line.endsWith('/>')) protos.push(a.name);
    } else if (line.startsWith('</proto>')) protos.pop();
    else if (line.startsWith('<field ')) {
      const a = attributes(line);
      if (!a.name || a.pos === undefined || a.size === undefined) continue;
      current.push({
        name: a.name,
        pos: Number(a.pos),
        size: Number(a.size),
        show: a.show ?? '',
        protoPath: [...protos],
      });
    }
  }
  return packets;
}
