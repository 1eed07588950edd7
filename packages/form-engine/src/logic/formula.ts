// Formula fields: a JSON-logic expression over `{ record }` (and `row` in a sub-table column), coerced to
// the field's resultType.
import { type FieldDefinition, type FormulaField } from '@lowcode/app-model';
import { assertSafeJsonLogic, evaluateCheckedLogic, isTruthy } from './safe-json-logic';

// Expressions are checked once per expression object, not on every evaluation of a list of records.
const checkedExpressions = new WeakSet<object>();

function isSafe(field: FormulaField): boolean {
  const expression = field.expression;
  if (typeof expression === 'object' && expression !== null && checkedExpressions.has(expression))
    return true;
  try {
    assertSafeJsonLogic(expression, `fields.${field.key}.expression`);
  } catch {
    return false;
  }
  if (typeof expression === 'object' && expression !== null) checkedExpressions.add(expression);
  return true;
}

function coerce(value: unknown, resultType: FormulaField['resultType']): unknown {
  if (value === null || value === undefined) return null;
  switch (resultType) {
    case 'number':
    case 'money': {
      const number = typeof value === 'string' && value.trim() === '' ? NaN : Number(value);
      if (typeof value === 'object' || !Number.isFinite(number)) return null;
      // Money is kept to the fen, as it is paid: 3 × ¥12.333 is ¥37.00, not ¥36.999.
      return resultType === 'money' ? Math.round(number * 100) / 100 : number;
    }
    case 'text':
      return typeof value === 'object' ? null : String(value);
    case 'date': {
      // Dates are ISO strings; a date-time result is cut to its calendar day (in the offset it was written).
      const match = typeof value === 'string' ? /^\d{4}-\d{2}-\d{2}/.exec(value) : null;
      return match ? match[0] : null;
    }
    case 'boolean':
      return isTruthy(value);
  }
}

/**
 * Evaluates a formula field against a record (`{"var": "record.rent"}` reads the record's `rent`) and, for a
 * column of a sub-table, its row (`{"var": "row.quantity"}`). Returns the value coerced to `resultType`, or
 * null when the expression is unsafe, fails, or yields nothing usable. Never throws: a broken formula shows
 * as empty rather than breaking the record.
 */
export function evaluateFormula(
  field: FormulaField,
  record: Record<string, unknown>,
  row?: Record<string, unknown>,
): unknown {
  if (!isSafe(field)) return null;
  try {
    const data = row === undefined ? { record } : { record, row };
    return coerce(evaluateCheckedLogic(field.expression, data), field.resultType);
  } catch {
    return null;
  }
}

const isRow = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every formula of a record, in field order, as the server stores them and a form shows them while it is
 * filled in: the record's formula fields, and the formula columns of each sub-table's rows. A row's formula
 * reads its row and the record as computed so far; a formula after the sub-table reads the rows with
 * theirs (a total over `record.lines`). Answers only what it computed — each formula field, and each
 * sub-table with formula columns as a copy of its rows with those columns filled; `record` is not changed.
 */
export function computeFormulas(
  fields: readonly FieldDefinition[],
  record: Record<string, unknown>,
): Record<string, unknown> {
  const computed: Record<string, unknown> = {};
  // What later formulas read: the record with the values computed so far.
  const current = { ...record };
  for (const field of fields) {
    if (field.type === 'formula') {
      computed[field.key] = evaluateFormula(field, current);
    } else if (field.type === 'subTable' && Array.isArray(current[field.key])) {
      const formulas = field.fields.filter((column): column is FormulaField => column.type === 'formula');
      if (formulas.length === 0) continue;
      computed[field.key] = (current[field.key] as unknown[]).map((row) => {
        if (!isRow(row)) return row;
        const filled = { ...row };
        for (const column of formulas) filled[column.key] = evaluateFormula(column, current, filled);
        return filled;
      });
    } else {
      continue;
    }
    current[field.key] = computed[field.key];
  }
  return computed;
}
