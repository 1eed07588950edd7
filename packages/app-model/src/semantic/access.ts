// Semantic checks of roles (permissions) and seed data.
import { type Owner, type PathPart } from '../issues';
import {
  type Context,
  type EntityInfo,
  type Obj,
  byKey,
  checkDuplicateKeys,
  checkExpression,
  entityRef,
  fieldRef,
  fieldRefs,
  isObj,
  items,
  owner,
  str,
} from './context';

export function checkRoles(ctx: Context, app: Obj) {
  checkDuplicateKeys(ctx, app.roles, ['roles'], 'role');
  for (const [index, role] of items(app.roles)) {
    const path: PathPart[] = ['roles', index];
    const who = owner(['role', str(role.key) ?? index]);
    const seen = new Set<string>();
    for (const [pIndex, permission] of items(role.permissions)) {
      const at = [...path, 'permissions', pIndex];
      const entityKey = str(permission.entity);
      if (entityKey !== undefined && seen.has(entityKey)) {
        ctx.sink.error([...at, 'entity'], 'duplicatePermission', { owner: who, entity: entityKey });
      }
      if (entityKey !== undefined) seen.add(entityKey);
      const entity = entityRef(ctx, permission.entity, [...at, 'entity'], who);
      if (isObj(permission.fields)) {
        for (const list of ['hidden', 'readOnly', 'masked']) {
          fieldRefs(ctx, entity, permission.fields[list], [...at, 'fields', list], who);
        }
      }
      checkExpression(ctx, permission.scope, [...at, 'scope'], who, { entity });
    }
  }
}

/** The `_key`s of each entity's seed records, so relation values can point at other seed records. */
function seedKeys(seed: Obj): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  for (const [entity, records] of Object.entries(seed)) {
    const set = new Set<string>();
    for (const [, record] of items(records)) {
      const key = str(record._key);
      if (key !== undefined) set.add(key);
    }
    keys.set(entity, set);
  }
  return keys;
}

function checkRecordValues(
  ctx: Context,
  record: Obj,
  entity: EntityInfo,
  path: PathPart[],
  who: Owner,
  keys: Map<string, Set<string>>,
) {
  for (const [fieldKey, value] of Object.entries(record)) {
    if (fieldKey === '_key') continue;
    const field = fieldRef(ctx, entity, fieldKey, [...path, fieldKey], who);
    if (!field) continue;
    if (field.type === 'relation' && isObj(field.relation)) {
      const target = String(field.relation.entity);
      // An unknown target entity is reported on the field itself; its seed references are not judged.
      if (!ctx.entities.has(target)) continue;
      const values = Array.isArray(value)
        ? value.map((v, i) => [v, [...path, fieldKey, i]] as const)
        : [[value, [...path, fieldKey]] as const];
      for (const [ref, at] of values) {
        if (typeof ref === 'string' && !keys.get(target)?.has(ref)) {
          ctx.sink.error(at, 'unresolvedSeedReference', {
            owner: who,
            field: fieldKey,
            value: ref,
            entity: target,
          });
        }
      }
    }
    if (field.type === 'subTable') {
      const columns: EntityInfo = { key: entity.key, fields: byKey(field.fields) };
      for (const [rowIndex, row] of items(value)) {
        for (const column of Object.keys(row))
          fieldRef(ctx, columns, column, [...path, fieldKey, rowIndex, column], who);
      }
    }
  }
}

export function checkSeed(ctx: Context, app: Obj) {
  if (!isObj(app.seed)) return;
  const keys = seedKeys(app.seed);
  for (const [entityKey, records] of Object.entries(app.seed)) {
    const path: PathPart[] = ['seed', entityKey];
    const entity = entityRef(ctx, entityKey, path, owner(['seed', entityKey]));
    if (!entity) continue;
    checkDuplicateKeys(ctx, records, path, 'record', owner(['seed', entityKey]), '_key');
    for (const [index, record] of items(records)) {
      checkRecordValues(
        ctx,
        record,
        entity,
        [...path, index],
        owner(['seed', entityKey], ['record', index]),
        keys,
      );
    }
  }
}
