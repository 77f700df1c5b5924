/**
 * IPv6 (RFC 8200): the fixed header and the extension header chain (hop-by-hop, routing,
 * fragment, destination options) up to the upper-layer protocol. Non-first fragments stop there.
 */
import { formatIpv6, u16 } from './bytes';
import {
  bitField,
  bytesField,
  dataNode,
  ipv6Field,
  makeNode,
  protoNode,
  uintField,
  withDisplay,
} from './fields';
import { dissectIpPayload, ipProtocolName } from './ip-protocol';
import { addLayer, addNote, fits, type DissectState } from './state';
import type { FieldNode } from '../../shared/model/packet';

const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const DEST_OPTIONS = 60;
const NO_NEXT_HEADER = 59;
/** Real packets carry a handful of extension headers; a longer chain is garbage or an attack. */
const MAX_EXTENSION_HEADERS = 16;

export function dissectIpv6(st: DissectState, offset: number, end: number): void {
  const b = st.frame;
  const node = protoNode('ipv6', offset, 40, [
    bitField(st, 'ipv6.version', offset, 1, 0xf0),
    bitField(st, 'ipv6.tclass', offset, 4, 0x0ff00000),
    bitField(st, 'ipv6.flow', offset + 1, 3, 0x0fffff),
    uintField(st, 'ipv6.plen', offset + 4, 2),
    nextHeaderField(st, 'ipv6.nxt', offset + 6),
    uintField(st, 'ipv6.hlim', offset + 7, 1),
    ipv6Field(st, 'ipv6.src', offset + 8),
    ipv6Field(st, 'ipv6.dst', offset + 24),
  ]);
  st.tree.push(node);
  if (!fits(st, offset, 40)) {
    node.truncated = true;
    addLayer(st, 'network', 'ipv6', offset, 40);
    addNote(st, 'netlab.note.truncatedIpv6', 'The frame ends inside the IPv6 header.');
    return;
  }
  st.columns.source = formatIpv6(b, offset + 8);
  st.columns.destination = formatIpv6(b, offset + 24);
  st.columns.protocol = 'IPv6';
  st.columns.info = '';
  const payloadLength = u16(b, offset + 4);
  // Payload length 0 means a jumbogram or a TSO capture; use the captured bytes then.
  const ipEnd = payloadLength > 0 ? Math.min(end, offset + 40 + payloadLength) : end;
  let next = b[offset + 6];
  let p = offset + 40;
  let fragmented = false;
  for (let count = 0; count < MAX_EXTENSION_HEADERS; count++) {
    if (next !== HOP_BY_HOP && next !== ROUTING && next !== FRAGMENT && next !== DEST_OPTIONS) break;
    if (!fits(st, p, 2)) {
      node.children!.push({ ...makeNode(extensionId(next), null, p, 8), truncated: true });
      node.truncated = true;
      addLayer(st, 'network', 'ipv6', offset, p - offset);
      return;
    }
    const ext = next === FRAGMENT ? fragmentHeader(st, p) : optionsOrRoutingHeader(st, next, p);
    node.children!.push(ext.node);
    if (next === FRAGMENT) {
      fragmented = true;
      if (ext.fragmentOffset > 0 || ext.more) {
        addNote(
          st,
          'netlab.note.fragment',
          `IPv6 fragment (offset ${ext.fragmentOffset}${ext.more ? ', more follow' : ', last'}); NetLab does not reassemble.`,
        );
      }
      if (ext.fragmentOffset > 0) {
        node.length = p + 8 - offset;
        addLayer(st, 'network', 'ipv6', offset, node.length);
        const nxt = b[p];
        st.columns.info = `IPv6 fragment (off=${ext.fragmentOffset} more=${ext.more ? 'y' : 'n'} ident=0x${ext.ident.toString(16).padStart(8, '0')} nxt=${nxt})`;
        if (ipEnd > p + 8) st.tree.push(dataNode(st, p + 8, ipEnd - p - 8));
        return;
      }
    }
    next = b[p];
    p += ext.length;
  }
  node.length = p - offset;
  addLayer(st, 'network', 'ipv6', offset, p - offset);
  if (next === NO_NEXT_HEADER) return;
  st.net = {
    version: 6,
    addrOffset: offset + 8,
    transportLength: payloadLength > 0 ? Math.max(0, offset + 40 + payloadLength - p) : Math.max(0, end - p),
    fragmented,
  };
  if (p <= ipEnd) dissectIpPayload(st, next, p, ipEnd);
}

