import {
  type AppDefinition,
  type EntityDefinition,
  parseSubTableCellKey,
  type PermissionAction,
} from '@lowcode/app-model';
import { recordActionsOf } from '../../api-keys/utils/api-key-scopes';
import { AppError } from '../../common/errors/app-error';
import { columnFields, fieldStorage, tableName } from '../utils/entity-storage';
import { compileFilter, type FieldResolver, type QueryableField } from '../utils/record-query';
import { quoteIdent, type SqlParams } from '../utils/sql';

/** Who reads or writes: the workspace role decides whether app roles apply at all. */
export interface Viewer {
  workspaceId: string;
  userId: string | null;
  role: 'admin' | 'member';
  appRoles: string[];
  attributes: Record<string, unknown>;
  /** An API key: its creator's unlimited access, cut down to the record actions its scopes grant. */
  apiKey?: { scopes: readonly string[] };
}

/** A system actor (seed, template install, flows acting for the workspace): no app-role limits. */
export const systemViewer = (workspaceId: string, userId: string | null): Viewer => ({
  workspaceId,
  userId,
  role: 'admin',
  appRoles: [],
  attributes: {},
});

/**
 * What one viewer may do with one entity, from the roles the app defines: the actions, the rows (scope, as
 * SQL over alias `r`), and the fields (hidden, masked, read-only). Workspace admins — the builders — are not
 * limited. Several roles add up: an action or a row is allowed if any role allows it, a field is limited
 * only if every role that grants access limits it.
 */
export class EntityAccess {
  private constructor(
    private readonly viewer: Viewer,
    private readonly grants: NonNullable<AppDefinition['roles'][number]['permissions']>,
    private readonly full: boolean,
    private readonly scopeResolver: FieldResolver,
    /** For an API key: the only actions allowed at all, on every row and field. */
    private readonly keyActions?: ReadonlySet<PermissionAction>,
    /** Per lookup and relation field: how the viewer's roles limit the other entity's field it shows. */
    private readonly oneHopAway: OneHopLimits = { lookups: new Map(), titles: new Map() },
  ) {}

  static of(viewer: Viewer, app: AppDefinition, entity: EntityDefinition, schema: string): EntityAccess {
    const resolver = scopeResolver(app, entity, schema);
    if (viewer.apiKey)
      return new EntityAccess(viewer, [], true, resolver, recordActionsOf(viewer.apiKey.scopes, app.key));
    if (viewer.role === 'admin') return new EntityAccess(viewer, [], true, resolver);
    return new EntityAccess(
      viewer,
      grantsOn(viewer, app, entity.key),
      false,
      resolver,
      undefined,
      limitsOneHopAway(viewer, app, entity),
    );
  }

  can(action: PermissionAction): boolean {
    if (this.keyActions) return this.keyActions.has(action);
    return this.full || this.grants.some((grant) => grant.actions.includes(action));
  }

  /** The SQL condition on rows this action may touch; undefined means every row. */
  scopeSql(action: PermissionAction, params: SqlParams): string | undefined {
    if (this.keyActions && !this.keyActions.has(action)) return 'FALSE';
    if (this.full) return undefined;
    const granting = this.grants.filter((grant) => grant.actions.includes(action));
    if (granting.length === 0) return 'FALSE';
    if (granting.some((grant) => grant.scope === undefined || grant.scope === null)) return undefined;
    const parts = granting.map((grant) => {
      const added = params.values.length;
      try {
        return compileFilter(bindUser(grant.scope, this.viewer), this.scopeResolver, params);
      } catch {
        // A scope the server cannot read grants nothing — a member without the attribute it names (a butler
        // with no projects yet) included. The values it had added go too: PostgreSQL refuses a statement
        // with a parameter nothing uses.
        params.values.length = added;
        return 'FALSE';
      }
    });
    return `(${parts.join(' OR ')})`;
  }

  /** A lookup field is also hidden or masked when the field it looks up is, for this viewer, on its entity. */
  hidden = (field: string) =>
    this.limited(field, 'hidden') || this.oneHopAway.lookups.get(field) === 'hidden';
  masked = (field: string) =>
    this.limited(field, 'masked') || this.oneHopAway.lookups.get(field) === 'masked';
  readOnly = (field: string) => this.limited(field, 'readOnly');

