import { type AppDefinition } from '@lowcode/app-model';
import { type DatasetField, type ReportDataset } from '@lowcode/report-engine';
import { fieldStorage, tableName } from '../../records/utils/entity-storage';

/** System fields every record has, under the names the records API uses. */
const SYSTEM_FIELDS: Record<string, DatasetField> = {
  id: { column: '_id', type: 'uuid' },
  createdAt: { column: '_created_at', type: 'timestamptz' },
  updatedAt: { column: '_updated_at', type: 'timestamptz' },
  createdBy: { column: '_created_by', type: 'uuid' },
  updatedBy: { column: '_updated_by', type: 'uuid' },
};

/**
 * Describes an app's entity storage to the report engine: each entity's table in the app schema, each stored
 * field's column and type, and single relations as joinable paths. Lookups and rollups are not stored
 * columns, so reports cannot name them (report through the relation path instead).
 */
export function reportDataset(app: AppDefinition, schema: string): ReportDataset {
  const entities: ReportDataset['entities'] = {};
  for (const entity of app.entities) {
    const fields: Record<string, DatasetField> = { ...SYSTEM_FIELDS };
    for (const field of entity.fields) {
      const storage = fieldStorage(field);
      if (storage.kind === 'system') fields[field.key] = { column: storage.column, type: storage.sqlType };
      if (storage.kind !== 'column') continue;
      const relation =
        field.type === 'relation' && !field.relation.multiple ? field.relation.entity : undefined;
      const money = field.type === 'money' || (field.type === 'formula' && field.resultType === 'money');
      fields[field.key] = {
        column: storage.column,
        type: storage.sqlType,
        ...(relation ? { relation } : {}),
        ...(money ? { money } : {}),
      };
    }
    const title = entity.titleField ?? entity.fields[0]?.key;
    entities[entity.key] = {
      table: tableName(schema, entity.key),
      idColumn: '_id',
      deletedColumn: '_deleted_at',
      ...(title && fields[title] ? { titleField: title } : {}),
      fields,
    };
  }
  return { entities };
}
