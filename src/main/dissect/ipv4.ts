/**
 * IPv4 (RFC 791): header fields, options, header checksum verification and fragments. Only a
 * first fragment (offset 0) carries the transport header, so later fragments stop here.
 */
import { formatIpv4, hexNumber, u16 } from './bytes';
import { expectedChecksum } from './checksum';
import {
  bitField,
  dataNode,
  ipv4Field,
  makeNode,
  protoNode,
  uintField,
  withDisplay,
  withWarning,
} from './fields';
import { dissectIpPayload, ipProtocolName } from './ip-protocol';
import { addLayer, addNote, fits, type DissectState } from './state';
import type { FieldNode } from '../../shared/model/packet';

export function dissectIpv4(st: DissectState, offset: number, end: number): void {
  const b = st.frame;
  const ihl = fits(st, offset, 1) ? (b[offset] & 0x0f) * 4 : 20;
  const headerLength = ihl >= 20 ? ihl : 20;
  const node = protoNode('ip', offset, headerLength);
  const c = node.children!;
  c.push(bitField(st, 'ip.version', offset, 1, 0xf0));
  const hl = bitField(st, 'ip.hdr_len', offset, 1, 0x0f);
  if (typeof hl.value === 'number') hl.value *= 4;
  c.push(hl);
  const ds = uintField(st, 'ip.dsfield', offset + 1, 1, 2);
  ds.children = [
    bitField(st, 'ip.dsfield.dscp', offset + 1, 1, 0xfc),
    bitField(st, 'ip.dsfield.ecn', offset + 1, 1, 0x03),
  ];
  c.push(ds);
  c.push(uintField(st, 'ip.len', offset + 2, 2));
  c.push(uintField(st, 'ip.id', offset + 4, 2, 4));
  const flags = bitField(st, 'ip.flags', offset + 6, 1, 0xe0);
  if (typeof flags.value === 'number') flags.display = hexNumber(flags.value, 2);
  flags.children = [
    bitField(st, 'ip.flags.rb', offset + 6, 1, 0x80),
    bitField(st, 'ip.flags.df', offset + 6, 1, 0x40),
    bitField(st, 'ip.flags.mf', offset + 6, 1, 0x20),
  ];
  c.push(flags);
  const frag = bitField(st, 'ip.frag_offset', offset + 6, 2, 0x1fff);
  // The field counts 8-byte units (tshark shows the units too); the display adds bytes.
  if (typeof frag.value === 'number') frag.display = `${frag.value} (${frag.value * 8} bytes)`;
  c.push(frag);
  c.push(uintField(st, 'ip.ttl', offset + 8, 1));
  const proto = uintField(st, 'ip.proto', offset + 9, 1);
  if (typeof proto.value === 'number') withDisplay(proto, `${ipProtocolName(proto.value)} (${proto.value})`);
  c.push(proto);
  const checksum = uintField(st, 'ip.checksum', offset + 10, 2, 4);
  c.push(checksum);
  c.push(ipv4Field(st, 'ip.src', offset + 12));
  c.push(ipv4Field(st, 'ip.dst', offset + 16));
  st.tree.push(node);

  if (!fits(st, offset, 20)) {
    node.truncated = true;
    addLayer(st, 'network', 'ip', offset, headerLength);
    addNote(st, 'netlab.note.truncatedIp', 'The frame ends inside the IPv4 header.');
    return;
  }
  st.columns.source = formatIpv4(b, offset + 12);
  st.columns.destination = formatIpv4(b, offset + 16);
  st.columns.protocol = 'IPv4';
  st.columns.info = '';
  if (ihl < 20) {
    withWarning(hl, `Bogus IPv4 header length ${ihl} (must be at least 20)`);
    addNote(st, 'netlab.warning.bogusIpHeaderLength', `Bogus IPv4 header length ${ihl}.`);
    addLayer(st, 'network', 'ip', offset, 20);
    return;
  }
  if (ihl > 20) c.push(dissectIpv4Options(st, offset + 20, offset + ihl));
  addLayer(st, 'network', 'ip', offset, ihl);
  if (!fits(st, offset, ihl)) {
    node.truncated = true;
    return;
  }
  const stored = u16(b, offset + 10);
  const expected = expectedChecksum(b, offset, offset + ihl, offset + 10, 0);
  if (stored !== expected) {
    withWarning(checksum, `Bad header checksum: should be ${hexNumber(expected, 4)}`);
    addNote(
      st,
      'netlab.warning.badChecksum',
      `IPv4 header checksum is ${hexNumber(stored, 4)}, should be ${hexNumber(expected, 4)}.`,
    );
  }

  const totalLength = u16(b, offset + 2);
  // A total length of 0 happens with TCP segmentation offload captures; trust the captured bytes then.
  const ipEnd = totalLength >= ihl ? Math.min(end, offset + totalLength) : end;
  const protocol = b[offset + 9];
  const fragOffset = (u16(b, offset + 6) & 0x1fff) * 8;
  const moreFragments = (b[offset + 6] & 0x20) !== 0;
  if (fragOffset > 0 || moreFragments) {
    c.push(makeNode('netlab.ip.fragment', true, offset + 6, 2));
    addNote(
      st,
      'netlab.note.fragment',
      `IPv4 fragment (offset ${fragOffset}${moreFragments ? ', more follow' : ', last'}); NetLab does not reassemble.`,
    );
  }
  if (fragOffset > 0) {
    st.columns.info = `Fragmented IP protocol (proto=${ipProtocolName(protocol)} ${protocol}, off=${fragOffset}, ID=${u16(
      b,
      offset + 4,
    )
      .toString(16)
      .padStart(4, '0')})`;
    if (ipEnd > offset + ihl) st.tree.push(dataNode(st, offset + ihl, ipEnd - offset - ihl));
    return;
  }
  st.net = {
    version: 4,
    addrOffset: offset + 12,
    transportLength: totalLength >= ihl ? totalLength - ihl : Math.max(0, end - offset - ihl),
    fragmented: moreFragments,
  };
  dissectIpPayload(st, protocol, offset + ihl, ipEnd);
}

const OPTION_IDS: Record<number, string> = {
  0: 'ip.options.eol',
  1: 'ip.options.nop',
  7: 'ip.options.record_route',
  68: 'ip.options.timestamp',
  130: 'ip.options.security',
  131: 'ip.options.source_route',
  137: 'ip.options.source_route',
  148: 'ip.options.routeralert',
};

function dissectIpv4Options(st: DissectState, start: number, end: number): FieldNode {
  const node = makeNode('netlab.ip.options', null, start, end - start);
  node.children = [];
  let p = start;
  let guard = 0;
  while (p < end && guard++ < 40) {
    if (!fits(st, p, 1)) {
      node.truncated = true;
      break;
    }
    const type = st.frame[p];
    if (type === 0 || type === 1) {
      const opt = makeNode(OPTION_IDS[type], null, p, 1);
      opt.children = [uintField(st, 'ip.opt.type', p, 1)];
      node.children.push(opt);
      p += 1;
      if (type === 0) break;
      continue;
    }
    const len = fits(st, p + 1, 1) ? st.frame[p + 1] : 2;
    const size = len >= 2 ? Math.min(len, end - p) : end - p;
    const opt = makeNode(OPTION_IDS[type] ?? 'netlab.ip.option', null, p, size);
    opt.children = [uintField(st, 'ip.opt.type', p, 1), uintField(st, 'ip.opt.len', p + 1, 1)];
    node.children.push(opt);
    p += size;
  }
  return node;
}
