/**
 * The mutable context one full dissection threads through the decoders: the frame, the notes,
 * the layer boundaries found so far and the packet-list columns (source, destination, protocol, info)
 * that the highest decoded layer fills in, like Wireshark's columns.
 */
import type { FieldNode, LayerBoundary, LayerName } from '../../shared/model/packet';

export interface Note {
  key: string;
  text: string;
}

export interface Columns {
  source: string;
  destination: string;
  protocol: string;
  info: string;
}

/** What the transport layer needs from the network layer: the pseudo-header and the addresses. */
export interface NetworkContext {
  version: 4 | 6;
  /** Offset of the source address in the frame; destination follows it (IPv4: +4, IPv6: +16). */
  addrOffset: number;
  /** Transport bytes the IP header promises (IPv4 total length minus header, IPv6 payload minus extensions). */
  transportLength: number;
  /** Part of a fragmented datagram: the transport checksum cannot be verified from one frame. */
  fragmented: boolean;
}

export interface DissectState {
  readonly frame: Uint8Array;
  /** Captured length: the last byte a field may read is frame[captured - 1]. */
  readonly captured: number;
  notes: Note[];
  layers: LayerBoundary[];
  columns: Columns;
  net: NetworkContext | null;
  /** The top-level protocol nodes, in frame order. */
  tree: FieldNode[];
  /** A guard against pathological nesting (tunnels inside tunnels); decoders stop past it. */
  depth: number;
}

export function newState(frame: Uint8Array): DissectState {
  return {
    frame,
    captured: frame.length,
    notes: [],
    layers: [],
    columns: { source: '', destination: '', protocol: '', info: '' },
    net: null,
    tree: [],
    depth: 0,
  };
}

export function addLayer(
  st: DissectState,
  layer: LayerName,
  protocol: string,
  offset: number,
  length: number,
): void {
  st.layers.push({ layer, protocol, offset, length });
}

export function addNote(st: DissectState, key: string, text: string): void {
  st.notes.push({ key, text });
}

export function fits(st: DissectState, offset: number, length: number): boolean {
  return offset >= 0 && length >= 0 && offset + length <= st.captured;
}
