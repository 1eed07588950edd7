// Formula fields: a JSON-logic expression over `{ record }`, coerced to the field's resultType.
import { type FormulaField } from '@lowcode/app-model';
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
    case 'number': {
      const number = typeof value === 'string' && value.trim() === '' ? NaN : Number(value);
      return typeof value !== 'object' && Number.isFinite(number) ? number : null;
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
 * Evaluates a formula field against a record (`{"var": "record.rent"}` reads the record's `rent`). Returns
 * the value coerced to `resultType`, or null when the expression is unsafe, fails, or yields nothing usable.
 * Never throws: a broken formula shows as empty rather than breaking the record.
 */
export function evaluateFormula(field: FormulaField, record: Record<string, unknown>): unknown {
  if (!isSafe(field)) return null;
  try {
    return coerce(evaluateCheckedLogic(field.expression, { record }), field.resultType);
  } catch {
    return null;
  }
}
