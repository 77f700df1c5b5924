/** DNS over UDP and TCP (RFC 1035): header, flags, questions and resource records. */
import type { FieldNode } from '../../shared/model/packet';
import { formatIpv4, formatIpv6, hexNumber, u16 } from './bytes';
import { readDnsName } from './dns-name';
import {
  bitField,
  ipv4Field,
  ipv6Field,
  makeNode,
  protoNode,
  uintField,
  valueField,
  bytesField,
} from './fields';
import { addLayer, addNote, fits, type DissectState } from './state';

const TYPES: Record<number, string> = {
  1: 'A',
  2: 'NS',
  5: 'CNAME',
  6: 'SOA',
  12: 'PTR',
  15: 'MX',
  16: 'TXT',
  28: 'AAAA',
  33: 'SRV',
  41: 'OPT',
  65: 'HTTPS',
  255: 'ANY',
};

export function dnsTypeName(type: number): string {
  return TYPES[type] ?? `Unknown (${type})`;
}

const FLAG_BITS: [string, number][] = [
  ['dns.flags.response', 0x8000],
  ['dns.flags.opcode', 0x7800],
  ['dns.flags.authoritative', 0x0400],
  ['dns.flags.truncated', 0x0200],
  ['dns.flags.recdesired', 0x0100],
  ['dns.flags.recavail', 0x0080],
  ['dns.flags.z', 0x0040],
  ['dns.flags.authenticated', 0x0020],
  ['dns.flags.checkdisable', 0x0010],
  ['dns.flags.rcode', 0x000f],
];

const RCODES: Record<number, string> = {
  1: 'Format error',
  2: 'Server failure',
  3: 'No such name',
  5: 'Refused',
};

export function dissectDns(st: DissectState, start: number, endArg: number, overTcp: boolean): void {
  // Callers pass the captured end, but a decoder must not trust that: clip once here.
  const end = Math.min(endArg, st.captured);
  const b = st.frame;
  const node = protoNode('dns', start, end - start);
  st.tree.push(node);
  addLayer(st, 'application', 'dns', start, end - start);
  st.columns.protocol = 'DNS';
  let offset = start;
  if (overTcp) {
    node.children!.push(uintField(st, 'dns.length', start, 2));
    offset += 2;
  }
  const c = node.children!;
  const flags = uintField(st, 'dns.flags', offset + 2, 2, 4);
  flags.children = FLAG_BITS.map(([id, mask]) => bitField(st, id, offset + 2, 2, mask));
  c.push(uintField(st, 'dns.id', offset, 2, 4), flags);
  c.push(
    uintField(st, 'dns.count.queries', offset + 4, 2),
    uintField(st, 'dns.count.answers', offset + 6, 2),
  );
  c.push(
    uintField(st, 'dns.count.auth_rr', offset + 8, 2),
    uintField(st, 'dns.count.add_rr', offset + 10, 2),
  );
  if (!fits(st, offset, 12) || end < offset + 12) {
    node.truncated = true;
    st.columns.info = overTcp ? 'DNS over TCP (continuation or truncated)' : 'DNS (truncated)';
    return;
  }
  const msgEnd = overTcp ? Math.min(end, offset + u16(b, start)) : end;
  const id = u16(b, offset);
  const flagWord = u16(b, offset + 2);
  const isResponse = (flagWord & 0x8000) !== 0;
  if (overTcp && start + 2 + u16(b, start) > end) {
    // Only the header is trustworthy: the records continue in segments we do not reassemble.
    addNote(
      st,
      'netlab.note.dnsTcpSplit',
      'This DNS message continues in the next TCP segment; NetLab does not reassemble TCP.',
    );
    node.truncated = true;
    const kind = isResponse ? 'Standard query response ' : 'Standard query ';
    st.columns.info = `${kind}${hexNumber(id, 4)} (continues in the next segment)`;
    return;
  }
  let p = offset + 12;
  let info = (isResponse ? 'Standard query response ' : 'Standard query ') + hexNumber(id, 4);
  const rcode = flagWord & 0xf;
  if (isResponse && rcode !== 0) info += ' ' + (RCODES[rcode] ?? `rcode ${rcode}`);

  const qd = u16(b, offset + 4);
  if (qd > 0) {
    const queries = makeNode('netlab.dns.queries', qd, p, 0);
    queries.children = [];
    for (let i = 0; i < qd && p < msgEnd; i++) {
      const q = question(st, offset, p, msgEnd);
      queries.children.push(q.node);
      info += ` ${q.summary}`;
      p += q.length;
      if (q.node.truncated) break;
    }
    queries.length = p - queries.offset;
    c.push(queries);
  }
  const sections: [string, number][] = [
    ['netlab.dns.answers', u16(b, offset + 6)],
    ['netlab.dns.authorities', u16(b, offset + 8)],
    ['netlab.dns.additionals', u16(b, offset + 10)],
  ];
  for (const [sectionId, count] of sections) {
    if (count === 0 || p >= msgEnd) continue;
    const section = makeNode(sectionId, count, p, 0);
    section.children = [];
    for (let i = 0; i < count && p < msgEnd; i++) {
      const rr = resourceRecord(st, offset, p, msgEnd);
      section.children.push(rr.node);
      if (sectionId === 'netlab.dns.answers') info += ` ${rr.summary}`;
      p += rr.length;
      if (rr.node.truncated) break;
    }
    section.length = p - section.offset;
    c.push(section);
  }
  st.columns.info = info;
}

