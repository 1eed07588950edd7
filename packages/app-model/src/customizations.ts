// Upgrading an installed template over an app its customer has extended. The template's new version decides
// everything it defines; what the customer added beside it (an entity, a field, a print template, a
// validation, a flow, a rule, a report, a dashboard, a role, a member attribute, or a template role's
// permission on an entity of their own) stays. Without the template's previous version we cannot tell "the
// customer added it" from "the template dropped it", and keeping the second is harmless (its data is kept
// anyway) while dropping the first loses the customer's work.
import { type AppDefinition, type EntityDefinition, type RoleDefinition } from './types';

type Keyed = { key: string };

/** `upgrade` with everything of `current` it lacks appended, list by list (see above). */
export function keepCustomizations(upgrade: AppDefinition, current: AppDefinition): AppDefinition {
  // Optional section: absent stays absent, so an app that declares none is unchanged.
  const memberAttributes = mergeKeyed(upgrade.memberAttributes, current.memberAttributes);
  return {
    ...upgrade,
    ...(memberAttributes.length > 0 ? { memberAttributes } : {}),
    entities: mergeKeyed(upgrade.entities, current.entities, mergeEntity),
    flows: mergeKeyed(upgrade.flows, current.flows),
    rules: mergeKeyed(upgrade.rules, current.rules),
    reports: mergeKeyed(upgrade.reports, current.reports),
    dashboards: mergeKeyed(upgrade.dashboards, current.dashboards),
    roles: mergeKeyed(upgrade.roles, current.roles, (upgraded, customized) =>
      mergeRole(upgraded, customized, new Set(upgrade.entities.map((entity) => entity.key))),
    ),
  };
}

/** The items of `upgrade`, each merged with its namesake in `current`, then `current`'s own items. */
function mergeKeyed<T extends Keyed>(
  upgrade: readonly T[] | undefined,
  current: readonly T[] | undefined,
  merge: (upgraded: T, customized: T) => T = (upgraded) => upgraded,
): T[] {
  const mine = new Map((current ?? []).map((item) => [item.key, item]));
  const theirs = new Set((upgrade ?? []).map((item) => item.key));
  return [
    ...(upgrade ?? []).map((item) => (mine.has(item.key) ? merge(item, mine.get(item.key)!) : item)),
    ...(current ?? []).filter((item) => !theirs.has(item.key)),
  ];
}

function mergeEntity(upgraded: EntityDefinition, customized: EntityDefinition): EntityDefinition {
  const merged: EntityDefinition = {
    ...upgraded,
    fields: mergeKeyed(upgraded.fields, customized.fields),
  };
  const validations = mergeKeyed(upgraded.validations, customized.validations);
  if (validations.length > 0) merged.validations = validations;
  const documents = mergeKeyed(upgraded.documents, customized.documents);
  if (documents.length > 0) merged.documents = documents;
  return merged;
}

/**
 * A template's role keeps what it was granted on the customer's own entities. On the template's entities the
 * template's version decides: it may have narrowed a grant on purpose, and a wider one must not come back.
 */
function mergeRole(
  upgraded: RoleDefinition,
  customized: RoleDefinition,
  templateEntities: ReadonlySet<string>,
): RoleDefinition {
  return {
    ...upgraded,
    permissions: [
      ...upgraded.permissions,
      ...customized.permissions.filter((permission) => !templateEntities.has(permission.entity)),
    ],
  };
}
