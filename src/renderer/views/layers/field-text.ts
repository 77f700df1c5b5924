/**
 * Field names and learner explanations by field id, in the current language. The `fields`
 * namespace (keys like "tcp.flags", which contain dots) is read as a plain object so i18next's
 * key separator never splits an id; the `layers` namespace adds explanations fields.json lacks.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldNode } from '../../../shared/model/packet';

type FieldTexts = Record<string, { name?: string; explain?: string } | undefined>;

export interface FieldTextLookup {
  name(node: FieldNode): string;
  explain(id: string): string | null;
}

export function useFieldTexts(): FieldTextLookup {
  const { i18n } = useTranslation(['fields', 'layers']);
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const bundle = (lng: string, ns: string) =>
      (i18n.getResourceBundle(lng, ns) as Record<string, unknown> | undefined) ?? {};
    const fields = bundle(language, 'fields') as FieldTexts;
    const fieldsEn = bundle('en', 'fields') as FieldTexts;
    const extra = (bundle(language, 'layers').fieldExplain ?? {}) as Record<string, string | undefined>;
    return {
      name: (node) => fields[node.id]?.name ?? fieldsEn[node.id]?.name ?? node.name,
      explain: (id) => fields[id]?.explain ?? extra[id] ?? fieldsEn[id]?.explain ?? null,
    };
  }, [i18n, language]);
}

/** The value as a learner reads it: the decoder's rendering when it has one. */
export function fieldValueText(node: FieldNode): string {
  if (node.display) return node.display;
  if (node.value === null) return '';
  if (typeof node.value === 'boolean') return node.value ? '1' : '0';
  return String(node.value);
}
