import type { EntityDefinition, FieldDefinition, Locale } from '@lowcode/app-model';
import type { Field, RuleGroupType, RuleType } from 'react-querybuilder';
import { formatQuery } from 'react-querybuilder/formatQuery';
import { parseJsonLogic } from 'react-querybuilder/parseJsonLogic';
import { localize } from '../../../hooks/useLocale';

/**
 * The visual condition builder ↔ JSON-logic of the rule engine. react-querybuilder handles the groups
 * (and / or / not); every comparison is written and read here, so the JSON is exactly the engine's dialect:
 * `{"var":"record.<field>"}` on the left, the engine's case-insensitive `contains` / `startsWith`, and an
 * `empty` test that also treats "" and [] as empty.
 */

export const CONDITION_OPERATORS = [
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'notIn',
  'contains',
  'beginsWith',
  'empty',
  'notEmpty',
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export const UNARY_OPERATORS: readonly ConditionOperator[] = ['empty', 'notEmpty'];

/** Field types whose values are numbers. */
export const NUMERIC = new Set(['number', 'money', 'percent', 'rating', 'rollup', 'autoNumber']);
const DATES = new Set(['date', 'datetime', 'createdAt', 'updatedAt']);
const TEXTS = new Set(['text', 'longText', 'richText', 'phone', 'email', 'url', 'idCard', 'creditCode']);
const CHOICES = new Set(['select', 'status']);
/** Values that are lists (or files): "empty" means no items. */
const LISTS = new Set(['multiSelect', 'attachment', 'image', 'subTable', 'dateRange']);
/** Fields a rule condition cannot compare meaningfully in the builder (the JSON tab still can). */
const NOT_COMPARABLE = new Set(['location', 'signature', 'richText']);

export type ValueKind = 'number' | 'date' | 'text' | 'choice' | 'multiChoice' | 'boolean' | 'list' | 'other';

export function valueKindOf(field: FieldDefinition): ValueKind {
  if (NUMERIC.has(field.type)) return 'number';
  if (DATES.has(field.type)) return 'date';
  if (TEXTS.has(field.type)) return 'text';
  if (CHOICES.has(field.type)) return 'choice';
  if (field.type === 'multiSelect') return 'multiChoice';
  if (field.type === 'checkbox') return 'boolean';
  if (LISTS.has(field.type)) return 'list';
  if (field.type === 'formula') {
    const result = (field as { resultType?: string }).resultType;
    if (result === 'number' || result === 'money') return 'number';
    if (result === 'date') return 'date';
    if (result === 'boolean') return 'boolean';
    return 'text';
  }
  return 'other';
}

/** The operators that make sense for a field's values. */
export function operatorsFor(kind: ValueKind): ConditionOperator[] {
  switch (kind) {
    case 'number':
    case 'date':
      return ['=', '!=', '<', '<=', '>', '>=', 'empty', 'notEmpty'];
    case 'text':
      return ['=', '!=', 'contains', 'beginsWith', 'in', 'notIn', 'empty', 'notEmpty'];
    case 'choice':
      return ['=', '!=', 'in', 'notIn', 'empty', 'notEmpty'];
    case 'multiChoice':
      return ['contains', 'empty', 'notEmpty'];
    case 'boolean':
      return ['='];
    case 'list':
      return ['empty', 'notEmpty'];
    case 'other':
      return ['=', '!=', 'empty', 'notEmpty'];
  }
}

export const fieldVar = (key: string) => `record.${key}`;

export interface ConditionField extends Field {
  kind: ValueKind;
}

/** The builder's fields: the trigger entity's fields by their labels in the UI language. */
export function conditionFields(entity: EntityDefinition | undefined, locale: Locale): ConditionField[] {
  if (!entity) return [];
  return entity.fields
    .filter((field) => !NOT_COMPARABLE.has(field.type))
    .map((field) => {
      const kind = valueKindOf(field);
      const options = 'options' in field && Array.isArray(field.options) ? field.options : undefined;
      return {
        name: fieldVar(field.key),
        value: fieldVar(field.key),
        label: localize(field.label, locale),
        kind,
        inputType:
          kind === 'number'
            ? 'number'
            : kind === 'date'
              ? field.type === 'date'
                ? 'date'
                : 'datetime-local'
              : 'text',
        valueEditorType: options ? 'select' : kind === 'boolean' ? 'checkbox' : 'text',
        values: options?.map((option) => ({
          name: String(option.value),
          value: String(option.value),
          label: localize(option.label, locale),
        })),
        defaultOperator: operatorsFor(kind)[0],
        defaultValue: kind === 'boolean' ? true : undefined,
      } satisfies ConditionField;
    });
}

// ---------------------------------------------------------------- builder → JSON-logic

type Logic = Record<string, unknown>;

function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string')
    return value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
  return value === undefined || value === null ? [] : [value];
}