  /**
   * How a relation's `display` (the linked records' titles) is limited: by the viewer's field rules on the
   * title field of the linked entity, so an ID number used as a title stays masked where the ID is. A record
   * names the records it links to whether or not the viewer may open them (as a bill names its room for a
   * tenant who cannot browse rooms), so row scopes do not apply to titles.
   */
  titleLimit = (relation: string): FieldLimit => this.oneHopAway.titles.get(relation);

  /**
   * How a `display` entry is limited: a relation's titles by `titleLimit`, a sub-table cell's
   * (`partsUsed[0].part`) by its column's, and either masked with the field that holds it.
   */
  displayLimit(key: string): FieldLimit {
    const cell = parseSubTableCellKey(key);
    const field = cell?.table ?? key;
    return (
      this.titleLimit(cell ? `${cell.table}.${cell.column}` : key) ??
      (this.masked(field) ? 'masked' : undefined)
    );
  }

  /** Whether the viewer sees a field's stored value whole (neither hidden nor masked). */
  seesWhole = (field: string) => !this.hidden(field) && !this.masked(field);

  /**
   * The query resolver a viewer filters and sorts with. A hidden or masked field is refused before anything is
   * compiled: comparing it would reveal it one guess at a time (a masked ID number digit by digit), and even a
   * type error would tell its type. Reports refuse the same fields.
   */
  guardResolver(resolve: FieldResolver, place: 'filter' | 'sort'): FieldResolver {
    return (key) => {
      if (!this.seesWhole(key))
        throw new AppError('FORBIDDEN', {}, [
          { path: place, message: `your role may not ${place} by "${key}"` },
        ]);
      return resolve(key);
    };
  }

  /**
   * The text search condition (`pattern` is an ILIKE parameter) on the fields this viewer sees whole, or
   * undefined when that is every searchable field and the indexed `_search` column alone answers. `_search`
   * holds hidden and masked fields too, so for a limited viewer a match must also be in a visible field.
   */
  visibleSearchSql(entity: EntityDefinition, alias: string, pattern: string): string | undefined {
    const searchable = columnFields(entity).filter((storage) => storage.searchable);
    const visible = searchable.filter((storage) => this.seesWhole(storage.field.key));
    if (visible.length === searchable.length) return undefined;
    if (visible.length === 0) return 'FALSE';
    const texts = visible.map((storage) => {
      const column = `${alias}.${quoteIdent(storage.column)}`;
      return storage.sqlType === 'text[]' ? `array_to_string(${column}, ' ')` : `${column}::text`;
    });
    return `concat_ws(' ', ${texts.join(', ')}) ILIKE ${pattern}`;
  }

  private limited(field: string, kind: 'hidden' | 'masked' | 'readOnly'): boolean {
    return !this.full && limitedBy(this.grants, field, kind);
  }
}

type Grant = NonNullable<AppDefinition['roles'][number]['permissions']>[number];
type FieldLimit = 'hidden' | 'masked' | undefined;
interface OneHopLimits {
  lookups: ReadonlyMap<string, FieldLimit>;
  titles: ReadonlyMap<string, FieldLimit>;
}

const grantsOn = (viewer: Viewer, app: AppDefinition, entity: string): Grant[] =>
  app.roles
    .filter((role) => viewer.appRoles.includes(role.key))
    .flatMap((role) => role.permissions)
    .filter((permission) => permission.entity === entity);

/** A field is limited only if every grant on its entity limits it (no grants: nothing to limit). */
const limitedBy = (grants: Grant[], field: string, kind: 'hidden' | 'masked' | 'readOnly'): boolean =>
  grants.length > 0 && grants.every((grant) => grant.fields?.[kind]?.includes(field) ?? false);

/**
 * For each lookup field, the limit on the field it reads; for each relation, the limit on the linked
 * entity's title field. Read one hop away, they would otherwise show what the viewer may not see there.
 */
