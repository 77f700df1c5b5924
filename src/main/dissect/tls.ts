/**
 * TLS records (RFC 8446 5.1, RFC 5246 6.2). Records are decoded one TCP segment at a time: a record
 * that starts here and ends in a later segment is marked incomplete, and a segment that starts in the
 * middle of a record is marked as a continuation. NetLab does not reassemble TCP (yet): say so.
 */
import type { FieldNode } from '../../shared/model/packet';
import { u16 } from './bytes';
import { bytesField, makeNode, protoNode, uintField, withDisplay } from './fields';
import { dissectHandshakeMessages } from './tls-handshake';
import { addLayer, addNote, fits, type DissectState } from './state';

export const CONTENT_TYPES: Record<number, string> = {
  20: 'Change Cipher Spec',
  21: 'Alert',
  22: 'Handshake',
  23: 'Application Data',
  24: 'Heartbeat',
};

const VERSIONS: Record<number, string> = {
  0x0300: 'SSLv3',
  0x0301: 'TLSv1',
  0x0302: 'TLSv1.1',
  0x0303: 'TLSv1.2',
  0x0304: 'TLSv1.3',
};

export function tlsVersionName(v: number): string {
  return VERSIONS[v] ?? `0x${v.toString(16).padStart(4, '0')}`;
}

/** A record header: content type 20..24, major version 3, minor 0..4. */
export function looksLikeTls(b: Uint8Array, offset: number, end: number): boolean {
  return end - offset >= 5 && b[offset] >= 20 && b[offset] <= 24 && b[offset + 1] === 3 && b[offset + 2] <= 4;
}

/** What the handshake decoder learned that changes the Protocol and Info columns. */
export interface TlsSummary {
  infos: string[];
  /** Negotiated version from a supported_versions extension (TLS 1.3 hides it there). */
  version: number;
}

const MAX_RECORDS = 64;

export function dissectTls(st: DissectState, offset: number, endArg: number, payloadLength: number): void {
  // Callers pass the captured end, but a decoder must not trust that: clip once here.
  const end = Math.min(endArg, st.captured);
  const node = protoNode('tls', offset, end - offset);
  st.tree.push(node);
  addLayer(st, 'application', 'tls', offset, end - offset);
  const b = st.frame;
  const summary: TlsSummary = { infos: [], version: 0 };
  let recordVersion = 0;
  let p = offset;
  if (!looksLikeTls(b, p, end)) {
    node.children!.push(makeNode('netlab.tls.continuation', true, offset, end - offset));
    addNote(
      st,
      'netlab.note.tlsContinuation',
      'This segment continues a TLS record from an earlier segment; NetLab does not reassemble TCP, so the bytes are shown undecoded.',
    );
    st.columns.protocol = 'TLS';
    st.columns.info = 'Continuation Data';
    return;
  }
  for (let i = 0; i < MAX_RECORDS && p < end; i++) {
    if (!looksLikeTls(b, p, end)) {
      node.children!.push(makeNode('netlab.tls.continuation', true, p, end - p));
      break;
    }
    const type = b[p];
    const length = u16(b, p + 3);
    recordVersion = recordVersion || u16(b, p + 1);
    const record = recordNode(st, p, length, summary);
    node.children!.push(record);
    if (p + 5 + length > end) {
      record.children!.push(makeNode('netlab.tls.record_incomplete', true, p, end - p));
      const missing = p + 5 + length - end;
      const lostToSnap = payloadLength > end - offset;
      addNote(
        st,
        'netlab.note.tlsRecordSplit',
        lostToSnap
          ? `This TLS record is cut off by the capture's snap length (${missing} bytes not captured).`
          : `This TLS record continues in the next TCP segment (${missing} more bytes); NetLab does not reassemble TCP.`,
      );
      if (!summary.infos.includes(CONTENT_TYPES[type])) summary.infos.push(CONTENT_TYPES[type] ?? 'Record');
      break;
    }
    p += 5 + length;
  }
  const version = summary.version || recordVersion;
  st.columns.protocol = tlsVersionName(version).startsWith('0x') ? 'TLS' : tlsVersionName(version);
  st.columns.info = summary.infos.join(', ');
}

function recordNode(st: DissectState, p: number, length: number, summary: TlsSummary): FieldNode {
  const b = st.frame;
  const type = b[p];
  const typeField = uintField(st, 'tls.record.content_type', p, 1);
  withDisplay(typeField, `${CONTENT_TYPES[type] ?? 'Unknown'} (${type})`);
  const versionField = uintField(st, 'tls.record.version', p + 1, 2, 4);
  if (typeof versionField.value === 'number')
    withDisplay(
      versionField,
      `${tlsVersionName(versionField.value)} (0x${versionField.value.toString(16).padStart(4, '0')})`,
    );
  const record = makeNode(
    'tls.record',
    `${tlsVersionName(u16(b, p + 1))} Record Layer: ${CONTENT_TYPES[type] ?? 'Unknown'}`,
    p,
    5 + length,
  );
  record.children = [typeField, versionField, uintField(st, 'tls.record.length', p + 3, 2)];
  const bodyEnd = Math.min(p + 5 + length, st.captured);
  const body = p + 5;
  if (type === 22) {
    const infos = dissectHandshakeMessages(st, body, p + 5 + length, record.children, summary);
    for (const info of infos) summary.infos.push(info);
  } else if (type === 23) {
    record.children.push(bytesField(st, 'tls.app_data', body, length));
    summary.infos.push('Application Data');
  } else if (type === 20) {
    record.children.push(uintField(st, 'tls.change_cipher_spec', body, Math.min(length, 1) || 1));
    summary.infos.push('Change Cipher Spec');
  } else if (type === 21) {
    // After ChangeCipherSpec an alert is encrypted: two bytes means a plaintext alert.
    if (length === 2 && fits(st, body, 2)) {
      const alert = makeNode('tls.alert_message', null, body, 2);
      alert.children = [
        uintField(st, 'tls.alert_message.level', body, 1),
        uintField(st, 'tls.alert_message.desc', body + 1, 1),
      ];
      record.children.push(alert);
      summary.infos.push(
        `Alert (Level: ${b[body] === 2 ? 'Fatal' : 'Warning'}, Description: ${b[body + 1]})`,
      );
    } else {
      record.children.push(bytesField(st, 'tls.alert_message', body, length));
      summary.infos.push('Encrypted Alert');
    }
  } else if (bodyEnd > body) {
    record.children.push(bytesField(st, 'netlab.tls.record_data', body, length));
  }
  return record;
}
