import type { EntityDefinition, Locale } from '@lowcode/app-model';
import type { RecordDto } from '../api/types';
import { formatFieldText } from './formatFieldText';

/** The text a record is known by: its entity's titleField (first field when none), else its id. */
export function titleOfRecord(entity: EntityDefinition, record: RecordDto, locale: Locale): string {
  const field = entity.fields.find((f) => f.key === entity.titleField) ?? entity.fields[0];
  if (!field) return record.id;
  return formatFieldText(field, record.values[field.key], locale, record.display[field.key]) || record.id;
}

/** How many of an entity's list fields a picker shows after the title. */
const PICKER_DETAILS = 4;

/**
 * A record as a picker offers it: the title, then the first list fields after it (a bill's tenant, amount
 * and status), so records known by a number can be told apart — ZD-202607-000432 · 王小明 · ¥2,680.00 · 未缴.
 * Fields the user may not see are absent from the record and left out.
 */
export function pickerLabel(entity: EntityDefinition, record: RecordDto, locale: Locale): string {
  const title = titleOfRecord(entity, record, locale);
  const titleKey = entity.titleField ?? entity.fields[0]?.key;
  const details = (entity.listFields ?? [])
    .filter((key) => key !== titleKey)
    .map((key) => entity.fields.find((field) => field.key === key))
    .filter((field) => field !== undefined)
    .map((field) => formatFieldText(field, record.values[field.key], locale, record.display[field.key]))
    .filter((text) => text.trim() !== '')
    .slice(0, PICKER_DETAILS);
  return [title, ...details].join(' · ');
}
