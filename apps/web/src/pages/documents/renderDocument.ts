import {
  documentField,
  documentParts,
  type DocumentTemplate,
  type EntityDefinition,
  type Locale,
} from '@lowcode/app-model';
import type { RecordDto } from '../../api/types';
import { formatFieldText } from '../../fields/formatFieldText';

export type DocumentBlock = { kind: 'h1' | 'h2' | 'p'; text: string };

/** What an empty value prints as: a line to fill in by hand. */
export const BLANK = '__________';

/**
 * A document template filled from a record, as blocks of plain text (React escapes them): `# ` and `## `
 * lines are headings, blank lines end paragraphs, `{field}` is the value as the reader may see it — a
 * relation's title, an option's label, money with its sign; hidden fields (absent from the record) and
 * empty ones print as a blank to fill in.
 */
export function renderDocument(
  entity: EntityDefinition,
  template: DocumentTemplate,
  record: Pick<RecordDto, 'values' | 'display'>,
  locale: Locale,
): DocumentBlock[] {
  const filled = documentParts(template.body)
    .map((part) => {
      if ('text' in part) return part.text;
      const field = documentField(entity, part.placeholder);
      if (!field) return `{${part.placeholder}}`;
      const text = formatFieldText(field, record.values[field.key], locale, record.display[field.key]);
      return text.trim() === '' ? BLANK : text;
    })
    .join('');
  const blocks: DocumentBlock[] = [];
  for (const paragraph of filled.split(/\n\s*\n/)) {
    const lines: string[] = [];
    const flush = () => {
      if (lines.length) blocks.push({ kind: 'p', text: lines.join('\n') });
      lines.length = 0;
    };
    for (const line of paragraph.split('\n')) {
      const heading = /^(#{1,2})\s+(.*)$/.exec(line.trim());
      if (heading) {
        flush();
        blocks.push({ kind: heading[1] === '#' ? 'h1' : 'h2', text: heading[2]! });
      } else if (line.trim() !== '') lines.push(line);
    }
    flush();
  }
  return blocks;
}
