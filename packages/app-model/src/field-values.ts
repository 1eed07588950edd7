/**
 * What "empty" means for a field's value, the same for every field type and for everyone who asks (a form's
 * `required`, a task form's required fields): null, '', whitespace-only text, or an empty list.
 */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

/**
 * The key of one cell of a sub-table (`partsUsed[0].part`): where a record's `display` holds the title of a
 * relation or user in a row, as errors name the cell they are about.
 */
export function subTableCellKey(table: string, row: number, column: string): string {
  return `${table}[${row}].${column}`;
}

/** The sub-table and column a cell key names; undefined for a field's own key. */
export function parseSubTableCellKey(
  key: string,
): { table: string; row: number; column: string } | undefined {
  const match = /^([^[\].]+)\[(\d+)\]\.([^[\].]+)$/.exec(key);
  return match ? { table: match[1]!, row: Number(match[2]), column: match[3]! } : undefined;
}
