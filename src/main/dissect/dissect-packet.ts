/**
 * Full dissection of one frame: the field tree, the layer boundaries, the packet-list columns and
 * notes. Accepts any bytes: a decoder bug must never take down a capture, so an unexpected exception
 * becomes a note and the tree built so far is kept.
 */
import type { DissectedPacket, PacketSummary } from '../../shared/model/packet';
import { dataNode } from './fields';
import { dissectLink } from './link-dispatch';
import { addNote, newState } from './state';

export interface FrameMeta {
  frameNumber: number;
  timestampNs: bigint;
  originalLength: number;
  interfaceId?: number;
}

/** Seconds for display; a double keeps ~0.3 µs of precision today, `timestampNs` stays exact. */
export function timestampSeconds(ns: bigint): number {
  return Number(ns) / 1e9;
}

export function dissectPacket(
  frame: Uint8Array,
  linkType: number,
  frameNumber: number,
  timestampNs: bigint,
  originalLength: number,
  interfaceId = 0,
): DissectedPacket {
  const st = newState(frame);
  try {
    dissectLink(st, linkType);
  } catch (error) {
    addNote(st, 'netlab.note.decoderError', `Decoder error (shown as raw bytes from here): ${String(error)}`);
    if (st.tree.length === 0) st.tree.push(dataNode(st, 0, frame.length));
  }
  const cols = st.columns;
  const summary: PacketSummary = {
    number: frameNumber,
    time: timestampSeconds(timestampNs),
    timestampNs: timestampNs.toString(),
    length: originalLength,
    capturedLength: frame.length,
    interfaceId,
    source: cols.source,
    destination: cols.destination,
    protocol: cols.protocol || 'Data',
    info: cols.info,
    layers: st.layers,
  };
  if (frame.length < originalLength) {
    addNote(
      st,
      'netlab.note.snapped',
      `Only ${frame.length} of ${originalLength} bytes were captured (snap length).`,
    );
  }
  return { summary, fields: st.tree, notes: st.notes };
}
