/**
 * What "empty" means for a field's value, the same for every field type and for everyone who asks (a form's
 * `required`, a task form's required fields): null, '', whitespace-only text, or an empty list.
 */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}
