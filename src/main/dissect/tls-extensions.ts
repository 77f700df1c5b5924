/** Hello extensions: server_name (SNI), ALPN and supported_versions are decoded; others listed. */
import type { FieldNode } from '../../shared/model/packet';
import { latin1, u16 } from './bytes';
import { makeNode, uintField, valueField, withDisplay } from './fields';
import { extensionName } from './tls-names';
import { tlsVersionName } from './tls';
import { fits, type DissectState } from './state';

const SERVER_NAME = 0;
const ALPN = 16;
const SUPPORTED_VERSIONS = 43;

/** Returns the version a ServerHello selected via supported_versions, or 0. */
export function dissectExtensions(
  st: DissectState,
  client: boolean,
  start: number,
  end: number,
  into: FieldNode[],
): number {
  const b = st.frame;
  let selected = 0;
  let p = start;
  let guard = 0;
  while (p + 4 <= end && guard++ < 128) {
    if (!fits(st, p, 4)) {
      into.push({ ...makeNode('netlab.tls.extension', null, p, end - p), truncated: true });
      break;
    }
    const type = u16(b, p);
    const len = u16(b, p + 2);
    const ext = makeNode('netlab.tls.extension', `${extensionName(type)} (len=${len})`, p, 4 + len);
    const typeField = uintField(st, 'tls.handshake.extension.type', p, 2);
    withDisplay(typeField, `${extensionName(type)} (${type})`);
    ext.children = [typeField, uintField(st, 'tls.handshake.extension.len', p + 2, 2)];
    const body = p + 4;
    const bodyEnd = Math.min(body + len, end);
    if (!fits(st, body, len)) ext.truncated = true;
    else if (type === SERVER_NAME && len > 0) serverName(st, body, bodyEnd, ext.children);
    else if (type === ALPN && len > 0) alpn(st, body, bodyEnd, ext.children);
    else if (type === SUPPORTED_VERSIONS) {
      if (client) {
        ext.children.push(uintField(st, 'tls.handshake.extensions.supported_versions_len', body, 1));
        for (let q = body + 1; q + 2 <= bodyEnd; q += 2) ext.children.push(versionField(st, q));
      } else if (len === 2) {
        ext.children.push(versionField(st, body));
        selected = u16(b, body);
      }
    }
    into.push(ext);
    p = body + len;
  }
  return selected;
}

function versionField(st: DissectState, p: number): FieldNode {
  const n = uintField(st, 'tls.handshake.extensions.supported_version', p, 2, 4);
  if (typeof n.value === 'number')
    withDisplay(n, `${tlsVersionName(n.value)} (0x${n.value.toString(16).padStart(4, '0')})`);
  return n;
}

function serverName(st: DissectState, p: number, end: number, into: FieldNode[]): void {
  into.push(uintField(st, 'tls.handshake.extensions_server_name_list_len', p, 2));
  let q = p + 2;
  while (q + 3 <= end && into.length < 64) {
    const len = u16(st.frame, q + 1);
    into.push(
      uintField(st, 'tls.handshake.extensions_server_name_type', q, 1),
      uintField(st, 'tls.handshake.extensions_server_name_len', q + 1, 2),
    );
    const nameEnd = Math.min(q + 3 + len, end);
    into.push(
      valueField(st, 'tls.handshake.extensions_server_name', q + 3, len, latin1(st.frame, q + 3, nameEnd)),
    );
    q += 3 + len;
  }
}

function alpn(st: DissectState, p: number, end: number, into: FieldNode[]): void {
  into.push(uintField(st, 'tls.handshake.extensions_alpn_len', p, 2));
  const list = makeNode('tls.handshake.extensions_alpn_list', null, p + 2, end - p - 2);
  list.children = [];
  let q = p + 2;
  while (q < end && list.children.length < 128) {
    const len = st.frame[q];
    list.children.push(uintField(st, 'tls.handshake.extensions_alpn_str_len', q, 1));
    list.children.push(
      valueField(
        st,
        'tls.handshake.extensions_alpn_str',
        q + 1,
        len,
        latin1(st.frame, q + 1, Math.min(q + 1 + len, end)),
      ),
    );
    q += 1 + len;
  }
  into.push(list);
}
