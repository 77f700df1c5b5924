/**
 * HTTP/1.x start line and headers (RFC 9112). One TCP segment at a time: NetLab does not reassemble
 * a message spread over segments, so a segment without a start line is shown as a continuation.
 */
import type { FieldNode } from '../../shared/model/packet';
import { latin1 } from './bytes';
import { makeNode, protoNode, valueField } from './fields';
import { addLayer, addNote, type DissectState } from './state';

const METHODS = ['GET ', 'POST ', 'HEAD ', 'PUT ', 'DELETE ', 'OPTIONS ', 'PATCH ', 'CONNECT ', 'TRACE '];
const METHOD_BYTES = METHODS.map((m) => Array.from(m, (ch) => ch.charCodeAt(0)));
const HTTP_SLASH = Array.from('HTTP/1.', (ch) => ch.charCodeAt(0));

function startsWith(b: Uint8Array, offset: number, end: number, bytes: number[]): boolean {
  if (end - offset < bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (b[offset + i] !== bytes[i]) return false;
  return true;
}

/** True when the payload begins with a request method or an HTTP/1.x status line. */
export function looksLikeHttp(b: Uint8Array, offset: number, end: number): boolean {
  if (startsWith(b, offset, end, HTTP_SLASH)) return true;
  for (const m of METHOD_BYTES) if (startsWith(b, offset, end, m)) return true;
  return false;
}

/** Header names Wireshark gives their own field id (lower-case name → id). */
const HEADER_IDS: Record<string, string> = {
  host: 'http.host',
  'user-agent': 'http.user_agent',
  accept: 'http.accept',
  'accept-encoding': 'http.accept_encoding',
  'accept-language': 'http.accept_language',
  'content-type': 'http.content_type',
  'content-length': 'http.content_length_header',
  'content-encoding': 'http.content_encoding',
  'transfer-encoding': 'http.transfer_encoding',
  connection: 'http.connection',
  server: 'http.server',
  location: 'http.location',
  cookie: 'http.cookie',
  'set-cookie': 'http.set_cookie',
  'cache-control': 'http.cache_control',
  'last-modified': 'http.last_modified',
  date: 'http.date',
  referer: 'http.referer',
  authorization: 'http.authorization',
  upgrade: 'http.upgrade',
};

const MAX_HEADERS = 200;

/** Finds the next CRLF at or after `from`; returns -1 when none before `end`. */
function findCrlf(b: Uint8Array, from: number, end: number): number {
  for (let i = from; i + 1 < end; i++) if (b[i] === 13 && b[i + 1] === 10) return i;
  return -1;
}

function indexOfByte(b: Uint8Array, byte: number, from: number, end: number): number {
  for (let i = from; i < end; i++) if (b[i] === byte) return i;
  return -1;
}

export function dissectHttp(st: DissectState, offset: number, endArg: number, continuation: boolean): void {
  // Callers pass the captured end, but a decoder must not trust that: clip once here.
  const end = Math.min(endArg, st.captured);
  const node = protoNode('http', offset, end - offset);
  st.tree.push(node);
  addLayer(st, 'application', 'http', offset, end - offset);
  st.columns.protocol = 'HTTP';
  const c = node.children!;
  if (continuation) {
    c.push(makeNode('netlab.http.continuation', true, offset, end - offset));
    st.columns.info = 'Continuation';
    return;
  }
  const b = st.frame;
  const lineEnd = findCrlf(b, offset, end);
  const firstEnd = lineEnd < 0 ? end : lineEnd;
  const isResponse = startsWith(b, offset, end, HTTP_SLASH);
  const startLine = latin1(b, offset, firstEnd);
  c.push(startLineNode(st, offset, firstEnd, lineEnd < 0 ? firstEnd : lineEnd + 2, isResponse));
  st.columns.info = startLine;
  if (lineEnd < 0) {
    node.truncated = true;
    addNote(
      st,
      'netlab.note.httpSplit',
      'The HTTP start line continues in the next TCP segment; NetLab does not reassemble TCP.',
    );
    return;
  }
  let p = lineEnd + 2;
  const lineId = isResponse ? 'http.response.line' : 'http.request.line';
  for (let count = 0; count < MAX_HEADERS; count++) {
    const e = findCrlf(b, p, end);
    if (e < 0) {
      addNote(
        st,
        'netlab.note.httpSplit',
        'The HTTP headers continue in the next TCP segment; NetLab does not reassemble TCP.',
      );
      node.truncated = true;
      return;
    }
    if (e === p) {
      c.push(makeNode('netlab.http.end_of_headers', true, p, 2));
      p += 2;
      break;
    }
    c.push(headerNode(st, lineId, p, e));
    p = e + 2;
  }
  if (p < end) c.push(makeNode('http.file_data', `${end - p} bytes`, p, end - p));
}

function startLineNode(
  st: DissectState,
  offset: number,
  textEnd: number,
  lineEnd: number,
  isResponse: boolean,
): FieldNode {
  const b = st.frame;
  const node = makeNode(
    isResponse ? 'netlab.http.status_line' : 'netlab.http.request_line',
    latin1(b, offset, textEnd),
    offset,
    lineEnd - offset,
  );
  const sp1 = indexOfByte(b, 32, offset, textEnd);
  const sp2 = sp1 < 0 ? -1 : indexOfByte(b, 32, sp1 + 1, textEnd);
  const parts: [string, number, number][] = [];
  if (sp1 >= 0) {
    const secondEnd = sp2 < 0 ? textEnd : sp2;
    const thirdStart = sp2 < 0 ? textEnd : sp2 + 1;
    if (isResponse)
      parts.push(
        ['http.response.version', offset, sp1],
        ['http.response.code', sp1 + 1, secondEnd],
        ['http.response.phrase', thirdStart, textEnd],
      );
    else
      parts.push(
        ['http.request.method', offset, sp1],
        ['http.request.uri', sp1 + 1, secondEnd],
        ['http.request.version', thirdStart, textEnd],
      );
  }
  node.children = parts.map(([id, s, e]) => {
    const text = latin1(b, s, e);
    const n = valueField(st, id, s, e - s, id === 'http.response.code' ? Number.parseInt(text, 10) : text);
    if (typeof n.value === 'number' && Number.isNaN(n.value)) n.value = null;
    return n;
  });
  node.children.push(makeNode(isResponse ? 'http.response' : 'http.request', true, offset, 0));
  return node;
}

function headerNode(st: DissectState, lineId: string, start: number, crlf: number): FieldNode {
  const b = st.frame;
  const line = makeNode(lineId, latin1(b, start, crlf + 2), start, crlf + 2 - start);
  const colon = indexOfByte(b, 58, start, crlf);
  if (colon < 0) {
    line.warning = 'Header line without a colon';
    return line;
  }
  const headerName = latin1(b, start, colon).toLowerCase();
  let vs = colon + 1;
  while (vs < crlf && (b[vs] === 32 || b[vs] === 9)) vs++;
  const value = latin1(b, vs, crlf);
  const id = HEADER_IDS[headerName];
  if (id) {
    // Wireshark places the header field over the whole line, CRLF included.
    line.children = [makeNode(id, value, start, crlf + 2 - start)];
    if (id === 'http.content_length_header') {
      const n = Number.parseInt(value, 10);
      if (!Number.isNaN(n)) line.children.push(makeNode('http.content_length', n, vs, crlf - vs));
    }
  }
  return line;
}
