// JSON Schema of entities and their fields: one discriminated branch per field type, so per-type options
// are strict (an `options` on a text field is an unknown property) and new types add one branch.
import { FIELD_TYPES, FORMULA_RESULT_TYPES, ROLLUP_AGGREGATES } from '../constants';
import { type FieldType } from '../types';
import {
  PATTERNS,
  anyJson,
  boolean,
  keyList,
  keyedProps,
  nonNegativeInt,
  object,
  openObject,
  positiveInt,
  ref,
  stringEnum,
  taggedUnion,
  type Schema,
} from './common';

const number: Schema = { type: 'number' };
const lengthLimits = { minLength: nonNegativeInt, maxLength: positiveInt };
const numberLimits = { min: number, max: number };
const precision: Schema = { type: 'integer', minimum: 0, maximum: 10 };
const date: Schema = { type: 'string', format: 'date' };
const dateLimits = { minDate: date, maxDate: date };
const fileLimits = {
  maxFiles: positiveInt,
  maxSizeMb: { type: 'number', exclusiveMinimum: 0 },
  accept: { type: 'array', items: { type: 'string', minLength: 1 } },
};
const selectOptions: Schema = {
  type: 'array',
  minItems: 1,
  items: object(
    {
      value: { type: 'string', minLength: 1 },
      label: ref('localizedText'),
      color: { type: 'string', pattern: PATTERNS.color },
    },
    ['value', 'label'],
  ),
};

/** Type-specific properties and required properties of each field type. */
const FIELD_OPTIONS: { [T in FieldType]: [Record<string, Schema>, string[]] } = {
  text: [{ ...lengthLimits, pattern: { type: 'string', minLength: 1 } }, []],
  longText: [lengthLimits, []],
  richText: [{ maxLength: positiveInt }, []],
  number: [{ ...numberLimits, precision, unit: { type: 'string' } }, []],
  money: [{ ...numberLimits, precision, currency: { type: 'string', pattern: PATTERNS.currency } }, []],
  percent: [{ ...numberLimits, precision }, []],
  date: [dateLimits, []],
  datetime: [dateLimits, []],
  dateRange: [dateLimits, []],
  select: [{ options: selectOptions }, ['options']],
  multiSelect: [{ options: selectOptions, maxSelected: positiveInt }, ['options']],
  checkbox: [{}, []],
  rating: [{ max: { type: 'integer', minimum: 1, maximum: 10 } }, []],
  phone: [{}, []],
  email: [{}, []],
  url: [{}, []],
  idCard: [{}, []],
  creditCode: [{}, []],
  attachment: [fileLimits, []],
  image: [fileLimits, []],
  signature: [{}, []],
  location: [{ requireGeo: boolean }, []],
  relation: [
    {
      relation: object(
        {
          entity: ref('key'),
          multiple: boolean,
          fill: { type: 'object', propertyNames: ref('key'), additionalProperties: ref('key') },
          pickFilter: ref('jsonLogic'),
        },
        ['entity'],
      ),
    },
    ['relation'],
  ],
  subTable: [
    {
      fields: { type: 'array', minItems: 1, items: ref('subTableColumn') },
      minRows: nonNegativeInt,
      maxRows: positiveInt,
    },
    ['fields'],
  ],
  user: [
    { multiple: boolean, roles: { type: 'array', items: ref('key'), minItems: 1, uniqueItems: true } },
    [],
  ],
  department: [{ multiple: boolean }, []],
  autoNumber: [
    { pattern: { type: 'string', minLength: 1 }, dateField: { type: 'string', minLength: 1 } },
    ['pattern'],
  ],
  formula: [
    { expression: ref('jsonLogic'), resultType: stringEnum(FORMULA_RESULT_TYPES), options: selectOptions },
    ['expression', 'resultType'],
  ],
  lookup: [
    { lookup: object({ relation: ref('key'), field: ref('key') }, ['relation', 'field']) },
    ['lookup'],
  ],
  rollup: [
    {
      rollup: object(
        {
          entity: ref('key'),
          relation: ref('key'),
          aggregate: stringEnum(ROLLUP_AGGREGATES),
          field: ref('key'),
        },
        ['entity', 'relation', 'aggregate'],
      ),
    },
    ['rollup'],
  ],
  createdBy: [{}, []],
  createdAt: [{}, []],
  updatedBy: [{}, []],
  updatedAt: [{}, []],
  status: [
    {
      options: selectOptions,
      transitions: {
        type: 'array',
        items: object({ from: { type: 'string' }, to: { type: 'string' } }, ['from', 'to']),
      },
    },
    ['options'],
  ],
};

const fieldCommon = {
  required: boolean,
  unique: boolean,
  defaultValue: anyJson,
  ui: openObject,
};

function fieldUnion(types: readonly FieldType[]): Schema {
  return taggedUnion(
    types.map((type) => {
      const [properties, required] = FIELD_OPTIONS[type];
      return [type, { ...keyedProps(fieldCommon), ...properties }, ['key', 'label', ...required]];
    }),
  );
}

export const fieldDefinitions: Record<string, Schema> = {
  field: fieldUnion(FIELD_TYPES),
  // Sub-tables hold one level of line items; nesting would need a table per level and is not supported.
  subTableColumn: fieldUnion(FIELD_TYPES.filter((type) => type !== 'subTable')),
  crossFieldValidation: object(
    {
      key: ref('key'),
      label: ref('localizedText'),
      condition: ref('jsonLogic'),
      message: ref('localizedText'),
      fields: { ...keyList, minItems: 1 },
    },
    ['key', 'condition', 'message', 'fields'],
  ),
  entity: object(
    keyedProps({
      group: ref('localizedText'),
      titleField: ref('key'),
      listFields: keyList,
      createFields: keyList,
      defaultSort: { type: 'string', pattern: '^-?[A-Za-z][A-Za-z0-9_]*$' },
      fields: { type: 'array', items: ref('field') },
      validations: { type: 'array', items: ref('crossFieldValidation') },
      documents: { type: 'array', items: ref('documentTemplate') },
    }),
    ['key', 'label', 'fields'],
  ),
  documentTemplate: object(
    {
      key: ref('key'),
      label: ref('localizedText'),
      body: { type: 'string', minLength: 1, maxLength: 20000 },
    },
    ['key', 'label', 'body'],
  ),
};
