/** The header fields of one protocol in the stack: name, value and meaning; click or arrows select. */
import { useEffect, useRef } from 'react';
import type { FieldNode } from '../../../shared/model/packet';
import { fieldValueText, useFieldTexts } from './field-text';
import type { FieldSelection } from './use-field-selection';

export function LayerFields({
  parent,
  parentPath,
  selection,
}: {
  parent: FieldNode;
  parentPath: string;
  selection: FieldSelection;
}) {
  const texts = useFieldTexts();
  const rows = selection.visible.filter((f) => f.path.startsWith(`${parentPath}.`));
  return (
    <ul className="layer-fields" role="listbox" aria-label={texts.name(parent)}>
      {rows.map((f) => (
        <FieldRow
          key={f.path}
          node={f.node}
          path={f.path}
          depth={f.depth - 1}
          selected={selection.selected === f.path}
          explain={texts.explain(f.node.id)}
          name={texts.name(f.node)}
          selection={selection}
        />
      ))}
    </ul>
  );
}

function FieldRow({
  node,
  path,
  depth,
  selected,
  explain,
  name,
  selection,
}: {
  node: FieldNode;
  path: string;
  depth: number;
  selected: boolean;
  explain: string | null;
  name: string;
  selection: FieldSelection;
}) {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <li
      ref={ref}
      role="option"
      aria-selected={selected}
      className={`layer-field${selected ? ' selected' : ''}`}
      style={{ paddingLeft: 8 + depth * 14 }}
      data-testid="layer-field"
      data-field={node.id}
      onClick={() => selection.select(path)}
      onMouseEnter={() => selection.setHovered(path)}
      onMouseLeave={() => selection.setHovered(null)}
    >
      <span className="layer-field-line">
        <span className="field-name">{name}</span>
        <span className="field-value">{fieldValueText(node)}</span>
        <span className="field-bytes">{node.length > 0 ? `${node.length} B` : ''}</span>
      </span>
      {explain && <span className={`field-explain${selected ? ' open' : ''}`}>{explain}</span>}
    </li>
  );
}
