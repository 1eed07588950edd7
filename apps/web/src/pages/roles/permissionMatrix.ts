import { PERMISSION_ACTIONS, type EntityPermission, type PermissionAction } from '@lowcode/app-model';

/** A role's permissions as the editor shows them: entities × actions, a scope and field rules per entity. */
export type ActionMatrix = Record<string, Partial<Record<PermissionAction, boolean>>>;
export const FIELD_FLAGS = ['hidden', 'masked', 'readOnly'] as const;
export type FieldFlag = (typeof FIELD_FLAGS)[number];

export function toMatrix(permissions: EntityPermission[], entities: string[]): ActionMatrix {
  return Object.fromEntries(
    entities.map((entity) => {
      const granted = new Set(permissions.find((p) => p.entity === entity)?.actions ?? []);
      return [entity, Object.fromEntries(PERMISSION_ACTIONS.map((action) => [action, granted.has(action)]))];
    }),
  );
}

/**
 * Writes the matrix back: actions in the format's order, scope and field rules kept, entities that lose every
 * action dropped (a grant with no action means nothing), new ones appended in the matrix's order.
 */
export function applyMatrix(permissions: EntityPermission[], matrix: ActionMatrix): EntityPermission[] {
  const actionsOf = (entity: string) => PERMISSION_ACTIONS.filter((action) => matrix[entity]?.[action]);
  const kept = permissions.flatMap((permission): EntityPermission[] => {
    if (!(permission.entity in matrix)) return [permission];
    const actions = actionsOf(permission.entity);
    return actions.length === 0 ? [] : [{ ...permission, actions }];
  });
  const added = Object.keys(matrix)
    .filter((entity) => !permissions.some((p) => p.entity === entity))
    .flatMap((entity): EntityPermission[] => {
      const actions = actionsOf(entity);
      return actions.length === 0 ? [] : [{ entity, actions }];
    });
  return [...kept, ...added];
}

export function setAction(
  permissions: EntityPermission[],
  entity: string,
  action: PermissionAction,
  granted: boolean,
): EntityPermission[] {
  const matrix = toMatrix(permissions, [entity]);
  matrix[entity]![action] = granted;
  return applyMatrix(permissions, matrix);
}

/** Grants all or none of the actions on an entity. */
export function setAllActions(
  permissions: EntityPermission[],
  entity: string,
  granted: boolean,
): EntityPermission[] {
  return applyMatrix(permissions, {
    [entity]: Object.fromEntries(PERMISSION_ACTIONS.map((action) => [action, granted])),
  });
}

function update(
  permissions: EntityPermission[],
  entity: string,
  change: (permission: EntityPermission) => EntityPermission,
): EntityPermission[] {
  return permissions.map((permission) =>
    permission.entity === entity ? tidy(change(permission)) : permission,
  );
}

/** `undefined` removes the scope: every record of the entity. */
export function setScope(
  permissions: EntityPermission[],
  entity: string,
  scope: unknown,
): EntityPermission[] {
  return update(permissions, entity, (permission) => {
    const { scope: _previous, ...rest } = permission;
    return scope === undefined ? rest : { ...rest, scope };
  });
}

export function fieldFlags(
  permission: EntityPermission | undefined,
  field: string,
): Record<FieldFlag, boolean> {
  return {
    hidden: !!permission?.fields?.hidden?.includes(field),
    masked: !!permission?.fields?.masked?.includes(field),
    readOnly: !!permission?.fields?.readOnly?.includes(field),
  };
}

/** A hidden field is neither shown masked nor edited, so hiding clears the other two. */
export function setFieldFlag(
  permissions: EntityPermission[],
  entity: string,
  field: string,
  flag: FieldFlag,
  on: boolean,
): EntityPermission[] {
  return update(permissions, entity, (permission) => {
    const fields = { ...permission.fields };
    const without = (list: string[] | undefined) => (list ?? []).filter((key) => key !== field);
    if (on && flag === 'hidden') {
      fields.masked = without(fields.masked);
      fields.readOnly = without(fields.readOnly);
    }
    fields[flag] = on ? [...without(fields[flag]), field] : without(fields[flag]);
    return { ...permission, fields };
  });
}

/** Drops empty field lists and an empty `fields`, so an untouched role saves byte-identical. */
function tidy(permission: EntityPermission): EntityPermission {
  if (!permission.fields) return permission;
  const fields = Object.fromEntries(
    Object.entries(permission.fields).filter(([, list]) => Array.isArray(list) && list.length > 0),
  );
  const { fields: _fields, ...rest } = permission;
  return Object.keys(fields).length > 0 ? { ...rest, fields } : rest;
}
