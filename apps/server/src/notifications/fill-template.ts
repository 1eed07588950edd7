import { type LocalizedText } from '@lowcode/app-model';

/**
 * Fills `{{record.field}}` placeholders with the record's values (own properties only, so a placeholder
 * cannot reach a prototype); an unknown placeholder becomes empty. With `titles` (a record's `display`), a
 * relation, user or department field reads as what it names (房间 1-1203, 张三), not as its id.
 */
export function fillTemplate(
  template: LocalizedText,
  data: Record<string, unknown>,
  titles: Record<string, string | string[]> = {},
): LocalizedText {
  const fill = (text: string) =>
    text.replace(/\{\{\s*([a-zA-Z_][\w.]*)\s*\}\}/g, (_match, path: string) => {
      const field = /^record\.([^.]+)$/.exec(path)?.[1];
      const title = field !== undefined && Object.hasOwn(titles, field) ? titles[field] : undefined;
      if (title !== undefined) return Array.isArray(title) ? title.join('、') : title;
      let value: unknown = data;
      for (const segment of path.split('.')) {
        value =
          value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, segment)
            ? (value as Record<string, unknown>)[segment]
            : undefined;
      }
      return value === undefined || value === null || typeof value === 'object' ? '' : String(value);
    });
  return Object.fromEntries(
    Object.entries(template).map(([locale, text]) => [locale, fill(text ?? '')]),
  ) as LocalizedText;
}
