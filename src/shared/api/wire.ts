/**
 * The browser-mode WebSocket wire format, shared by the server (src/main/server) and the renderer's
 * client. A message without binary data is one JSON text frame. A message holding Uint8Array values
 * anywhere (packet bytes, bodies) is ONE binary frame, so bytes are never inflated by base64:
 *
 *   [u32 BE JSON length][JSON, each Uint8Array replaced by {"$bin": index}]([u32 BE length][bytes])*
 *
 * In a binary frame a data object that itself owns a "$bin" or "$esc" key is wrapped as
 * {"$esc": object}, so user data can never be mistaken for a placeholder.
 */
import { isApiErrorShape, type ApiErrorShape } from './define';

export interface WireRequest {
  t: 'req';
  id: number;
  method: string;
  input: unknown;
}
export interface WireResponseOk {
  t: 'res';
  id: number;
  ok: true;
  result: unknown;
}
export interface WireResponseError {
  t: 'res';
  id: number;
  ok: false;
  error: ApiErrorShape;
}
export interface WireEventBatch {
  t: 'evt';
  topic: string;
  items: unknown[];
}
export interface WireSubscription {
  t: 'sub' | 'unsub';
  topic: string;
}
/** The server dropped `dropped` batches of `topic` because this client read too slowly. */
export interface WireLagged {
  t: 'lagged';
  topic: string;
  dropped: number;
}
/** A problem not tied to one request: a malformed frame, an unknown topic. */
export interface WireProtocolError {
  t: 'err';
  error: ApiErrorShape;
}

export type WireResponse = WireResponseOk | WireResponseError;
export type WireMessage =
  WireRequest | WireResponse | WireEventBatch | WireSubscription | WireLagged | WireProtocolError;

export class WireFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireFormatError';
  }
}

/** Deeper nesting than this is refused: a hostile frame must not exhaust the stack. */
const MAX_DEPTH = 256;
const BIN = '$bin';
const ESC = '$esc';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Encodes a message: a string for a text frame, or bytes for a binary frame. */
export function encodeWireMessage(message: WireMessage): string | Uint8Array {
  if (!containsBytes(message, 0)) return JSON.stringify(message);
  const attachments: Uint8Array[] = [];
  const json = new TextEncoder().encode(JSON.stringify(toPlaceholders(message, attachments, 0)));
  let total = 4 + json.byteLength;
  for (const a of attachments) total += 4 + a.byteLength;
  const frame = new Uint8Array(total);
  const view = new DataView(frame.buffer);
  view.setUint32(0, json.byteLength);
  frame.set(json, 4);
  let offset = 4 + json.byteLength;
  for (const a of attachments) {
    view.setUint32(offset, a.byteLength);
    frame.set(a, offset + 4);
    offset += 4 + a.byteLength;
  }
  return frame;
}

/**
 * Decodes one frame (text or binary) into a checked message. Throws WireFormatError, never anything
 * else, for frames that are damaged or not a message. Decoded byte values are views into the frame.
 */
