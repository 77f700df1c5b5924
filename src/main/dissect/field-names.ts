/**
 * English display names for field ids, from the `fields` translation namespace. The renderer
 * translates by id with the zh-CN twin of the same file, so the tree only carries English.
 */
import fieldsEn from '../../shared/i18n/locales/en/fields.json';

interface FieldText {
  name: string;
  explain?: string;
}

const table = fieldsEn as Record<string, FieldText | undefined>;

export function fieldName(id: string): string {
  return table[id]?.name ?? id;
}

export function hasFieldText(id: string): boolean {
  return table[id] !== undefined;
}
