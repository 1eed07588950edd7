import { type EntityDefinition, type FieldDefinition } from '@lowcode/app-model';
import { isComputedField } from '@lowcode/form-engine';

export interface ColumnMapping {
  /** Column position (0-based) → field key. */
  columns: Map<number, FieldDefinition>;
  /** Headers that match no field, shown to the user so they can map them. */
  unmatched: string[];
}

const normalize = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s*＊:：()（）]/g, '');

/**
 * Matches header cells to fields by key, Chinese label or English label (also "Label (key)", the template's
 * form), unless the user mapped a header explicitly. Computed fields are never imported.
 */
export function mapColumns(
  entity: EntityDefinition,
  headers: unknown[],
  explicit: Record<string, string> = {},
): ColumnMapping {
  const importable = entity.fields.filter((field) => !isComputedField(field));
  const byName = new Map<string, FieldDefinition>();
  for (const field of importable) {
    for (const name of [field.key, field.label['zh-CN'], field.label.en])
      if (name) byName.set(normalize(name), field);
  }
  const columns = new Map<number, FieldDefinition>();
  const unmatched: string[] = [];
  headers.forEach((header, index) => {
    const text = header === null || header === undefined ? '' : String(header);
    if (!text.trim()) return;
    const chosen = Object.prototype.hasOwnProperty.call(explicit, text) ? explicit[text] : undefined;
    const keyInParens = /\(([A-Za-z][\w]*)\)\s*$/.exec(text)?.[1];
    const field =
      chosen !== undefined
        ? importable.find((candidate) => candidate.key === chosen)
        : (byName.get(normalize(keyInParens ?? '')) ?? byName.get(normalize(text)));
    if (field && ![...columns.values()].includes(field)) columns.set(index, field);
    else if (chosen !== '') unmatched.push(text);
  });
  return { columns, unmatched };
}

/** The header a template or an export writes for a field: its label and, for machines, its key. */
export const headerFor = (field: FieldDefinition, locale: 'zh-CN' | 'en') =>
  `${(locale === 'en' ? field.label.en : undefined) ?? field.label['zh-CN']}${field.required ? '*' : ''} (${field.key})`;
