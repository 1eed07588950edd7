// Handlers for fields the server fills in. Their schema describes what a stored record holds; the validator
// refuses them in input (code `readOnly`) and fromCell refuses them in imports (code `cellComputed`).
import {
  type AutoNumberField,
  type CreatedAtField,
  type CreatedByField,
  type FieldDefinition,
  type FormulaField,
  type LookupField,
  type RollupField,
  type UpdatedAtField,
  type UpdatedByField,
} from '@lowcode/app-model';
import { type FieldTypeHandler, type JsonSchema, type StorageSpec, cellError } from './field-handler';

function computedHandler<F extends FieldDefinition>(
  valueSchema: (field: F) => JsonSchema,
  storage: (field: F) => StorageSpec,
): FieldTypeHandler<F> {
  return {
    computed: true,
    defaultWidget: 'readonly',
    valueSchema,
    storage,
    fromCell: () => cellError('cellComputed'),
  };
}

const FORMULA_SCHEMAS: Record<FormulaField['resultType'], JsonSchema> = {
  number: { type: 'number' },
  money: { type: 'number' },
  text: { type: 'string' },
  date: { type: 'string', format: 'date' },
  boolean: { type: 'boolean' },
};

const FORMULA_COLUMNS: Record<FormulaField['resultType'], StorageSpec['column']> = {
  number: 'numeric',
  money: 'numeric',
  text: 'text',
  date: 'date',
  boolean: 'boolean',
};

export const autoNumberHandler = computedHandler<AutoNumberField>(
  () => ({ type: 'string' }),
  () => ({ column: 'text', indexable: true, searchable: true }),
);

export const formulaHandler = computedHandler<FormulaField>(
  (f) => FORMULA_SCHEMAS[f.resultType],
  (f) => ({ column: FORMULA_COLUMNS[f.resultType], indexable: true, searchable: false }),
);

/** A lookup copies a value of the related record, whose type this entity alone does not know. */
export const lookupHandler = computedHandler<LookupField>(
  () => ({}),
  () => ({ column: 'jsonb', indexable: false, searchable: false }),
);

export const rollupHandler = computedHandler<RollupField>(
  // min/max of a date field yield a date string; count/sum/avg always a number.
  (f) =>
    f.rollup.aggregate === 'min' || f.rollup.aggregate === 'max'
      ? { type: ['number', 'string'] }
      : { type: 'number' },
  (f) =>
    f.rollup.aggregate === 'min' || f.rollup.aggregate === 'max'
      ? { column: 'jsonb', indexable: false, searchable: false }
      : { column: 'numeric', indexable: true, searchable: false },
);

const ACTOR_SCHEMA: JsonSchema = { type: 'string', format: 'uuid' };
const ACTOR_STORAGE: StorageSpec = { column: 'uuid', indexable: true, searchable: false };
const MOMENT_SCHEMA: JsonSchema = { type: 'string', format: 'date-time' };
const MOMENT_STORAGE: StorageSpec = { column: 'timestamptz', indexable: true, searchable: false };

export const createdByHandler = computedHandler<CreatedByField>(
  () => ACTOR_SCHEMA,
  () => ACTOR_STORAGE,
);
export const updatedByHandler = computedHandler<UpdatedByField>(
  () => ACTOR_SCHEMA,
  () => ACTOR_STORAGE,
);
export const createdAtHandler = computedHandler<CreatedAtField>(
  () => MOMENT_SCHEMA,
  () => MOMENT_STORAGE,
);
export const updatedAtHandler = computedHandler<UpdatedAtField>(
  () => MOMENT_SCHEMA,
  () => MOMENT_STORAGE,
);