function limitsOneHopAway(viewer: Viewer, app: AppDefinition, entity: EntityDefinition): OneHopLimits {
  const lookups = new Map<string, FieldLimit>();
  const titles = new Map<string, FieldLimit>();
  const limitOn = (entityKey: string, field: string): FieldLimit => {
    const grants = grantsOn(viewer, app, entityKey);
    if (limitedBy(grants, field, 'hidden')) return 'hidden';
    return limitedBy(grants, field, 'masked') ? 'masked' : undefined;
  };
  const relationTarget = (key: string) => {
    const relation = entity.fields.find((field) => field.key === key);
    return relation?.type === 'relation'
      ? app.entities.find((candidate) => candidate.key === relation.relation.entity)
      : undefined;
  };
  for (const field of entity.fields) {
    if (field.type === 'lookup') {
      const target = relationTarget(field.lookup.relation);
      if (target) lookups.set(field.key, limitOn(target.key, field.lookup.field));
      // A lookup of a relation shows the titles of the records two hops away, limited as their title field.
      const looked = target?.fields.find((candidate) => candidate.key === field.lookup.field);
      const farther =
        looked?.type === 'relation'
          ? app.entities.find((candidate) => candidate.key === looked.relation.entity)
          : undefined;
      const title = farther && (farther.titleField ?? farther.fields[0]?.key);
      if (farther && title) titles.set(field.key, limitOn(farther.key, title));
    } else if (field.type === 'relation') {
      const target = relationTarget(field.key);
      const title = target && (target.titleField ?? target.fields[0]?.key);
      if (target && title) titles.set(field.key, limitOn(target.key, title));
    } else if (field.type === 'subTable') {
      // A row's relation cell shows the linked record's title as a relation field does (`partsUsed.part`).
      for (const column of field.fields) {
        if (column.type !== 'relation') continue;
        const target = app.entities.find((candidate) => candidate.key === column.relation.entity);
        const title = target && (target.titleField ?? target.fields[0]?.key);
        if (target && title) titles.set(`${field.key}.${column.key}`, limitOn(target.key, title));
      }
    }
  }
  return { lookups, titles };
}

/** `{"var": "user.id"}` and `{"var": "user.<attribute>"}` become the viewer's values before compiling. */
function bindUser(logic: unknown, viewer: Viewer): unknown {
  if (Array.isArray(logic)) return logic.map((item) => bindUser(item, viewer));
  if (!logic || typeof logic !== 'object') return logic;
  const entries = Object.entries(logic);
  const [operator, argument] = entries[0] ?? [];
  if (
    entries.length === 1 &&
    operator === 'var' &&
    typeof argument === 'string' &&
    argument.startsWith('user.')
  ) {
    const name = argument.slice('user.'.length);
    if (name === 'id') return viewer.userId;
    return Object.prototype.hasOwnProperty.call(viewer.attributes, name)
      ? (viewer.attributes[name] ?? null)
      : null;
  }
  return Object.fromEntries(entries.map(([key, value]) => [key, bindUser(value, viewer)]));
}

/** `record.<field>` and `record.<relation>.<field>` (one hop, through a sub-select) as trusted SQL. */
function scopeResolver(app: AppDefinition, entity: EntityDefinition, schema: string): FieldResolver {
  const columnOf = (target: EntityDefinition, key: string, alias: string): QueryableField | undefined => {
    const field = target.fields.find((candidate) => candidate.key === key);
    const system: Record<string, QueryableField> = {
      id: { sql: `${alias}._id`, type: 'uuid' },
      createdBy: { sql: `${alias}._created_by`, type: 'uuid' },
      updatedBy: { sql: `${alias}._updated_by`, type: 'uuid' },
    };
    if (!field) return Object.prototype.hasOwnProperty.call(system, key) ? system[key] : undefined;
    const storage = fieldStorage(field);
    if (storage.kind === 'system') return { sql: `${alias}.${storage.column}`, type: storage.sqlType };
    if (storage.kind !== 'column') return undefined;
    return { sql: `${alias}.${quoteIdent(storage.column)}`, type: storage.sqlType };
  };
  return (path) => {
    const [head, first, second, ...rest] = path.split('.');
    if (head !== 'record' || !first || rest.length) return undefined;
    if (!second) return columnOf(entity, first, 'r');
    const relation = entity.fields.find((field) => field.key === first);
    if (relation?.type !== 'relation' || relation.relation.multiple) return undefined;
    const target = app.entities.find((candidate) => candidate.key === relation.relation.entity);
    const inner = target && columnOf(target, second, 's');
    if (!target || !inner) return undefined;
    return {
      sql: `(SELECT ${inner.sql} FROM ${tableName(schema, target.key)} s WHERE s._id = r.${quoteIdent(relation.key)})`,
      type: inner.type,
    };
  };
}

/** `110105194912310021` → `110***********0021`: enough to recognise, not enough to misuse. */
export function maskValue(value: unknown): unknown {
  if (typeof value !== 'string') return value === null || value === undefined ? value : '***';
  if (value.length <= 4) return '*'.repeat(value.length);
  const keep = Math.min(4, Math.floor(value.length / 4));
  return `${value.slice(0, Math.min(3, keep))}${'*'.repeat(value.length - Math.min(3, keep) - keep)}${value.slice(-keep)}`;
}
