import type { EntityDefinition, Locale } from '@lowcode/app-model';
import type { RecordDto } from '../api/types';
import { formatFieldText } from './formatFieldText';

/** The text a record is known by: its entity's titleField (first field when none), else its id. */
export function titleOfRecord(entity: EntityDefinition, record: RecordDto, locale: Locale): string {
  const field = entity.fields.find((f) => f.key === entity.titleField) ?? entity.fields[0];
  if (!field) return record.id;
  return formatFieldText(field, record.values[field.key], locale, record.display[field.key]) || record.id;
}
