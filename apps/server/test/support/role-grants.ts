import {
  type AppDefinition,
  type FieldDefinition,
  type PermissionAction,
  type ReportDefinition,
} from '@lowcode/app-model';

/**
 * What an app's role definition says one role may do with one entity, read straight from the definition —
 * the authorization-matrix test's own reading, independent of the server's `EntityAccess`.
 */
export interface RoleGrant {
  actions: Set<PermissionAction>;
  /** The scopes of the permissions granting `action`; null when one grants it on every row. */
  scopes(action: PermissionAction): unknown[] | null;
  hidden: Set<string>;
  masked: Set<string>;
  readOnly: Set<string>;
}

export function grantOf(app: AppDefinition, roleKey: string, entityKey: string): RoleGrant {
  const permissions = app.roles
    .filter((role) => role.key === roleKey)
    .flatMap((role) => role.permissions)
    .filter((permission) => permission.entity === entityKey);
  // A field is limited only if every permission that grants access to the entity limits it.
  const limited = (kind: 'hidden' | 'masked' | 'readOnly') =>
    new Set(
      permissions.length === 0
        ? []
        : (permissions[0]!.fields?.[kind] ?? []).filter((field) =>
            permissions.every((permission) => permission.fields?.[kind]?.includes(field)),
          ),
    );
  return {
    actions: new Set(permissions.flatMap((permission) => permission.actions)),
    scopes: (action) => {
      const granting = permissions.filter((permission) => permission.actions.includes(action));
      if (granting.some((permission) => permission.scope === undefined || permission.scope === null))
        return null;
      return granting.map((permission) => permission.scope);
    },
    hidden: limited('hidden'),
    masked: limited('masked'),
    readOnly: limited('readOnly'),
  };
}

/** A variable's value by its dotted name (`record.room.project`, `user.id`). */
export type Resolve = (name: string) => unknown;

const truthy = (value: unknown) => (Array.isArray(value) ? value.length > 0 : Boolean(value));
const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

/**
 * A small JSON-logic evaluator for the operators scopes and report filters use. An operator it does not
 * know fails the test loudly rather than guessing, so a new scope shape gets a reading here first.
 */
export function evaluateLogic(logic: unknown, resolve: Resolve): unknown {
  if (logic === null || typeof logic !== 'object') return logic;
  if (Array.isArray(logic)) return logic.map((item) => evaluateLogic(item, resolve));
  const entries = Object.entries(logic as Record<string, unknown>);
  if (entries.length !== 1) throw new Error(`not a JSON-logic node: ${JSON.stringify(logic)}`);
  const [operator, raw] = entries[0]!;
  if (operator === 'var') {
    if (typeof raw !== 'string') throw new Error(`unsupported var: ${JSON.stringify(raw)}`);
    return resolve(raw);
  }
  const args = (Array.isArray(raw) ? raw : [raw]).map((arg) => evaluateLogic(arg, resolve));
  const [a, b] = args;
  switch (operator) {
    case '==':
      return same(a, b);
    case '!=':
      return !same(a, b);
    case 'in':
      // A list field (`record.projects`, a multiple relation) is in a list when they share a value, as the
      // server compiles it (`&&`, overlap).
      if (Array.isArray(a)) return Array.isArray(b) && a.some((item) => b.includes(item));
      return Array.isArray(b)
        ? b.includes(a)
        : typeof b === 'string' && typeof a === 'string' && b.includes(a);
    case 'and':
      return args.every(truthy);
    case 'or':
      return args.some(truthy);
    case '!':
      return !truthy(a);
    case '!!':
      return truthy(a);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (a === null || a === undefined || b === null || b === undefined) return false;
      const [x, y] = [Number(a), Number(b)];
      return operator === '<' ? x < y : operator === '<=' ? x <= y : operator === '>' ? x > y : x >= y;
    }
    default:
      throw new Error(`the matrix test does not evaluate "${operator}" yet`);
  }
}

export type StoredRow = Record<string, unknown>;