function typed(value: unknown, kind: ValueKind | undefined): unknown {
  if (kind === 'number' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  if (kind === 'boolean') return value === true || value === 'true';
  return value ?? null;
}

function emptyTest(variable: Logic, kind: ValueKind | undefined): Logic {
  return kind === 'list' || kind === 'multiChoice'
    ? { '==': [{ length: [variable] }, 0] }
    : { in: [variable, [null, '']] };
}

function ruleToLogic(rule: RuleType, kinds: Map<string, ValueKind>): Logic {
  const kind = kinds.get(rule.field);
  const variable = { var: rule.field };
  const operator = rule.operator as ConditionOperator;
  switch (operator) {
    case '=':
      return { '==': [variable, typed(rule.value, kind)] };
    case '!=':
      return { '!=': [variable, typed(rule.value, kind)] };
    case '<':
    case '<=':
    case '>':
    case '>=':
      return { [operator]: [variable, typed(rule.value, kind)] };
    case 'in':
      return { in: [variable, listOf(rule.value).map((v) => typed(v, kind))] };
    case 'notIn':
      return { '!': { in: [variable, listOf(rule.value).map((v) => typed(v, kind))] } };
    case 'contains':
      return { contains: [variable, rule.value ?? ''] };
    case 'beginsWith':
      return { startsWith: [variable, rule.value ?? ''] };
    case 'empty':
      return emptyTest(variable, kind);
    case 'notEmpty':
      return { '!': emptyTest(variable, kind) };
    default:
      throw new Error(`Unknown operator ${String(rule.operator)}`);
  }
}

/** The rule's `condition`: `undefined` when the builder holds no comparison (the rule always matches). */
export function queryToJsonLogic(query: RuleGroupType, fields: ConditionField[]): unknown {
  if (query.rules.length === 0) return undefined;
  const kinds = new Map(fields.map((field) => [field.name, field.kind]));
  const logic = formatQuery(query, {
    format: 'jsonlogic',
    ruleProcessor: (rule: RuleType) => ruleToLogic(rule, kinds),
  }) as unknown;
  return logic === false ? undefined : simplify(logic);
}

/** `{"and":[x]}` and `{"or":[x]}` are just x; the builder writes one-item groups, authors rarely do. */
export function simplify(logic: unknown): unknown {
  if (!isObject(logic) || Object.keys(logic).length !== 1) return logic;
  const [[operator, args]] = Object.entries(logic) as [[string, unknown]];
  if ((operator === 'and' || operator === 'or') && Array.isArray(args))
    return args.length === 1 ? simplify(args[0]) : { [operator]: args.map(simplify) };
  if (operator === '!') return { '!': simplify(args) };
  return logic;
}

// ---------------------------------------------------------------- JSON-logic → builder

const isObject = (value: unknown): value is Logic =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{"var":"record.x"}` → `record.x`; anything else is not a field of the builder. */
function varName(value: unknown): string | undefined {
  if (!isObject(value) || Object.keys(value).length !== 1) return undefined;
  const name = value.var;
  return typeof name === 'string' && /^record\.[A-Za-z][A-Za-z0-9_]*$/.test(name) ? name : undefined;
}

const isLiteral = (value: unknown) =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

function comparison(operator: ConditionOperator) {
  return (args: unknown): RuleType | false => {
    if (!Array.isArray(args) || args.length !== 2) return false;
    const field = varName(args[0]);
    if (!field || !isLiteral(args[1])) return false;
    return { field, operator, value: args[1] };
  };
}

function parseEmpty(logic: unknown): RuleType | false {
  if (!isObject(logic)) return false;
  if (Array.isArray(logic.in) && logic.in.length === 2) {
    const [left, right] = logic.in as unknown[];
    const field = varName(left);
    if (field && Array.isArray(right) && right.length === 2 && right[0] === null && right[1] === '')
      return { field, operator: 'empty', value: null };
  }
  if (Array.isArray(logic['==']) && logic['=='].length === 2) {
    const [left, right] = logic['=='] as unknown[];
    if (right === 0 && isObject(left) && Array.isArray(left.length) && left.length.length === 1) {
      const field = varName(left.length[0]);
      if (field) return { field, operator: 'empty', value: null };
    }
  }
  return false;
}

function parseIn(args: unknown): RuleType | false {
  const empty = parseEmpty({ in: args });
  if (empty) return empty;
  if (!Array.isArray(args) || args.length !== 2) return false;
  const field = varName(args[0]);
  const list = args[1];
  if (!field || !Array.isArray(list) || !list.every(isLiteral)) return false;
  return { field, operator: 'in', value: list };
}

const NEGATED: Partial<Record<ConditionOperator, ConditionOperator>> = {
  in: 'notIn',
  empty: 'notEmpty',
};

const PARSE_OPTIONS = {
  jsonLogicOperations: {
    '==': (args: unknown) => parseEmpty({ '==': args }) || comparison('=')(args),
    '!=': comparison('!='),
    '<': comparison('<'),
    '<=': comparison('<='),
    '>': comparison('>'),
    '>=': comparison('>='),
    in: parseIn,
    contains: comparison('contains'),
    startsWith: comparison('beginsWith'),
    '!': (inner: unknown): RuleType | RuleGroupType | false => {
      const operand = Array.isArray(inner) && inner.length === 1 ? inner[0] : inner;
      const group = parseJsonLogic(operand as never, PARSE_OPTIONS as never) as RuleGroupType;
      if (group.rules.length === 0) return false;
      const only = group.rules.length === 1 && !group.not ? group.rules[0] : undefined;
      if (only && !('rules' in only)) {
        const negated = NEGATED[only.operator as ConditionOperator];
        if (negated) return { ...only, operator: negated };
      }
      return { ...group, not: !group.not };
    },
  },
};

/** Drops ids and empty `not`s so two queries compare by meaning. */
function stripIds(query: RuleGroupType): RuleGroupType {
  return JSON.parse(
    JSON.stringify(query, (key, value: unknown) => (key === 'id' ? undefined : value)),
  ) as RuleGroupType;
}

export type ParsedCondition =
  | { ok: true; query: RuleGroupType }
  /** The JSON is valid for the engine but uses things the builder cannot show (aggregates, dates, arithmetic …). */
  | { ok: false };

/**
 * Reads a rule's condition into the builder. The result is accepted only if writing it back gives the same
 * JSON: the builder never silently drops or changes part of a condition.
 */
export function jsonLogicToQuery(logic: unknown, fields: ConditionField[]): ParsedCondition {
  if (logic === undefined || logic === null) return { ok: true, query: { combinator: 'and', rules: [] } };
  if (!isObject(logic)) return { ok: false };
  const parsed = parseJsonLogic(logic as never, PARSE_OPTIONS as never) as RuleGroupType;
  const query = stripIds(parsed);
  const known = new Set(fields.map((field) => field.name));
  const usesUnknownField = JSON.stringify(query)
    .match(/"field":"([^"]+)"/g)
    ?.some((match) => {
      const name = match.slice(9, -1);
      return !known.has(name);
    });
  if (usesUnknownField) return { ok: false };
  const back = queryToJsonLogic(query, fields);
  return sameJson(back, logic) ? { ok: true, query } : { ok: false };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isObject(value))
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical(value[key])]),
    );
  return value;
}

export const sameJson = (a: unknown, b: unknown) =>
  JSON.stringify(canonical(simplify(a))) === JSON.stringify(canonical(simplify(b)));
