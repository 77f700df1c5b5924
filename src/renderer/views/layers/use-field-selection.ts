/**
 * What the Layers view has picked inside one packet: the selected field (by tree path), the field
 * under the pointer, and a byte range dragged in the hex dump. Keyboard moves through the visible
 * fields in order; left goes to the parent, right to the first child.
 */
import { useCallback, useMemo, useState } from 'react';
import type { FieldNode } from '../../../shared/model/packet';
import { fieldAtPath, flattenFields, type FlatField } from './field-lookup';

export interface ByteRange {
  start: number;
  end: number;
}

/** Fields shown in the stack: every protocol's direct fields, deeper ones under the selection. */
export function visibleFields(fields: FieldNode[], selectedPath: string | null): FlatField[] {
  const open = new Set<string>();
  if (selectedPath) {
    const parts = selectedPath.split('.');
    for (let i = 1; i <= parts.length; i++) open.add(parts.slice(0, i).join('.'));
  }
  return flattenFields(fields).filter(
    (f) => f.depth === 0 || f.depth === 1 || (f.parentPath !== null && open.has(f.parentPath)),
  );
}

export function useFieldSelection(fields: FieldNode[]) {
  const [selected, setSelected] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const [range, setRange] = useState<ByteRange | null>(null);
  const visible = useMemo(() => visibleFields(fields, selected), [fields, selected]);

  const select = useCallback((path: string | null) => {
    setSelected(path);
    setRange(null);
  }, []);

  const move = useCallback(
    (key: string): boolean => {
      const index = visible.findIndex((f) => f.path === selected);
      const current = visible[index];
      let next: string | null | undefined;
      if (key === 'ArrowDown') next = visible[Math.min(visible.length - 1, index + 1)]?.path;
      else if (key === 'ArrowUp') next = visible[Math.max(0, index - 1)]?.path;
      else if (key === 'Home') next = visible[0]?.path;
      else if (key === 'End') next = visible[visible.length - 1]?.path;
      else if (key === 'ArrowLeft') next = current?.parentPath ?? current?.path;
      else if (key === 'ArrowRight')
        next = current && current.node.children?.length ? `${current.path}.0` : current?.path;
      else return false;
      if (next !== undefined) select(next);
      return true;
    },
    [visible, selected, select],
  );

  const selectedNode = selected ? (fieldAtPath(fields, selected) ?? null) : null;
  const hoveredNode = hovered ? (fieldAtPath(fields, hovered) ?? null) : null;
  return { selected, selectedNode, hovered, hoveredNode, range, visible, select, setHovered, setRange, move };
}

export type FieldSelection = ReturnType<typeof useFieldSelection>;
