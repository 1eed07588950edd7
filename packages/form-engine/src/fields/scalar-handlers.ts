// Handlers for fields holding one plain value: text, numbers, yes/no, rating and the checked identifiers.
import {
  type CheckboxField,
  type CreditCodeField,
  type EmailField,
  type IdCardField,
  type LongTextField,
  type MoneyField,
  type NumberField,
  type PercentField,
  type PhoneField,
  type RatingField,
  type RichTextField,
  type TextField,
  type UrlField,
} from '@lowcode/app-model';
import {
  cellText,
  escapeHtml,
  isBlankCell,
  parseBooleanCell,
  parseNumberCell,
  toHalfWidth,
} from '../cells/cell-parsers';
import {
  type CellResult,
  type FieldTypeHandler,
  type JsonSchema,
  type StorageSpec,
  cellError,
} from './field-handler';

export const TEXT_STORAGE: StorageSpec = { column: 'text', indexable: true, searchable: true };
const NUMERIC_STORAGE: StorageSpec = { column: 'numeric', indexable: true, searchable: false };

/** Copies the defined limits only, so the schema holds no `undefined` keys. */
function limits(pairs: Record<string, number | string | undefined>): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(pairs)) if (value !== undefined) out[key] = value;
  return out;
}

const textFromCell = (cell: unknown): CellResult => ({ value: isBlankCell(cell) ? null : cellText(cell) });

function numberFromCell(cell: unknown, allowPercentSign = false): CellResult {
  if (isBlankCell(cell)) return { value: null };
  const value = parseNumberCell(cell, allowPercentSign);
  return value === undefined ? cellError('cellNotNumber', { value: cellText(cell) }) : { value };
}

/**
 * At most N decimal places. Not `multipleOf`: ajv's tolerance is absolute, so large amounts with cents
 * (111,848.18) failed it; `x-decimals` compares the number with itself rounded to N places instead.
 */
const decimals = (precision: number | undefined): JsonSchema =>
  precision === undefined ? {} : { 'x-decimals': precision };

const numberSchema = (
  field: NumberField | MoneyField | PercentField,
  precision: number | undefined,
): JsonSchema => ({
  type: 'number',
  ...limits({ minimum: field.min, maximum: field.max }),
  ...decimals(precision),
});

export const textHandler: FieldTypeHandler<TextField> = {
  computed: false,
  defaultWidget: 'input',
  valueSchema: (f) => ({
    type: 'string',
    ...limits({ minLength: f.minLength, maxLength: f.maxLength ?? 500, pattern: f.pattern }),
  }),
  storage: () => TEXT_STORAGE,
  fromCell: textFromCell,
};

export const longTextHandler: FieldTypeHandler<LongTextField> = {
  computed: false,
  defaultWidget: 'textarea',
  valueSchema: (f) => ({ type: 'string', ...limits({ minLength: f.minLength, maxLength: f.maxLength }) }),
  storage: () => ({ column: 'text', indexable: false, searchable: true }),
  fromCell: textFromCell,
};

export const richTextHandler: FieldTypeHandler<RichTextField> = {
  computed: false,
  defaultWidget: 'richText',
  valueSchema: (f) => ({ type: 'string', ...limits({ maxLength: f.maxLength }) }),
  storage: () => ({ column: 'text', indexable: false, searchable: true }),
  // A cell is plain text: escape it so it cannot smuggle markup into the HTML the field stores.
  fromCell: (cell) => ({ value: isBlankCell(cell) ? null : `<p>${escapeHtml(cellText(cell))}</p>` }),
};

export const numberHandler: FieldTypeHandler<NumberField> = {
  computed: false,
  defaultWidget: 'numberInput',
  valueSchema: (f) => numberSchema(f, f.precision),
  storage: () => NUMERIC_STORAGE,
  fromCell: (cell) => numberFromCell(cell),
};

