import type { AppDefinition, EntityDefinition } from '@lowcode/app-model';

/**
 * The whole app definition with the designed entity in place (or appended when new). Schema changes go
 * through the ordinary import, so the designer always sends a complete definition.
 */
export function withEntity(
  app: AppDefinition,
  entity: EntityDefinition,
  originalKey: string | null,
): AppDefinition {
  const index = originalKey === null ? -1 : app.entities.findIndex((e) => e.key === originalKey);
  const entities =
    index < 0 ? [...app.entities, entity] : app.entities.map((e, i) => (i === index ? entity : e));
  return { ...app, entities };
}

/** A free entity key for a new entity: entity1, entity2 … */
export function nextEntityKey(app: AppDefinition): string {
  for (let n = 1; ; n++) if (!app.entities.some((e) => e.key === `entity${n}`)) return `entity${n}`;
}
