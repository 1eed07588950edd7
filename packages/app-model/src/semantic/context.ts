// Shared state and helpers of the semantic checks. The checks read the input as `unknown` with guards,
// because they also run on documents that failed the schema: malformed parts are skipped, not trusted.
import { inspectJsonLogic } from '../json-logic';
import { type IssueSink, type Owner, type OwnerKind, type PathPart } from '../issues';

export type Obj = Record<string, unknown>;

export const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The object items of a list with their indexes; anything else is skipped. */
export function items(value: unknown): Array<[number, Obj]> {
  if (!Array.isArray(value)) return [];
  const out: Array<[number, Obj]> = [];
  value.forEach((item, index) => {
    if (isObj(item)) out.push([index, item]);
  });
  return out;
}

/** The string items of a list with their indexes. */
export function strings(value: unknown): Array<[number, string]> {
  if (!Array.isArray(value)) return [];
  const out: Array<[number, string]> = [];
  value.forEach((item, index) => {
    if (typeof item === 'string') out.push([index, item]);
  });
  return out;
}

export interface EntityInfo {
  key: string;
  /** Top-level fields by key (first occurrence wins when a key is duplicated). */
  fields: Map<string, Obj>;
}

export interface Context {
  sink: IssueSink;
  entities: Map<string, EntityInfo>;
  flows: Map<string, Obj>;
  reports: Map<string, Obj>;
  roles: Set<string>;
  /**
   * Whether each list could be read at all. When a list is malformed (say `entities` is not an array),
   * references into it are not reported: the schema error already says what is wrong.
   */
  readable: { entities: boolean; flows: boolean; reports: boolean; roles: boolean };
}

/** Indexes a keyed list by key; the first occurrence wins so later duplicates do not hide the original. */
export function byKey(list: unknown): Map<string, Obj> {
  const map = new Map<string, Obj>();
  for (const [, item] of items(list)) {
    const key = str(item.key);
    if (key !== undefined && !map.has(key)) map.set(key, item);
  }
  return map;
}

export function buildContext(app: Obj, sink: IssueSink): Context {
  const entities = new Map<string, EntityInfo>();
  for (const [key, entity] of byKey(app.entities)) entities.set(key, { key, fields: byKey(entity.fields) });
  return {
    sink,
    entities,
    flows: byKey(app.flows),
    reports: byKey(app.reports),
    roles: new Set(byKey(app.roles).keys()),
    readable: {
      entities: Array.isArray(app.entities),
      flows: Array.isArray(app.flows),
      reports: Array.isArray(app.reports),
      roles: Array.isArray(app.roles),
    },
  };
}

export const owner = (...parts: Array<[OwnerKind, string | number | undefined]>): Owner =>
  parts.map(([kind, key]) => ({ kind, key: key ?? '?' }));

/** Reports every key that appears a second time in a keyed list. */
export function checkDuplicateKeys(
  ctx: Context,
  list: unknown,
  path: PathPart[],
  kind: OwnerKind,
  within: Owner = [],
  keyProp = 'key',
): void {
  const seen = new Set<string>();
  for (const [index, item] of items(list)) {
    const key = str(item[keyProp]);
    if (key === undefined) continue;
    if (seen.has(key)) {
      ctx.sink.error([...path, index, keyProp], 'duplicateKey', {
        kind,
        key,
        ...(within.length > 0 ? { owner: within } : {}),
      });
    }
    seen.add(key);
  }
}

/** Resolves an entity reference, reporting it when it names no entity. */
export function entityRef(ctx: Context, key: unknown, path: PathPart[], who: Owner): EntityInfo | undefined {
  const entityKey = str(key);
  if (entityKey === undefined) return undefined;
  const entity = ctx.entities.get(entityKey);
  if (!entity && ctx.readable.entities)
    ctx.sink.error(path, 'unknownEntity', { owner: who, entity: entityKey });
  return entity;
}

/** Resolves a field reference in a known entity; silent when the entity itself is unknown. */
export function fieldRef(
  ctx: Context,
  entity: EntityInfo | undefined,
  key: unknown,
  path: PathPart[],
  who: Owner,
): Obj | undefined {
  const fieldKey = str(key);
  if (!entity || fieldKey === undefined) return undefined;
  const field = entity.fields.get(fieldKey);
  if (!field) ctx.sink.error(path, 'unknownField', { owner: who, field: fieldKey, entity: entity.key });
  return field;
}

export function fieldRefs(
  ctx: Context,
  entity: EntityInfo | undefined,
  list: unknown,
  path: PathPart[],
  who: Owner,
) {
  for (const [index, key] of strings(list)) fieldRef(ctx, entity, key, [...path, index], who);
}

export interface ExpressionScope {
  /** The entity `record.<field>` and `old.<field>` refer to; undefined when unknown (nothing is checked). */
  entity: EntityInfo | undefined;
  /** Set when there is no record at all (scheduled rules): any record/old variable is an error. */
  noRecord?: boolean;
  /** Columns of a sub-table row, for `row.<column>` inside sub-table formulas. */
  row?: EntityInfo;
}

/** What every record has besides its fields: `record.id` and the like are always readable. */
const RECORD_SYSTEM_KEYS = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy']);

/** Guards a JSON-logic expression and checks the fields its `record.`/`old.`/`row.` variables name. */
export function checkExpression(
  ctx: Context,
  expression: unknown,
  path: PathPart[],
  who: Owner,
  scope: ExpressionScope,
) {
  for (const ref of inspectJsonLogic(expression, path, ctx.sink)) {
    if (ref.root === 'record' || ref.root === 'old') {
      if (scope.noRecord)
        ctx.sink.error(ref.path, 'ruleNoRecord', { owner: who, ref: `{"var":"${ref.text}"}` });
      else if (ref.field !== undefined && !RECORD_SYSTEM_KEYS.has(ref.field))
        fieldRef(ctx, scope.entity, ref.field, ref.path, who);
    } else if (ref.root === 'row' && scope.row && ref.field !== undefined) {
      fieldRef(ctx, scope.row, ref.field, ref.path, who);
    }
  }
}

/** Checks an assignee (flow task, approval cc, escalation, rule notify/createTask) against the app. */
export function checkAssignee(
  ctx: Context,
  value: unknown,
  path: PathPart[],
  who: Owner,
  entity: EntityInfo | undefined,
) {
  if (!isObj(value)) return;
  switch (value.type) {
    case 'role': {
      const role = str(value.role);
      if (role !== undefined && ctx.readable.roles && !ctx.roles.has(role))
        ctx.sink.error([...path, 'role'], 'unknownRole', { owner: who, role });
      break;
    }
    case 'field':
      fieldRef(ctx, entity, value.field, [...path, 'field'], who);
      break;
    case 'expression':
      checkExpression(ctx, value.expression, [...path, 'expression'], who, { entity });
      break;
    case 'autoDispatch':
      if (isObj(value.match)) {
        for (const part of ['area', 'category', 'skill']) {
          fieldRef(ctx, entity, value.match[part], [...path, 'match', part], who);
        }
      }
      break;
    default:
      break;
  }
}

/** Checks a `values` map (create/update record): keys are fields of the target entity, values are expressions. */
export function checkValues(
  ctx: Context,
  values: unknown,
  path: PathPart[],
  who: Owner,
  target: EntityInfo | undefined,
  source: ExpressionScope,
) {
  if (!isObj(values)) return;
  for (const [key, value] of Object.entries(values)) {
    fieldRef(ctx, target, key, [...path, key], who);
    checkExpression(ctx, value, [...path, key], who, source);
  }
}