interface Parsed {
  node: FieldNode;
  length: number;
  summary: string;
}

function nameField(
  st: DissectState,
  id: string,
  msgStart: number,
  p: number,
  end: number,
): { node: FieldNode; length: number; name: string } {
  const n = readDnsName(st.frame, msgStart, p, end);
  const node = valueField(st, id, p, n.wireLength, n.ok ? n.name : null);
  if (!n.ok) {
    node.truncated = true;
    node.value = null;
    node.warning = 'Malformed or truncated DNS name';
  }
  return { node, length: n.wireLength, name: n.name };
}

function question(st: DissectState, msgStart: number, p: number, end: number): Parsed {
  const name = nameField(st, 'dns.qry.name', msgStart, p, end);
  const t = p + name.length;
  const node = makeNode('netlab.dns.query', null, p, name.length + 4);
  node.children = [
    name.node,
    uintField(st, 'dns.qry.type', t, 2),
    uintField(st, 'dns.qry.class', t + 2, 2, 4),
  ];
  if (name.node.truncated || !fits(st, t, 4) || t + 4 > end) {
    node.truncated = true;
    return { node, length: Math.max(1, end - p), summary: name.name };
  }
  const type = dnsTypeName(u16(st.frame, t));
  node.value = `${name.name}: type ${type}`;
  return { node, length: name.length + 4, summary: `${type} ${name.name}` };
}

function resourceRecord(st: DissectState, msgStart: number, p: number, end: number): Parsed {
  const b = st.frame;
  const name = nameField(st, 'dns.resp.name', msgStart, p, end);
  const t = p + name.length;
  const node = makeNode('netlab.dns.rr', null, p, name.length + 10);
  node.children = [
    name.node,
    uintField(st, 'dns.resp.type', t, 2),
    uintField(st, 'dns.resp.class', t + 2, 2, 4),
    uintField(st, 'dns.resp.ttl', t + 4, 4),
    uintField(st, 'dns.resp.len', t + 8, 2),
  ];
  if (name.node.truncated || !fits(st, t, 10) || t + 10 > end) {
    node.truncated = true;
    return { node, length: Math.max(1, end - p), summary: '' };
  }
  const type = u16(b, t);
  const rdlen = u16(b, t + 8);
  const rd = t + 10;
  node.length = name.length + 10 + rdlen;
  const typeName = dnsTypeName(type);
  let summary = typeName;
  if (rd + rdlen > end || !fits(st, rd, rdlen)) {
    node.truncated = true;
    node.children.push({ ...makeNode('netlab.dns.rdata', null, rd, rdlen), truncated: true });
    return { node, length: Math.max(1, end - p), summary };
  }
  if (type === 1 && rdlen === 4) {
    node.children.push(ipv4Field(st, 'dns.a', rd));
    summary += ' ' + formatIpv4(b, rd);
  } else if (type === 28 && rdlen === 16) {
    node.children.push(ipv6Field(st, 'dns.aaaa', rd));
    summary += ' ' + formatIpv6(b, rd);
  } else if (type === 5 || type === 2 || type === 12) {
    const id = type === 5 ? 'dns.cname' : type === 2 ? 'dns.ns' : 'dns.ptr.domain_name';
    const target = nameField(st, id, msgStart, rd, rd + rdlen);
    node.children.push(target.node);
    summary += ' ' + target.name;
  } else if (type === 15 && rdlen >= 3) {
    node.children.push(uintField(st, 'dns.mx.preference', rd, 2));
    const target = nameField(st, 'dns.mx.mail_exchange', msgStart, rd + 2, rd + rdlen);
    node.children.push(target.node);
    summary += ` ${u16(b, rd)} ${target.name}`;
  } else if (rdlen > 0) {
    node.children.push(bytesField(st, 'netlab.dns.rdata', rd, rdlen));
  }
  node.value = `${name.name}: type ${typeName}`;
  return { node, length: name.length + 10 + rdlen, summary };
}
