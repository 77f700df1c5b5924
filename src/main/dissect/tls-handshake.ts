/**
 * TLS handshake messages inside one record: ClientHello and ServerHello (version, cipher suites,
 * SNI, ALPN, supported_versions) and the TLS 1.2 Certificate message (subject and issuer of each
 * certificate). Messages after ChangeCipherSpec are encrypted and shown as such.
 */
import type { FieldNode } from '../../shared/model/packet';
import { u16, u24 } from './bytes';
import { readCertificateNames } from './der-name';
import { bytesField, makeNode, uintField, withDisplay } from './fields';
import { dissectExtensions } from './tls-extensions';
import { cipherSuiteName } from './tls-names';
import { fits, type DissectState } from './state';
import type { TlsSummary } from './tls';

const MESSAGE_NAMES: Record<number, string> = {
  0: 'Hello Request',
  1: 'Client Hello',
  2: 'Server Hello',
  4: 'New Session Ticket',
  8: 'Encrypted Extensions',
  11: 'Certificate',
  12: 'Server Key Exchange',
  13: 'Certificate Request',
  14: 'Server Hello Done',
  15: 'Certificate Verify',
  16: 'Client Key Exchange',
  20: 'Finished',
};

/** `end` is where the record ends (it may lie past the captured bytes). Returns Info-column parts. */
export function dissectHandshakeMessages(
  st: DissectState,
  start: number,
  end: number,
  into: FieldNode[],
  summary: TlsSummary,
): string[] {
  const b = st.frame;
  const infos: string[] = [];
  let p = start;
  let guard = 0;
  while (p < end && guard++ < 64) {
    const type = fits(st, p, 1) ? b[p] : -1;
    const length = fits(st, p + 1, 3) ? u24(b, p + 1) : -1;
    const known = MESSAGE_NAMES[type] !== undefined;
    // An encrypted Finished (TLS 1.2) looks like random bytes: unknown type or a length past the record.
    if (type >= 0 && length >= 0 && (!known || p + 4 + length > end)) {
      into.push(bytesField(st, 'netlab.tls.encrypted_handshake', p, end - p));
      infos.push('Encrypted Handshake Message');
      break;
    }
    const msg = makeNode('tls.handshake', MESSAGE_NAMES[type] ?? null, p, length >= 0 ? 4 + length : end - p);
    const typeField = uintField(st, 'tls.handshake.type', p, 1);
    if (known) withDisplay(typeField, `${MESSAGE_NAMES[type]} (${type})`);
    msg.children = [typeField, uintField(st, 'tls.handshake.length', p + 1, 3)];
    into.push(msg);
    if (type < 0 || length < 0) {
      msg.truncated = true;
      break;
    }
    infos.push(MESSAGE_NAMES[type]);
    const body = p + 4;
    const bodyEnd = body + length;
    if (type === 1 || type === 2) dissectHello(st, type === 1, body, bodyEnd, msg.children, summary);
    else if (type === 11) dissectCertificates(st, body, bodyEnd, msg.children);
    if (!fits(st, p, 4 + length)) msg.truncated = true;
    p = bodyEnd;
  }
  return infos;
}

function dissectHello(
  st: DissectState,
  client: boolean,
  p: number,
  end: number,
  into: FieldNode[],
  summary: TlsSummary,
): void {
  const b = st.frame;
  const version = uintField(st, 'tls.handshake.version', p, 2, 4);
  into.push(version, bytesField(st, 'tls.handshake.random', p + 2, 32));
  let q = p + 34;
  into.push(uintField(st, 'tls.handshake.session_id_length', q, 1));
  if (!fits(st, q, 1)) return;
  const sidLen = b[q];
  q += 1;
  if (sidLen > 0) into.push(bytesField(st, 'tls.handshake.session_id', q, sidLen));
  q += sidLen;
  if (client) {
    into.push(uintField(st, 'tls.handshake.cipher_suites_length', q, 2));
    if (!fits(st, q, 2)) return;
    const csLen = u16(b, q);
    q += 2;
    const suites = makeNode('tls.handshake.ciphersuites', null, q, csLen);
    suites.children = [];
    for (let i = 0; i + 1 < csLen && suites.children.length < 512; i += 2)
      suites.children.push(cipherSuiteField(st, q + i));
    into.push(suites);
    q += csLen;
    into.push(uintField(st, 'tls.handshake.comp_methods_length', q, 1));
    if (!fits(st, q, 1)) return;
    const compLen = b[q];
    q += 1;
    for (let i = 0; i < compLen && i < 256; i++)
      into.push(uintField(st, 'tls.handshake.comp_method', q + i, 1));
    q += compLen;
  } else {
    into.push(cipherSuiteField(st, q), uintField(st, 'tls.handshake.comp_method', q + 2, 1));
    q += 3;
  }
  if (q + 2 > end) return;
  into.push(uintField(st, 'tls.handshake.extensions_length', q, 2));
  if (!fits(st, q, 2)) return;
  const extEnd = Math.min(end, q + 2 + u16(b, q));
  const selected = dissectExtensions(st, client, q + 2, extEnd, into);
  if (!client) summary.version = selected || (typeof version.value === 'number' ? version.value : 0);
}

function cipherSuiteField(st: DissectState, p: number): FieldNode {
  const n = uintField(st, 'tls.handshake.ciphersuite', p, 2, 4);
  if (typeof n.value === 'number')
    withDisplay(n, `${cipherSuiteName(n.value)} (0x${n.value.toString(16).padStart(4, '0')})`);
  return n;
}

function dissectCertificates(st: DissectState, p: number, end: number, into: FieldNode[]): void {
  const b = st.frame;
  into.push(uintField(st, 'tls.handshake.certificates_length', p, 3));
  if (!fits(st, p, 3)) return;
  const listEnd = Math.min(end, p + 3 + u24(b, p));
  const list = makeNode('tls.handshake.certificates', null, p + 3, listEnd - p - 3);
  list.children = [];
  into.push(list);
  let q = p + 3;
  while (q + 3 <= listEnd && list.children.length < 64) {
    list.children.push(uintField(st, 'tls.handshake.certificate_length', q, 3));
    if (!fits(st, q, 3)) break;
    const len = u24(b, q);
    const cert = bytesField(st, 'tls.handshake.certificate', q + 3, len);
    if (cert.value !== null) cert.value = `${len} bytes`;
    list.children.push(cert);
    if (fits(st, q + 3, len)) {
      const names = readCertificateNames(b, q + 3, q + 3 + len);
      if (names) {
        cert.children = [
          makeNode(
            'netlab.tls.certificate.subject',
            names.subject.text,
            names.subject.offset,
            names.subject.length,
          ),
          makeNode(
            'netlab.tls.certificate.issuer',
            names.issuer.text,
            names.issuer.offset,
            names.issuer.length,
          ),
        ];
      }
    }
    q += 3 + len;
  }
}
