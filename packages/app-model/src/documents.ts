// Document templates (printable contracts, dispatch slips): the placeholders of a body and the fields they
// name. The web fills them; validation checks each names a field.
import { type EntityDefinition, type FieldDefinition } from './types';

/** `{租金}`, `{rent}`: a placeholder, one line, no braces inside. */
const PLACEHOLDER = /\{([^{}\n]+)\}/g;

/** The body cut into text and placeholders, in order. */
export function documentParts(body: string): Array<{ text: string } | { placeholder: string }> {
  const parts: Array<{ text: string } | { placeholder: string }> = [];
  let at = 0;
  for (const match of body.matchAll(PLACEHOLDER)) {
    if (match.index > at) parts.push({ text: body.slice(at, match.index) });
    parts.push({ placeholder: match[1]!.trim() });
    at = match.index + match[0].length;
  }
  if (at < body.length) parts.push({ text: body.slice(at) });
  return parts;
}

/** The field a placeholder names: by key, else by its label in either language. */
export function documentField(
  entity: Pick<EntityDefinition, 'fields'>,
  name: string,
): FieldDefinition | undefined {
  return (
    entity.fields.find((field) => field.key === name) ??
    entity.fields.find((field) =>
      Object.values(field.label ?? {}).some((label) => typeof label === 'string' && label.trim() === name),
    )
  );
}
