/** Member attributes as the editor shows them: one row per key, lists as tags. Pure, no React. */
export type AttributeScalar = string | number | boolean;
export type AttributeValue = AttributeScalar | Array<string | number>;
export type AttributeKind = 'text' | 'list' | 'number' | 'boolean';

export interface AttributeRow {
  key: string;
  kind: AttributeKind;
  text: string;
  list: Array<string | number>;
  number: number | null;
  flag: boolean;
}

/** Attributes the shipped templates read (row scopes, flow dispatch), offered first in the key picker. */
export const KNOWN_ATTRIBUTES: ReadonlyArray<{ key: string; kind: AttributeKind }> = [
  { key: 'projects', kind: 'list' },
  { key: 'department', kind: 'text' },
  { key: 'departments', kind: 'list' },
  { key: 'skills', kind: 'list' },
  { key: 'areas', kind: 'list' },
  { key: 'qualifications', kind: 'list' },
];

export const ATTRIBUTE_KEY = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;

export function emptyRow(key = ''): AttributeRow {
  const kind = KNOWN_ATTRIBUTES.find((known) => known.key === key)?.kind ?? 'text';
  return { key, kind, text: '', list: [], number: null, flag: false };
}

export function rowsFromAttributes(attributes: Record<string, unknown>): AttributeRow[] {
  return Object.entries(attributes).map(([key, value]) => {
    const row = emptyRow(key);
    if (Array.isArray(value))
      return {
        ...row,
        kind: 'list',
        list: value.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number'),
      };
    if (typeof value === 'number') return { ...row, kind: 'number', number: value };
    if (typeof value === 'boolean') return { ...row, kind: 'boolean', flag: value };
    return { ...row, kind: 'text', text: value === null || value === undefined ? '' : String(value) };
  });
}

export type AttributeProblem = { index: number; reason: 'key' | 'duplicate' | 'reserved' };

/**
 * The object to save, or the rows at fault. Empty rows (no key, no value) are ignored; an empty text or
 * list is dropped, as the server does.
 */
export function attributesFromRows(
  rows: AttributeRow[],
): { ok: true; attributes: Record<string, AttributeValue> } | { ok: false; problems: AttributeProblem[] } {
  const problems: AttributeProblem[] = [];
  const attributes: Record<string, AttributeValue> = {};
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const key = row.key.trim();
    const value = valueOf(row);
    if (key === '' && value === undefined) return;
    if (!ATTRIBUTE_KEY.test(key)) problems.push({ index, reason: 'key' });
    else if (key === 'id') problems.push({ index, reason: 'reserved' });
    else if (seen.has(key)) problems.push({ index, reason: 'duplicate' });
    seen.add(key);
    if (value !== undefined) attributes[key] = value;
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, attributes };
}

function valueOf(row: AttributeRow): AttributeValue | undefined {
  switch (row.kind) {
    case 'text':
      return row.text.trim() === '' ? undefined : row.text.trim();
    case 'list': {
      const items = [
        ...new Set(row.list.map((item) => (typeof item === 'string' ? item.trim() : item))),
      ].filter((item) => item !== '');
      return items.length === 0 ? undefined : items;
    }
    case 'number':
      return row.number === null ? undefined : row.number;
    case 'boolean':
      return row.flag;
  }
}

/** Short text of an attribute value for lists and cards. */
export function attributeText(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  return value === null || value === undefined ? '' : String(value);
}

/** `department` (one key) and `departments` (keys) name departments of the directory, picked by name. */
export function isDepartmentRow(row: AttributeRow): boolean {
  const key = row.key.trim();
  return (key === 'department' && row.kind === 'text') || (key === 'departments' && row.kind === 'list');
}
