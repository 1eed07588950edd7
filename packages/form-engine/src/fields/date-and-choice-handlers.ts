// Handlers for dates and for fields chosen from a list of options (select, multi-select, status).
import {
  type DateField,
  type DateRangeField,
  type DatetimeField,
  type Locale,
  type MultiSelectField,
  type SelectField,
  type SelectOption,
  type StatusField,
} from '@lowcode/app-model';
import {
  cellText,
  isBlankCell,
  parseDateCell,
  parseDatetimeCell,
  splitListCell,
  splitRangeCell,
  toHalfWidth,
} from '../cells/cell-parsers';
import { localize } from '../messages/localize';
import {
  DEFAULT_UTC_OFFSET,
  type CellResult,
  type FieldTypeHandler,
  type JsonSchema,
  cellError,
} from './field-handler';

// Dates are ISO strings (`YYYY-MM-DD`, date-times with an offset) so they sort and compare as text: the
// `x-minDate` keyword and JSON-logic `>` / `<` on two dates both rely on that.
function dateBounds(field: DateField | DatetimeField | DateRangeField): JsonSchema {
  const bounds: JsonSchema = {};
  if (field.minDate !== undefined) bounds['x-minDate'] = field.minDate;
  if (field.maxDate !== undefined) bounds['x-maxDate'] = field.maxDate;
  return bounds;
}

function dateFromCell(cell: unknown): CellResult {
  if (isBlankCell(cell)) return { value: null };
  const value = parseDateCell(cell);
  return value === undefined ? cellError('cellNotDate', { value: cellText(cell) }) : { value };
}

export const dateHandler: FieldTypeHandler<DateField> = {
  computed: false,
  defaultWidget: 'datePicker',
  valueSchema: (f) => ({ type: 'string', format: 'date', ...dateBounds(f) }),
  storage: () => ({ column: 'date', indexable: true, searchable: false }),
  fromCell: dateFromCell,
};

export const datetimeHandler: FieldTypeHandler<DatetimeField> = {
  computed: false,
  defaultWidget: 'dateTimePicker',
  valueSchema: (f) => ({ type: 'string', format: 'date-time', ...dateBounds(f) }),
  storage: () => ({ column: 'timestamptz', indexable: true, searchable: false }),
  fromCell: (cell, _field, options) => {
    if (isBlankCell(cell)) return { value: null };
    const value = parseDatetimeCell(cell, options?.utcOffset ?? DEFAULT_UTC_OFFSET);
    return value === undefined ? cellError('cellNotDate', { value: cellText(cell) }) : { value };
  },
};

export const dateRangeHandler: FieldTypeHandler<DateRangeField> = {
  computed: false,
  defaultWidget: 'dateRangePicker',
  valueSchema: (f) => {
    const day = { type: 'string', format: 'date', ...dateBounds(f) };
    return {
      type: 'object',
      properties: { start: day, end: day },
      required: ['start', 'end'],
      additionalProperties: false,
      'x-dateRangeOrder': true,
    };
  },
  storage: () => ({ column: 'jsonb', indexable: false, searchable: false }),
  fromCell: (cell) => {
    if (isBlankCell(cell)) return { value: null };
    const ends = splitRangeCell(cell);
    const start = ends && parseDateCell(ends[0]);
    const end = ends && parseDateCell(ends[1]);
    return start && end ? { value: { start, end } } : cellError('cellNotDate', { value: cellText(cell) });
  },
};

/** Option labels in `locale`, for "must be one of" messages. */
export function optionLabels(options: SelectOption[], locale: Locale): string[] {
  return options.map((option) => localize(option.label, locale));
}

/** Finds an option by its value, or by its zh-CN or en label (case-insensitive, full-width folded). */
export function matchOption(options: SelectOption[], text: string): SelectOption | undefined {
  const wanted = toHalfWidth(text).trim().toLowerCase();
  const fold = (value: string | undefined): string | undefined =>
    value && toHalfWidth(value).trim().toLowerCase();
  return (
    options.find((option) => option.value === text.trim()) ??
    options.find(
      (option) =>
        fold(option.value) === wanted ||
        fold(option.label['zh-CN']) === wanted ||
        fold(option.label.en) === wanted,
    )
  );
}

function optionFromCell(cell: unknown, options: SelectOption[]): CellResult {
  if (isBlankCell(cell)) return { value: null };
  const option = matchOption(options, cellText(cell));
  return option ? { value: option.value } : cellError('cellUnknownOption', { value: cellText(cell) });
}

const optionValues = (options: SelectOption[]): string[] => options.map((option) => option.value);

export const selectHandler: FieldTypeHandler<SelectField> = {
  computed: false,
  defaultWidget: 'select',
  valueSchema: (f) => ({ type: 'string', enum: optionValues(f.options) }),
  storage: () => ({ column: 'text', indexable: true, searchable: false }),
  fromCell: (cell, f) => optionFromCell(cell, f.options),
};

export const multiSelectHandler: FieldTypeHandler<MultiSelectField> = {
  computed: false,
  defaultWidget: 'multiSelect',
  valueSchema: (f) => ({
    type: 'array',
    items: { type: 'string', enum: optionValues(f.options) },
    uniqueItems: true,
    ...(f.maxSelected === undefined ? {} : { maxItems: f.maxSelected }),
  }),
  storage: () => ({ column: 'text[]', indexable: true, searchable: false }),
  fromCell: (cell, f) => {
    if (isBlankCell(cell)) return { value: null };
    const values: string[] = [];
    for (const part of splitListCell(cell)) {
      const option = matchOption(f.options, part);
      if (!option) return cellError('cellUnknownOption', { value: part });
      if (!values.includes(option.value)) values.push(option.value);
    }
    return { value: values };
  },
};

export const statusHandler: FieldTypeHandler<StatusField> = {
  computed: false,
  defaultWidget: 'statusSelect',
  valueSchema: (f) => ({ type: 'string', enum: optionValues(f.options) }),
  storage: () => ({ column: 'text', indexable: true, searchable: false }),
  fromCell: (cell, f) => optionFromCell(cell, f.options),
};