export const moneyHandler: FieldTypeHandler<MoneyField> = {
  computed: false,
  defaultWidget: 'moneyInput',
  // Money defaults to fen (2 decimals): amounts with more digits are a data-entry mistake, not rounding noise.
  valueSchema: (f) => numberSchema(f, f.precision ?? 2),
  storage: () => NUMERIC_STORAGE,
  fromCell: (cell) => numberFromCell(cell),
};

/** Percent is stored as the number shown: 12 means 12 % (not 0.12). */
export const percentHandler: FieldTypeHandler<PercentField> = {
  computed: false,
  defaultWidget: 'percentInput',
  valueSchema: (f) => numberSchema(f, f.precision),
  storage: () => NUMERIC_STORAGE,
  fromCell: (cell) => numberFromCell(cell, true),
};

export const checkboxHandler: FieldTypeHandler<CheckboxField> = {
  computed: false,
  defaultWidget: 'checkbox',
  valueSchema: () => ({ type: 'boolean' }),
  storage: () => ({ column: 'boolean', indexable: true, searchable: false }),
  fromCell: (cell) => {
    if (isBlankCell(cell)) return { value: null };
    const value = parseBooleanCell(cell);
    return value === undefined ? cellError('cellNotBoolean', { value: cellText(cell) }) : { value };
  },
};

export const ratingHandler: FieldTypeHandler<RatingField> = {
  computed: false,
  defaultWidget: 'rate',
  valueSchema: (f) => ({ type: 'integer', minimum: 0, maximum: f.max ?? 5 }),
  storage: () => NUMERIC_STORAGE,
  fromCell: (cell) => {
    // Survey exports often write stars (★★★★☆); count the filled ones.
    if (typeof cell === 'string' && /^[★☆]+$/.test(cell.trim()))
      return { value: cell.replace(/[^★]/g, '').length };
    return numberFromCell(cell);
  },
};

/** Identifier-like text: trimmed, full-width characters folded, inner spaces and dashes removed. */
function compactFromCell(cell: unknown, transform: (text: string) => string): CellResult {
  if (isBlankCell(cell)) return { value: null };
  return { value: transform(toHalfWidth(cellText(cell))) };
}

export const phoneHandler: FieldTypeHandler<PhoneField> = {
  computed: false,
  defaultWidget: 'input',
  valueSchema: () => ({ type: 'string', format: 'mobile-cn' }),
  storage: () => TEXT_STORAGE,
  // Stored as the bare 11 digits so equal numbers compare and index equal.
  fromCell: (cell) => compactFromCell(cell, (t) => t.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '')),
};

export const emailHandler: FieldTypeHandler<EmailField> = {
  computed: false,
  defaultWidget: 'input',
  valueSchema: () => ({ type: 'string', format: 'email' }),
  storage: () => TEXT_STORAGE,
  fromCell: (cell) => compactFromCell(cell, (t) => t.trim()),
};

export const urlHandler: FieldTypeHandler<UrlField> = {
  computed: false,
  defaultWidget: 'input',
  valueSchema: () => ({ type: 'string', format: 'http-url' }),
  storage: () => ({ column: 'text', indexable: false, searchable: false }),
  fromCell: (cell) => compactFromCell(cell, (t) => t.trim()),
};

export const idCardHandler: FieldTypeHandler<IdCardField> = {
  computed: false,
  defaultWidget: 'input',
  valueSchema: () => ({ type: 'string', format: 'resident-id-cn' }),
  storage: () => TEXT_STORAGE,
  fromCell: (cell) => compactFromCell(cell, (t) => t.replace(/\s/g, '').toUpperCase()),
};

export const creditCodeHandler: FieldTypeHandler<CreditCodeField> = {
  computed: false,
  defaultWidget: 'input',
  valueSchema: () => ({ type: 'string', format: 'credit-code-cn' }),
  storage: () => TEXT_STORAGE,
  fromCell: (cell) => compactFromCell(cell, (t) => t.replace(/[\s-]/g, '').toUpperCase()),
};
