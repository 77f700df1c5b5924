/**
 * The filter reads packets through this small interface, so it runs on full field trees, on
 * analysis results, or on anything a test builds by hand. `packetFieldSource` adapts a
 * DissectedPacket: it indexes the tree once (id → nodes) and converts values on first use.
 */
import type { DissectedPacket, FieldNode, FieldValue } from '../model/packet';
import type { FilterScalar } from './compare';
import { BUILTIN_FIELD_KINDS, FIELD_ALIASES } from './fields';

export interface FilterFieldSource {
  /** Every occurrence of the field that has a value, in packet order; empty when absent. */
  values(fieldId: string): readonly FilterScalar[];
  /** Whether the protocol or field occurs at all (protocol nodes without a value count). */
  has(fieldId: string): boolean;
}

/** Per-packet values computed outside the decoders, e.g. `tcp.analysis.retransmission`, `tcp.stream`. */
export type ExtraFieldValues =
  | ReadonlyMap<string, FieldValue | readonly FieldValue[]>
  | Readonly<Record<string, FieldValue | readonly FieldValue[]>>;

export interface PacketSourceOptions {
  /** The frame's captured bytes: enables `tcp contains "HTTP"`, `frame contains ...` and payload fields. */
  frame?: Uint8Array;
  /** Analysis values keyed by field id (a null value marks a present flag such as a retransmission). */
  extra?: ExtraFieldValues;
}

const EMPTY: readonly FilterScalar[] = [];

export function packetFieldSource(
  packet: DissectedPacket,
  options: PacketSourceOptions = {},
): FilterFieldSource {
  return new PacketFieldIndex(packet, options);
}

class PacketFieldIndex implements FilterFieldSource {
  private nodes: Map<string, FieldNode[]> | undefined;
  private readonly cache = new Map<string, readonly FilterScalar[]>();
  private readonly protocolEnd = new Map<FieldNode, number>();
  private readonly extra: Map<string, readonly FieldValue[]>;

  constructor(
    private readonly packet: DissectedPacket,
    private readonly options: PacketSourceOptions,
  ) {
    this.extra = new Map();
    const extra = options.extra;
    if (extra) {
      const entries = extra instanceof Map ? [...extra.entries()] : Object.entries(extra);
      for (const [id, value] of entries) {
        this.extra.set(id, Array.isArray(value) ? (value as readonly FieldValue[]) : [value as FieldValue]);
      }
    }
    const stream = packet.summary.tcpStream;
    if (stream !== undefined && !this.extra.has('tcp.stream')) this.extra.set('tcp.stream', [stream]);
  }

  /** Built on first use: a filter that only asks `frame.len` never walks the tree. */
  private index(): Map<string, FieldNode[]> {
    if (this.nodes) return this.nodes;
    const nodes = new Map<string, FieldNode[]>();
    // Where the innermost IP packet seen so far ends: protocols above it stop there, not at the
    // Ethernet padding (which may hold stale bytes such as "HTTP").
    let ipEnd = Infinity;
    const walk = (list: readonly FieldNode[]): void => {
      for (const node of list) {
        const existing = nodes.get(node.id);
        if (existing) existing.push(node);
        else nodes.set(node.id, [node]);
        if (node.id === 'ip' || node.id === 'ipv6') ipEnd = ipPacketEnd(node) ?? ipEnd;
        if (!node.id.includes('.')) this.protocolEnd.set(node, ipEnd);
        if (node.children) walk(node.children);
      }
    };
    walk(this.packet.fields);
    this.nodes = nodes;
    return nodes;
  }

  has(fieldId: string): boolean {
    if (fieldId === 'frame' || this.framePseudo(fieldId) !== undefined) return true;
    if (this.index().has(fieldId) || this.extra.has(fieldId)) return true;
    const parts = FIELD_ALIASES[fieldId];
    return parts !== undefined && parts.some((part) => this.index().has(part));
  }

  values(fieldId: string): readonly FilterScalar[] {
    let values = this.cache.get(fieldId);
    if (!values) {
      values = this.compute(fieldId);
      this.cache.set(fieldId, values);
    }
    return values;
  }

  private framePseudo(fieldId: string): number | undefined {
    const summary = this.packet.summary;
    if (fieldId === 'frame.number') return summary.number;
    if (fieldId === 'frame.len') return summary.length;
    if (fieldId === 'frame.cap_len') return summary.capturedLength;
    if (fieldId === 'frame.time_epoch') return summary.time;
    if (fieldId === 'frame.interface_id') return summary.interfaceId;
    return undefined;
  }

  private compute(fieldId: string): readonly FilterScalar[] {
    const pseudo = this.framePseudo(fieldId);
    if (pseudo !== undefined) return [pseudo];
    if (fieldId === 'frame') return this.options.frame ? [this.options.frame] : EMPTY;
    const out: FilterScalar[] = [];
    const extra = this.extra.get(fieldId);
    const own = this.index().get(fieldId);
    // Analysis values replace what the tree says: they come from the whole conversation.
    if (extra) {
      for (const value of extra) if (value !== null) out.push(value);
    } else if (own) {
      for (const node of own) this.pushNodeValue(out, node);
    } else {
      const parts = FIELD_ALIASES[fieldId];
      if (parts) for (const part of parts) out.push(...this.values(part));
    }
    return out.length ? out : EMPTY;
  }

  private pushNodeValue(out: FilterScalar[], node: FieldNode): void {
    const frame = this.options.frame;
    const isProtocol = !node.id.includes('.');
    // Long byte fields are shown shortened ('aa:bb:…'); the frame holds all of their bytes.
    const shortened = typeof node.value === 'string' && node.value.endsWith('…');
    const wantsBytes =
      BUILTIN_FIELD_KINDS[node.id] === 'bytes' || (isProtocol && node.value === null) || shortened;
    if (frame && wantsBytes && node.offset >= 0 && node.offset <= frame.length) {
      // As in Wireshark, a protocol's bytes run from its header to the end of its packet.
      const end = isProtocol ? (this.protocolEnd.get(node) ?? Infinity) : node.offset + node.length;
      out.push(frame.subarray(node.offset, Math.min(end, frame.length)));
      return;
    }
    if (node.value !== null) out.push(node.value);
  }
}

/** End offset of an IP packet from its length field (ip.len, or 40 + ipv6.plen), if decoded. */
function ipPacketEnd(node: FieldNode): number | undefined {
  const lengthId = node.id === 'ip' ? 'ip.len' : 'ipv6.plen';
  const field = node.children?.find((child) => child.id === lengthId);
  if (typeof field?.value !== 'number') return undefined;
  return node.offset + field.value + (node.id === 'ipv6' ? 40 : 0);
}

/** A source over plain values, for tests and for callers that have no field tree. */
export function mapFieldSource(
  values: Readonly<Record<string, FilterScalar | readonly FilterScalar[]>>,
): FilterFieldSource {
  const lookup = (id: string): readonly FilterScalar[] | undefined => {
    const value = values[id];
    if (value === undefined) return undefined;
    return Array.isArray(value) ? (value as readonly FilterScalar[]) : [value as FilterScalar];
  };
  return {
    has: (id) =>
      lookup(id) !== undefined || (FIELD_ALIASES[id] ?? []).some((part) => lookup(part) !== undefined),
    values: (id) => lookup(id) ?? (FIELD_ALIASES[id] ?? []).flatMap((part) => lookup(part) ?? []),
  };
}