function extensionId(type: number): string {
  if (type === HOP_BY_HOP) return 'ipv6.hopopts';
  if (type === ROUTING) return 'ipv6.routing';
  if (type === FRAGMENT) return 'ipv6.fraghdr';
  return 'ipv6.dstopts';
}

function nextHeaderField(st: DissectState, id: string, offset: number): FieldNode {
  const n = uintField(st, id, offset, 1);
  if (typeof n.value === 'number') withDisplay(n, `${ipProtocolName(n.value)} (${n.value})`);
  return n;
}

interface Extension {
  node: FieldNode;
  length: number;
  fragmentOffset: number;
  more: boolean;
  ident: number;
}

function optionsOrRoutingHeader(st: DissectState, type: number, p: number): Extension {
  const id = extensionId(type);
  const length = (st.frame[p + 1] + 1) * 8;
  const node = makeNode(id, null, p, length);
  const lenField = uintField(st, `${id}.len`, p + 1, 1);
  node.children = [nextHeaderField(st, `${id}.nxt`, p), lenField];
  if (type === ROUTING) {
    node.children.push(
      uintField(st, 'ipv6.routing.type', p + 2, 1),
      uintField(st, 'ipv6.routing.segleft', p + 3, 1),
    );
    if (length > 4) node.children.push(bytesField(st, 'ipv6.routing.unknown_data', p + 4, length - 4));
  } else {
    node.children.push(...ipv6Options(st, p + 2, p + length));
  }
  if (!fits(st, p, length)) node.truncated = true;
  return { node, length, fragmentOffset: 0, more: false, ident: 0 };
}

function ipv6Options(st: DissectState, start: number, end: number): FieldNode[] {
  const out: FieldNode[] = [];
  let p = start;
  while (p < end && out.length < 64) {
    if (!fits(st, p, 1)) break;
    const type = st.frame[p];
    const len = type === 0 ? 1 : fits(st, p + 1, 1) ? st.frame[p + 1] + 2 : 2;
    const opt = makeNode('ipv6.opt', null, p, Math.min(len, end - p));
    opt.children = [uintField(st, 'ipv6.opt.type', p, 1, 2)];
    if (type !== 0) opt.children.push(uintField(st, 'ipv6.opt.length', p + 1, 1));
    out.push(opt);
    p += len;
  }
  return out;
}

function fragmentHeader(st: DissectState, p: number): Extension {
  const node = makeNode('ipv6.fraghdr', null, p, 8);
  const offsetField = bitField(st, 'ipv6.fraghdr.offset', p + 2, 2, 0xfff8);
  node.children = [
    nextHeaderField(st, 'ipv6.fraghdr.nxt', p),
    uintField(st, 'ipv6.fraghdr.reserved_octet', p + 1, 1, 2),
    offsetField,
    bitField(st, 'ipv6.fraghdr.more', p + 2, 2, 0x0001),
    uintField(st, 'ipv6.fraghdr.ident', p + 4, 4, 8),
  ];
  if (!fits(st, p, 8)) {
    node.truncated = true;
    return { node, length: 8, fragmentOffset: 0, more: false, ident: 0 };
  }
  const word = u16(st.frame, p + 2);
  const ident =
    ((st.frame[p + 4] << 24) | (st.frame[p + 5] << 16) | (st.frame[p + 6] << 8) | st.frame[p + 7]) >>> 0;
  return { node, length: 8, fragmentOffset: word & 0xfff8, more: (word & 1) === 1, ident };
}
