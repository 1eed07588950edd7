// The field-type registry: one handler per FieldType. The mapped type makes it exhaustive by construction:
// adding a type to @lowcode/app-model's FIELD_TYPES fails compilation here until it has a handler.
import { type FieldDefinition, type FieldType, type SubTableField } from '@lowcode/app-model';
import { cellText, isBlankCell } from '../cells/cell-parsers';
import {
  autoNumberHandler,
  createdAtHandler,
  createdByHandler,
  formulaHandler,
  lookupHandler,
  rollupHandler,
  updatedAtHandler,
  updatedByHandler,
} from './computed-handlers';
import {
  dateHandler,
  dateRangeHandler,
  datetimeHandler,
  multiSelectHandler,
  selectHandler,
  statusHandler,
} from './date-and-choice-handlers';
import { type FieldTypeHandler, type JsonSchema, cellError } from './field-handler';
import {
  attachmentHandler,
  departmentHandler,
  imageHandler,
  locationHandler,
  relationHandler,
  signatureHandler,
  userHandler,
} from './reference-handlers';
import {
  checkboxHandler,
  creditCodeHandler,
  emailHandler,
  idCardHandler,
  longTextHandler,
  moneyHandler,
  numberHandler,
  percentHandler,
  phoneHandler,
  ratingHandler,
  richTextHandler,
  textHandler,
  urlHandler,
} from './scalar-handlers';

export type FieldOfType<K extends FieldType> = Extract<FieldDefinition, { type: K }>;

/**
 * JSON Schema of an object holding `fields` (a record, or one sub-table row). Computed fields are listed
 * (a stored record has them) but marked `readOnly` and never required.
 */
export function fieldsObjectSchema(fields: readonly FieldDefinition[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const field of fields) {
    const handler = handlerFor(field);
    properties[field.key] = handler.computed
      ? { ...handler.valueSchema(field), readOnly: true }
      : handler.valueSchema(field);
    if (field.required && !handler.computed) required.push(field.key);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

const subTableHandler: FieldTypeHandler<SubTableField> = {
  computed: false,
  defaultWidget: 'subTable',
  valueSchema: (f) => ({
    type: 'array',
    items: fieldsObjectSchema(f.fields),
    ...(f.minRows === undefined ? {} : { minItems: f.minRows }),
    ...(f.maxRows === undefined ? {} : { maxItems: f.maxRows }),
  }),
  storage: () => ({ column: 'jsonb', indexable: false, searchable: false }),
  // Line items do not fit one cell; accept them only as a JSON list of row objects (an export round-trip).
  // An exported row carries its formula columns: they are recomputed on import, not refused as input.
  fromCell: (cell, field) => {
    if (isBlankCell(cell)) return { value: null };
    try {
      const rows: unknown = JSON.parse(cellText(cell));
      const isRowList =
        Array.isArray(rows) &&
        rows.every((row) => typeof row === 'object' && row !== null && !Array.isArray(row));
      if (!isRowList) return cellError('cellNotRows');
      const computed = new Set(field.fields.filter(isComputedField).map((column) => column.key));
      return {
        value: (rows as Record<string, unknown>[]).map((row) =>
          Object.fromEntries(Object.entries(row).filter(([key]) => !computed.has(key))),
        ),
      };
    } catch {
      return cellError('cellNotRows');
    }
  },
};

export const FIELD_TYPE_HANDLERS: { [K in FieldType]: FieldTypeHandler<FieldOfType<K>> } = {
  text: textHandler,
  longText: longTextHandler,
  richText: richTextHandler,
  number: numberHandler,
  money: moneyHandler,
  percent: percentHandler,
  date: dateHandler,
  datetime: datetimeHandler,
  dateRange: dateRangeHandler,
  select: selectHandler,
  multiSelect: multiSelectHandler,
  checkbox: checkboxHandler,
  rating: ratingHandler,
  phone: phoneHandler,
  email: emailHandler,
  url: urlHandler,
  idCard: idCardHandler,
  creditCode: creditCodeHandler,
  attachment: attachmentHandler,
  image: imageHandler,
  signature: signatureHandler,
  location: locationHandler,
  relation: relationHandler,
  subTable: subTableHandler,
  user: userHandler,
  department: departmentHandler,
  autoNumber: autoNumberHandler,
  formula: formulaHandler,
  lookup: lookupHandler,
  rollup: rollupHandler,
  createdBy: createdByHandler,
  createdAt: createdAtHandler,
  updatedBy: updatedByHandler,
  updatedAt: updatedAtHandler,
  status: statusHandler,
};

/**
 * The handler of one field. TypeScript cannot correlate `FIELD_TYPE_HANDLERS[field.type]` with `field` for
 * a union, so the one cast lives here; the mapped type above guarantees the pairing.
 */
export function handlerFor<F extends FieldDefinition>(field: F): FieldTypeHandler<F> {
  return FIELD_TYPE_HANDLERS[field.type] as unknown as FieldTypeHandler<F>;
}

export const isComputedField = (field: FieldDefinition): boolean => handlerFor(field).computed;

/**
 * A record's values as input, the way a form sends them back or a stored record is checked against a new
 * definition: computed fields left out (the validator refuses them), and so are the computed columns of
 * sub-table rows; fields without a value are left out too.
 */
export function inputValues(
  fields: readonly FieldDefinition[],
  values: Record<string, unknown>,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.key];
    if (isComputedField(field) || value === undefined) continue;
    input[field.key] =
      field.type === 'subTable' && Array.isArray(value)
        ? value.map((row: unknown) =>
            typeof row === 'object' && row !== null && !Array.isArray(row)
              ? inputValues(field.fields, row as Record<string, unknown>)
              : row,
          )
        : value;
  }
  return input;
}
