/**
 * Walking a packet's field tree: flatten it with stable paths, find the deepest field covering a
 * byte (clicking the hex dump), and find the layer a byte belongs to (colouring the dump).
 */
import type { FieldNode, LayerBoundary, LayerName } from '../../../shared/model/packet';

/** A field with its position in the tree: `path` is the child indexes from the root, e.g. '2.5.1'. */
export interface FlatField {
  node: FieldNode;
  path: string;
  depth: number;
  parentPath: string | null;
}

export function flattenFields(fields: FieldNode[]): FlatField[] {
  const out: FlatField[] = [];
  const walk = (nodes: FieldNode[], prefix: string, depth: number, parentPath: string | null) => {
    nodes.forEach((node, i) => {
      const path = prefix ? `${prefix}.${i}` : String(i);
      out.push({ node, path, depth, parentPath });
      if (node.children) walk(node.children, path, depth + 1, path);
    });
  };
  walk(fields, '', 0, null);
  return out;
}

export function fieldAtPath(fields: FieldNode[], path: string): FieldNode | undefined {
  let nodes: FieldNode[] | undefined = fields;
  let found: FieldNode | undefined;
  for (const part of path.split('.')) {
    found = nodes?.[Number(part)];
    if (!found) return undefined;
    nodes = found.children;
  }
  return found;
}

function covers(node: FieldNode, byte: number): boolean {
  return node.length > 0 && byte >= node.offset && byte < node.offset + node.length;
}

/**
 * The path of the deepest field whose bytes include `byte`. Among siblings covering the byte the
 * narrowest wins. The named bits of a bit field (tcp.flags.syn inside tcp.flags) share all its
 * bytes, so a byte cannot tell them apart: the search stops at the bit field itself.
 * Zero-length fields (computed values such as tcp.len) never match.
 */
export function deepestFieldAt(fields: FieldNode[], byte: number): string | null {
  let best: string | null = null;
  let parent: FieldNode | null = null;
  let nodes: FieldNode[] | undefined = fields;
  while (nodes) {
    let chosen = -1;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      if (!covers(node, byte) || (parent && isBitOf(node, parent))) continue;
      if (chosen < 0 || node.length < nodes[chosen].length) chosen = i;
    }
    if (chosen < 0) break;
    best = best === null ? String(chosen) : `${best}.${chosen}`;
    parent = nodes[chosen];
    nodes = parent.children;
  }
  return best;
}

function isBitOf(child: FieldNode, parent: FieldNode): boolean {
  return child.bitmask !== undefined && child.offset === parent.offset && child.length === parent.length;
}

/** The first field with this id, depth first (e.g. 'tcp.flags'). */
export function findFieldById(fields: FieldNode[], id: string): string | null {
  return flattenFields(fields).find((f) => f.node.id === id)?.path ?? null;
}

/** The TCP/IP layer that byte `byte` belongs to, or null (e.g. Ethernet padding after the IP packet). */
export function layerOfByte(layers: LayerBoundary[], byte: number): LayerName | null {
  for (const l of layers) if (byte >= l.offset && byte < l.offset + l.length) return l.layer;
  return null;
}

/** Layer of a top-level protocol node: by protocol name first, else by where its bytes start. */
export function layerOfProtocolNode(layers: LayerBoundary[], node: FieldNode): LayerName | null {
  return layers.find((l) => l.protocol === node.id)?.layer ?? layerOfByte(layers, node.offset);
}
