import type { AppDefinition, EntityDefinition, FieldDefinition } from '@lowcode/app-model';

// Field paths of the report language (`room.building`) resolved against the app's entities: which field a
// path ends on, and which entities a report reads (the ones whose record changes refresh its chart).

export type Entities = AppDefinition['entities'];

export const entityOf = (entities: Entities, key: string): EntityDefinition | undefined =>
  entities.find((entity) => entity.key === key);

/** The target entity of a single relation field, if the field is one. */
export function relationTarget(field: FieldDefinition | undefined): string | undefined {
  if (!field || field.type !== 'relation') return undefined;
  return field.relation.multiple ? undefined : field.relation.entity;
}

/** Walks `a.b.c` from `entityKey` through single relations; the entities passed and the last field. */
export function resolvePath(
  entities: Entities,
  entityKey: string,
  path: string,
): { field: FieldDefinition; entities: string[] } | undefined {
  const steps = path.startsWith('record.') ? path.slice('record.'.length).split('.') : path.split('.');
  let current = entityOf(entities, entityKey);
  const passed = [entityKey];
  let field: FieldDefinition | undefined;
  for (const [index, step] of steps.entries()) {
    if (!current) return undefined;
    field = current.fields.find((candidate) => candidate.key === step);
    if (!field) return undefined;
    if (index < steps.length - 1) {
      const next = relationTarget(field);
      if (!next) return undefined;
      passed.push(next);
      current = entityOf(entities, next);
    }
  }
  return field ? { field, entities: passed } : undefined;
}

interface ReportPaths {
  entity: string;
  dimensions: Array<{ field: string }>;
  measures: Array<{ field?: string; startField?: string; dueField?: string; reopenField?: string }>;
  drill?: string[];
  filter?: unknown;
}

function filterVars(logic: unknown, into: string[]): string[] {
  if (Array.isArray(logic)) logic.forEach((part) => filterVars(part, into));
  else if (logic && typeof logic === 'object') {
    for (const [operator, argument] of Object.entries(logic)) {
      if (operator === 'var' && typeof argument === 'string') into.push(argument);
      else filterVars(argument, into);
    }
  }
  return into;
}

/** Every entity whose rows the report reads: its own, each one a path joins through, and relation titles. */
export function entitiesRead(entities: Entities, report: ReportPaths): string[] {
  const read = new Set([report.entity]);
  const paths = [
    ...report.dimensions.map((dimension) => dimension.field),
    ...(report.drill ?? []),
    ...report.measures.flatMap((measure) =>
      [measure.field, measure.startField, measure.dueField, measure.reopenField].filter(
        (path): path is string => typeof path === 'string',
      ),
    ),
    ...filterVars(report.filter, []),
  ];
  for (const path of paths) {
    const resolved = resolvePath(entities, report.entity, path);
    if (!resolved) continue;
    resolved.entities.forEach((key) => read.add(key));
    const title = relationTarget(resolved.field);
    if (title) read.add(title);
  }
  return [...read];
}

/**
 * The condition that narrows a relation filter's choices to what the other chosen filters leave: with a
 * project chosen, the building filter offers that project's buildings — any single relation of the
 * offered entity to a chosen filter's entity. Undefined when nothing narrows it.
 */
export function narrowingCondition(
  entities: Entities,
  offered: string,
  chosen: readonly { entity: string; ids: readonly string[] }[],
): unknown {
  const target = entityOf(entities, offered);
  const conditions = chosen.flatMap(({ entity, ids }) => {
    if (entity === offered || ids.length === 0) return [];
    const link = target?.fields.find((field) => relationTarget(field) === entity);
    return link ? [{ in: [{ var: link.key }, [...ids]] }] : [];
  });
  if (conditions.length === 0) return undefined;
  return conditions.length === 1 ? conditions[0] : { and: conditions };
}
