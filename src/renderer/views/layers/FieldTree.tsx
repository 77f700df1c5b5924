/**
 * A packet's field tree, Wireshark style: protocols expandable, each field with its translated
 * name and value. Used compact in the Packets view; the Layers view has its own layered layout.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldNode } from '../../../shared/model/packet';
import { fieldValueText, useFieldTexts, type FieldTextLookup } from './field-text';

export function FieldTree({ fields }: { fields: FieldNode[] }) {
  const { t } = useTranslation('layers');
  const texts = useFieldTexts();
  return (
    <ul className="field-tree" role="tree" aria-label={t('tree.label')} data-testid="field-tree">
      {fields.map((node, i) => (
        <FieldTreeNode key={i} node={node} texts={texts} depth={0} />
      ))}
    </ul>
  );
}

function FieldTreeNode({ node, texts, depth }: { node: FieldNode; texts: FieldTextLookup; depth: number }) {
  const [open, setOpen] = useState(depth === 0);
  const hasChildren = (node.children?.length ?? 0) > 0;
  const value = fieldValueText(node);
  return (
    <li role="treeitem" aria-expanded={hasChildren ? open : undefined} data-field={node.id}>
      <button
        type="button"
        className="field-tree-line"
        onClick={() => hasChildren && setOpen(!open)}
        title={texts.explain(node.id) ?? undefined}
      >
        <span className="field-tree-toggle" aria-hidden="true">
          {hasChildren ? (open ? '▾' : '▸') : ''}
        </span>
        <span className="field-name">{texts.name(node)}</span>
        {value && <span className="field-value">{value}</span>}
        {node.warning && <span className="field-warning">⚠</span>}
      </button>
      {hasChildren && open && (
        <ul role="group">
          {node.children?.map((child, i) => (
            <FieldTreeNode key={i} node={child} texts={texts} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}
