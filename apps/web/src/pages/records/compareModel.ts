import type { EntityDefinition, FieldDefinition, Locale, SubTableColumn } from '@lowcode/app-model';
import type { RecordDto } from '../../api/types';
import { formatFieldText } from '../../fields/formatFieldText';
import { sameValue } from '../../forms/formValues';

// Two records of one entity side by side — a move-out inspection beside the move-in one it compares with:
// field by field, and sub-table rows matched by what names them (space + item), so a builder gets the
// comparison from the data model alone.

/** Fields not worth comparing: the record's own number and the link between the two records. */
const SKIPPED = new Set<FieldDefinition['type']>([
  'autoNumber',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
]);
/** Column types that name a sub-table row rather than describe it. */
const NAMING = new Set<FieldDefinition['type']>(['text', 'select']);

/** The single relation from an entity to itself that says which earlier record a record compares with. */
export function comparisonField(entity: EntityDefinition): FieldDefinition | undefined {
  return entity.fields.find(
    (field) => field.type === 'relation' && !field.relation.multiple && field.relation.entity === entity.key,
  );
}

export interface ComparedField {
  field: FieldDefinition;
  mine: unknown;
  theirs: unknown;
  differs: boolean;
}

export interface ComparedRow {
  /** What names the row in both records (e.g. "卫生间 · 地漏"). */
  name: string;
  mine?: Record<string, unknown>;
  theirs?: Record<string, unknown>;
  /** Columns whose value changed, for rows present in both. */
  changed: string[];
}

export interface ComparedTable {
  field: FieldDefinition;
  naming: SubTableColumn[];
  columns: SubTableColumn[];
  rows: ComparedRow[];
}

export function compareRecords(
  entity: EntityDefinition,
  mine: RecordDto,
  theirs: RecordDto,
  locale: Locale,
): { fields: ComparedField[]; tables: ComparedTable[] } {
  const link = comparisonField(entity);
  const fields: ComparedField[] = [];
  const tables: ComparedTable[] = [];
  for (const field of entity.fields) {
    if (field === link || SKIPPED.has(field.type)) continue;
    if (field.type === 'subTable') {
      tables.push(compareTable(field, mine.values[field.key], theirs.values[field.key], locale));
      continue;
    }
    const [a, b] = [mine.values[field.key], theirs.values[field.key]];
    if ((a ?? null) === null && (b ?? null) === null) continue;
    fields.push({ field, mine: a, theirs: b, differs: !sameValue(a, b) });
  }
  return { fields, tables };
}

function compareTable(
  field: Extract<FieldDefinition, { type: 'subTable' }>,
  mineRows: unknown,
  theirRows: unknown,
  locale: Locale,
): ComparedTable {
  const naming = field.fields.filter((column) => NAMING.has(column.type)).slice(0, 2);
  const columns = field.fields.filter((column) => !naming.includes(column));
  const nameOf = (row: Record<string, unknown>) =>
    naming.map((column) => formatFieldText(column, row[column.key], locale)).join(' · ');
  const rowsOf = (value: unknown) =>
    (Array.isArray(value) ? value : []).filter(
      (row): row is Record<string, unknown> => typeof row === 'object' && row !== null,
    );
  // Rows are matched by name and, for a name that repeats, by its occurrence (the second 卧室 · 窗 with the
  // second). Their rows first: the earlier record sets the order a reader walks the rooms in.
  const byName = new Map<string, ComparedRow>();
  const keyed = (rows: Record<string, unknown>[]) => {
    const seen = new Map<string, number>();
    return rows.map((row) => {
      const name = nameOf(row);
      const occurrence = seen.get(name) ?? 0;
      seen.set(name, occurrence + 1);
      return { key: `${name}#${occurrence}`, name: occurrence ? `${name} (${occurrence + 1})` : name, row };
    });
  };
  for (const { key, name, row } of keyed(rowsOf(theirRows)))
    byName.set(key, { name, theirs: row, changed: [] });
  for (const { key, name, row } of keyed(rowsOf(mineRows))) {
    const entry = byName.get(key);
    if (!entry) {
      byName.set(key, { name, mine: row, changed: [] });
      continue;
    }
    entry.mine = row;
    entry.changed = columns
      .filter((column) => !sameValue(row[column.key], entry.theirs?.[column.key]))
      .map((column) => column.key);
  }
  return { field, naming, columns, rows: [...byName.values()] };
}
