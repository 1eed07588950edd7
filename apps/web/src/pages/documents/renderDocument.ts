import {
  amountInWords,
  documentField,
  documentFormat,
  documentParts,
  sectionShown,
  subTableCellKey,
  type DocumentTemplate,
  type EntityDefinition,
  type Locale,
  type SubTableColumn,
} from '@lowcode/app-model';
import { recordFieldsRead } from '@lowcode/form-engine';
import type { RecordDto } from '../../api/types';
import { localize } from '../../hooks/useLocale';
import { formatFieldText, formatMoney } from '../../fields/formatFieldText';
import { shownField } from '../../fields/shownField';

export type DocumentBlock =
  | { kind: 'h1' | 'h2' | 'p'; text: string }
  /** A sub-table's rows; `total` sums its amounts (money not read by another money column), else is empty. */
  | { kind: 'table'; columns: string[]; rows: string[][]; total?: string[] };

/** What an empty value prints as: a line to fill in by hand. */
export const BLANK = '__________';

/** Stands for a sub-table in the filled text until paragraphs are cut; no template can contain it. */
const TABLE_MARK = '\u0000table:';

type Filled = Pick<RecordDto, 'values' | 'display'>;

/**
 * A document template filled from a record, as blocks of plain text (React escapes them): `# ` and `## `
 * lines are headings, blank lines end paragraphs, `{field}` is the value as the reader may see it — a
 * relation's title, an option's label, money with its sign; `{field|大写}` an amount in Chinese capitals;
 * a sub-table's placeholder becomes a table of its rows, its own block; with the app's `entities`, a lookup
 * prints as the field it looks up (a select's label). Hidden fields (absent from the record) and empty ones
 * print as a blank to fill in. `{#field}` … `{/field}` prints what is between only when the field has a value,
 * `{^field}` … `{/field}` only when it has none (a hidden field has none here).
 */
export function renderDocument(
  entity: EntityDefinition,
  template: DocumentTemplate,
  record: Filled,
  locale: Locale,
  entities?: readonly EntityDefinition[],
): DocumentBlock[] {
  const tables: DocumentBlock[] = [];
  // Sections whose condition failed, innermost last: while any is open, nothing prints.
  const skipping: string[] = [];
  const filled = documentParts(template.body)
    .map((part) => {
      if ('section' in part) {
        const field = documentField(entity, part.section);
        if (skipping.length > 0 || !sectionShown(field && record.values[field.key], part.when))
          skipping.push(part.section);
        return '';
      }
      if ('sectionEnd' in part) {
        if (skipping.at(-1) === part.sectionEnd) skipping.pop();
        return '';
      }
      if (skipping.length > 0) return '';
      if ('text' in part) return part.text;
      const field = documentField(entity, part.placeholder);
      if (!field) return `{${part.placeholder}}`;
      const value = record.values[field.key];
      if (field.type === 'subTable') {
        if (!Array.isArray(value) || value.length === 0) return BLANK;
        tables.push(tableOf(field.key, field.fields, value as Record<string, unknown>[], record, locale));
        return `\n\n${TABLE_MARK}${tables.length - 1}\n\n`;
      }
      const text =
        part.format !== undefined && documentFormat(part.format) === 'amountInWords'
          ? typeof value === 'number'
            ? amountInWords(value)
            : ''
          : formatFieldText(shownField(entities, entity, field), value, locale, record.display[field.key]);
      return text.trim() === '' ? BLANK : text;
    })
    .join('');
  const blocks: DocumentBlock[] = [];
  for (const paragraph of filled.split(/\n\s*\n/)) {
    if (paragraph.trim().startsWith(TABLE_MARK)) {
      blocks.push(tables[Number(paragraph.trim().slice(TABLE_MARK.length))]!);
      continue;
    }
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

/** A sub-table's rows as the reader sees them, with the records its cells link to by their titles. */
function tableOf(
  tableKey: string,
  columns: SubTableColumn[],
  rows: Record<string, unknown>[],
  record: Filled,
  locale: Locale,
): DocumentBlock {
  const money = new Set(
    columns
      .filter(
        (column) => column.type === 'money' || (column.type === 'formula' && column.resultType === 'money'),
      )
      .map((column) => column.key),
  );
  // A line's price is read by its amount: the amount is what adds up, the price is not.
  const read = new Set(
    columns.flatMap((column) =>
      column.type === 'formula' && money.has(column.key)
        ? [...recordFieldsRead(column.expression, 'row')]
        : [],
    ),
  );
  const summed = [...money].filter((key) => !read.has(key));
  const number = (row: Record<string, unknown> | null, key: string) =>
    typeof row?.[key] === 'number' ? (row[key] as number) : undefined;
  const cell = (column: SubTableColumn, row: Record<string, unknown> | null, index: number) =>
    formatFieldText(
      column,
      row?.[column.key],
      locale,
      record.display[subTableCellKey(tableKey, index, column.key)],
    );
  return {
    kind: 'table',
    columns: columns.map((column) => localize(column.label, locale)),
    rows: rows.map((row, index) => columns.map((column) => cell(column, row, index))),
    ...(summed.length > 0 && {
      total: columns.map((column) =>
        summed.includes(column.key)
          ? formatMoney(
              rows.reduce((sum, row) => sum + (number(row, column.key) ?? 0), 0),
              locale,
            )
          : '',
      ),
    }),
  };
}