const SYSTEM_COLUMNS: Record<string, string> = {
  id: '_id',
  createdAt: '_created_at',
  createdBy: '_created_by',
  updatedAt: '_updated_at',
  updatedBy: '_updated_by',
};
const SYSTEM_TYPES: Partial<Record<FieldDefinition['type'], string>> = {
  createdAt: '_created_at',
  createdBy: '_created_by',
  updatedAt: '_updated_at',
  updatedBy: '_updated_by',
};

/** The rows of every entity table as PostgreSQL stores them, to evaluate `record.<field>[.<field>]` on. */
export class StoredRows {
  private readonly fields: Map<string, Map<string, FieldDefinition>>;

  constructor(
    app: AppDefinition,
    readonly byEntity: Map<string, Map<string, StoredRow>>,
  ) {
    this.fields = new Map(
      app.entities.map((entity) => [entity.key, new Map(entity.fields.map((field) => [field.key, field]))]),
    );
  }

  live(entityKey: string): StoredRow[] {
    return [...this.byEntity.get(entityKey)!.values()].filter((row) => row._deleted_at === null);
  }

  /** `project` or `room.project` on a stored row of `entityKey` (one relation hop, as scopes allow). */
  value(entityKey: string, row: StoredRow | undefined, path: string[]): unknown {
    if (!row) return null;
    const [head, ...rest] = path;
    const field = this.fields.get(entityKey)!.get(head!);
    const column = (field && SYSTEM_TYPES[field.type]) ?? (field ? head! : SYSTEM_COLUMNS[head!]);
    if (!column) throw new Error(`${entityKey} has no field ${head}`);
    const value = row[column] ?? null;
    if (rest.length === 0) return value;
    if (field?.type !== 'relation' || field.relation.multiple)
      throw new Error(`${entityKey}.${head} is not a single relation`);
    const target = field.relation.entity;
    return this.value(target, this.byEntity.get(target)!.get(value as string), rest);
  }

  /** Whether a stored row is inside one of the scopes (null: no scope, every row) for a member. */
  inScope(
    entityKey: string,
    row: StoredRow,
    scopes: unknown[] | null,
    member: { userId: string; attributes: Record<string, unknown> },
  ): boolean {
    if (scopes === null) return true;
    const resolve: Resolve = (name) => {
      const [head, ...rest] = name.split('.');
      if (head === 'record') return this.value(entityKey, row, rest);
      if (head === 'user') return rest[0] === 'id' ? member.userId : (member.attributes[rest[0]!] ?? null);
      throw new Error(`a scope names ${name}`);
    };
    return scopes.some((scope) => truthy(evaluateLogic(scope, resolve)));
  }
}

/** The entities a report reads and the fields it names, as the report engine plans them (docs/reports.md). */
export function reportReads(
  app: AppDefinition,
  report: ReportDefinition,
): { entities: Set<string>; fields: Array<{ entity: string; field: string }> } {
  const entities = new Set([report.entity]);
  const fields: Array<{ entity: string; field: string }> = [];
  const byKey = (key: string) => app.entities.find((entity) => entity.key === key)!;
  /** Walks a path; answers the relation target of its last step, if that step is a single relation. */
  const walk = (path: string): string | undefined => {
    let current = report.entity;
    let target: string | undefined;
    path.split('.').forEach((part, index, parts) => {
      fields.push({ entity: current, field: part });
      const field = byKey(current).fields.find((candidate) => candidate.key === part);
      target = field?.type === 'relation' && !field.relation.multiple ? field.relation.entity : undefined;
      if (index < parts.length - 1) {
        current = target!;
        entities.add(current);
      }
    });
    return target;
  };
  for (const dimension of report.dimensions) {
    const target = walk(dimension.field);
    if (target) {
      // A relation dimension shows the related record's title: that entity and field are read too.
      const entity = byKey(target);
      entities.add(target);
      fields.push({ entity: target, field: entity.titleField ?? entity.fields[0]!.key });
    }
  }
  for (const measure of report.measures)
    for (const path of [measure.field, measure.startField, measure.dueField, measure.reopenField])
      if (path) walk(path);
  const filterVars = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(filterVars);
    else if (node && typeof node === 'object')
      for (const [operator, args] of Object.entries(node))
        if (operator === 'var' && typeof args === 'string') walk(args.replace(/^record\./, ''));
        else filterVars(args);
  };
  filterVars(report.filter);
  return { entities, fields };
}
