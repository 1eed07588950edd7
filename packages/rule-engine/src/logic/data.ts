// Conditions evaluate on a frozen, null-prototype deep copy of the data: no path finds an inherited property,
// no operation can change the caller's objects, and over-long lists are refused before anything loops.
import { RuleEvaluationError } from '../errors';
import { type RuleData } from '../types';
import { MAX_ARRAY_LENGTH } from './operations';

export const MAX_DATA_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

declare const preparedBrand: unique symbol;
/** Rule data already copied by prepareRuleData; evaluating it again copies nothing. */
export type PreparedRuleData = RuleData & { readonly [preparedBrand]: true };

const prepared = new WeakSet<object>();

function copy(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint'
      ? undefined
      : value;
  }
  if (depth > MAX_DATA_DEPTH) throw new RuleEvaluationError('dataTooDeep', 'data', { limit: MAX_DATA_DEPTH });
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) {
    if (value.length > MAX_ARRAY_LENGTH)
      throw new RuleEvaluationError('arrayTooLong', 'data', {
        length: value.length,
        limit: MAX_ARRAY_LENGTH,
      });
    const items = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i += 1) items[i] = copy(value[i], depth + 1);
    return Object.freeze(items);
  }
  const result = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const item = copy((value as Record<string, unknown>)[key], depth + 1);
    if (item !== undefined) result[key] = item;
  }
  return Object.freeze(result);
}

/** A frozen null-prototype deep copy of any JSON-like value (Dates become ISO strings). */
export const safeCopy = (value: unknown): unknown => copy(value, 0);

/**
 * Copies rule data once so many rules can evaluate it: the server prepares an event's data and hands the
 * same object to every matching rule.
 */
export function prepareRuleData(data: RuleData | PreparedRuleData): PreparedRuleData {
  if (prepared.has(data)) return data as PreparedRuleData;
  const result = copy(data, 0) as PreparedRuleData;
  prepared.add(result);
  return result;
}