export function decodeWireFrame(frame: string | Uint8Array | ArrayBuffer): WireMessage {
  try {
    if (typeof frame === 'string') return toWireMessage(JSON.parse(frame));
    const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
    return toWireMessage(decodeBinary(bytes));
  } catch (error) {
    if (error instanceof WireFormatError) throw error;
    throw new WireFormatError(`Malformed frame: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function decodeBinary(bytes: Uint8Array): unknown {
  if (bytes.byteLength < 4) throw new WireFormatError('Binary frame shorter than its 4-byte header.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(0);
  if (jsonLength > bytes.byteLength - 4) throw new WireFormatError('Binary frame JSON length past the end.');
  const json = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(4, 4 + jsonLength));
  const attachments: Uint8Array[] = [];
  let offset = 4 + jsonLength;
  while (offset < bytes.byteLength) {
    if (bytes.byteLength - offset < 4) throw new WireFormatError('Binary frame attachment header cut short.');
    const length = view.getUint32(offset);
    if (length > bytes.byteLength - offset - 4) {
      throw new WireFormatError('Binary frame attachment length past the end.');
    }
    attachments.push(bytes.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  return fromPlaceholders(JSON.parse(json) as Json, attachments, 0);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

function containsBytes(value: unknown, depth: number): boolean {
  if (value instanceof Uint8Array) return true;
  if (typeof value !== 'object' || value === null) return false;
  if (depth > MAX_DEPTH) throw new WireFormatError('Message nested too deeply to encode.');
  if (Array.isArray(value)) return value.some((v) => containsBytes(v, depth + 1));
  for (const key in value) {
    if (Object.prototype.hasOwnProperty.call(value, key)) {
      if (containsBytes((value as Record<string, unknown>)[key], depth + 1)) return true;
    }
  }
  return false;
}

/** Replaces bytes with placeholders, mirroring JSON.stringify's rules (toJSON, dropped undefined). */
function toPlaceholders(value: unknown, attachments: Uint8Array[], depth: number): Json | undefined {
  if (value instanceof Uint8Array) {
    attachments.push(value);
    return { [BIN]: attachments.length - 1 };
  }
  if (depth > MAX_DEPTH) throw new WireFormatError('Message nested too deeply to encode.');
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'function' || typeof value === 'symbol' ? undefined : (value as Json);
  }
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return toPlaceholders(withToJson.toJSON(), attachments, depth);
  if (Array.isArray(value)) return value.map((v) => toPlaceholders(v, attachments, depth + 1) ?? null);
  const out: { [key: string]: Json } = {};
  let needsEscape = false;
  for (const key of Object.keys(value)) {
    const encoded = toPlaceholders((value as Record<string, unknown>)[key], attachments, depth + 1);
    if (encoded === undefined) continue;
    if (key === BIN || key === ESC) needsEscape = true;
    defineEntry(out, key, encoded);
  }
  return needsEscape ? { [ESC]: out } : out;
}

/** Revives placeholders in place in a freshly parsed tree and unwraps escaped objects. */
function fromPlaceholders(node: Json, attachments: Uint8Array[], depth: number): unknown {
  if (typeof node !== 'object' || node === null) return node;
  if (depth > MAX_DEPTH) throw new WireFormatError('Message nested too deeply.');
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = fromPlaceholders(node[i], attachments, depth + 1) as Json;
    return node;
  }
  const keys = Object.keys(node);
  if (keys.length === 1 && keys[0] === BIN) {
    const index = node[BIN];
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= attachments.length) {
      throw new WireFormatError(`Binary placeholder ${JSON.stringify(index)} has no attachment.`);
    }
    return attachments[index];
  }
  if (keys.length === 1 && keys[0] === ESC) {
    if (!isPlainObject(node[ESC])) throw new WireFormatError('Escaped value is not an object.');
    const target = node[ESC] as { [key: string]: Json };
    for (const key of Object.keys(target)) {
      defineEntry(target, key, fromPlaceholders(target[key], attachments, depth + 1) as Json);
    }
    return target;
  }
  for (const key of keys) defineEntry(node, key, fromPlaceholders(node[key], attachments, depth + 1) as Json);
  return node;
}

/** Sets an own property even for "__proto__", which plain assignment would treat as the prototype. */
function defineEntry(target: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isMessageId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Checks that a parsed value is one of the wire messages; throws WireFormatError otherwise. */
export function toWireMessage(value: unknown): WireMessage {
  if (!isPlainObject(value)) throw new WireFormatError('A message must be a JSON object.');
  const v = value;
  switch (v.t) {
    case 'req':
      if (!isMessageId(v.id)) throw new WireFormatError('Request id must be a non-negative integer.');
      if (typeof v.method !== 'string') throw new WireFormatError('Request method must be a string.');
      return { t: 'req', id: v.id, method: v.method, input: v.input };
    case 'res':
      if (!isMessageId(v.id)) throw new WireFormatError('Response id must be a non-negative integer.');
      if (v.ok === true) return { t: 'res', id: v.id, ok: true, result: v.result };
      if (v.ok === false && isApiErrorShape(v.error))
        return { t: 'res', id: v.id, ok: false, error: v.error };
      throw new WireFormatError('Response needs ok: true with a result or ok: false with an error.');
    case 'evt':
      if (typeof v.topic !== 'string' || !Array.isArray(v.items)) {
        throw new WireFormatError('Event batch needs a topic string and an items array.');
      }
      return { t: 'evt', topic: v.topic, items: v.items };
    case 'sub':
    case 'unsub':
      if (typeof v.topic !== 'string') throw new WireFormatError('Subscription needs a topic string.');
      return { t: v.t, topic: v.topic };
    case 'lagged':
      if (typeof v.topic !== 'string' || !isMessageId(v.dropped)) {
        throw new WireFormatError('Lagged notice needs a topic and a dropped count.');
      }
      return { t: 'lagged', topic: v.topic, dropped: v.dropped };
    case 'err':
      if (!isApiErrorShape(v.error)) throw new WireFormatError('Protocol error needs an error shape.');
      return { t: 'err', error: v.error };
    default:
      throw new WireFormatError(`Unknown message type ${JSON.stringify(v.t)?.slice(0, 40)}.`);
  }
}
