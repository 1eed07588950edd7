import { type AppDefinition, type EntityDefinition, type FieldDefinition } from '@lowcode/app-model';
import { recordFieldsRead } from '@lowcode/form-engine';

/**
 * Which stored formulas a write can make stale.
 *
 * Formulas are computed at write time and stored (so lists filter, sort and chart them in SQL), while lookups
 * and rollups are read live from other rows. A formula that reads a lookup or rollup (directly or through
 * another formula) is therefore stale when those other rows change: a contract's 月租金 = the room's 面积 ×
 * 单价 after the room is re-measured, a bill's 未付 = 金额 − its payments' sum after a payment. For every
 * entity, this lists the entities whose formulas its writes reach and how to find the records concerned.
 */
export type FormulaReach =
  /**
   * The record itself, restored: the other rows may have changed while it was deleted. (A create or an update
   * computes its formulas with the lookups of its relations as written: see computeServerFields.)
   */
  | { kind: 'self'; entity: string }
  /** Records of `entity` whose relation `relation` points at the written record, when `fields` of it change. */
  | { kind: 'lookup'; entity: string; relation: string; multiple: boolean; fields: ReadonlySet<string> }
  /**
   * Records of `entity` that the written record's relation `relation` points at (before and after), when it
   * is created, deleted or restored, or `fields` of it change.
   */
  | { kind: 'rollup'; entity: string; relation: string; fields: ReadonlySet<string> };

/** System fields a lookup may show; they change with every write, so any write of the target counts. */
const SYSTEM_FIELD_TYPES = new Set(['createdAt', 'createdBy', 'updatedAt', 'updatedBy']);

/** By the key of the entity written: whose formulas its writes can make stale. Empty for most apps. */
export function formulaReaches(app: AppDefinition): Map<string, FormulaReach[]> {
  const reaches = new Map<string, FormulaReach[]>();
  const add = (source: string, reach: FormulaReach) => {
    const list = reaches.get(source);
    if (list) list.push(reach);
    else reaches.set(source, [reach]);
  };
  for (const entity of app.entities) {
    const liveFields = liveFieldsReadByFormulas(entity);
    for (const field of liveFields) {
      if (field.type === 'lookup') {
        const relation = relationField(entity, field.lookup.relation);
        if (!relation) continue;
        const target = app.entities.find((candidate) => candidate.key === relation.relation.entity);
        const shown = target?.fields.find((candidate) => candidate.key === field.lookup.field);
        if (!target || !shown) continue;
        add(target.key, {
          kind: 'lookup',
          entity: entity.key,
          relation: relation.key,
          multiple: relation.relation.multiple === true,
          // An empty set: any write of the target (a system field such as updatedAt changes with each).
          fields: new Set(SYSTEM_FIELD_TYPES.has(shown.type) ? [] : [shown.key]),
        });
      } else if (field.type === 'rollup') {
        const source = app.entities.find((candidate) => candidate.key === field.rollup.entity);
        if (!source || !relationField(source, field.rollup.relation)) continue;
        add(source.key, {
          kind: 'rollup',
          entity: entity.key,
          relation: field.rollup.relation,
          fields: new Set([field.rollup.relation, ...(field.rollup.field ? [field.rollup.field] : [])]),
        });
      }
    }
    if (liveFields.length > 0) add(entity.key, { kind: 'self', entity: entity.key });
  }
  return reaches;
}

const liveFieldsCache = new WeakMap<EntityDefinition, FieldDefinition[]>();

/** The lookups and rollups an entity's formulas read, directly or through its other formulas. */
export function liveFieldsReadByFormulas(entity: EntityDefinition): FieldDefinition[] {
  let found = liveFieldsCache.get(entity);
  if (!found) liveFieldsCache.set(entity, (found = findLiveFields(entity)));
  return found;
}

function findLiveFields(entity: EntityDefinition): FieldDefinition[] {
  const byKey = new Map(entity.fields.map((field) => [field.key, field]));
  const live = new Set<string>();
  const visiting = new Set<string>();
  /** The live fields a field stands on (a formula through what it reads; cycles are refused on import). */
  const liveUnder = (key: string): string[] => {
    const field = byKey.get(key);
    if (!field || visiting.has(key)) return [];
    if (field.type === 'lookup' || field.type === 'rollup') return [key];
    if (field.type !== 'formula') return [];
    visiting.add(key);
    const found = [...recordFieldsRead(field.expression)].flatMap(liveUnder);
    visiting.delete(key);
    return found;
  };
  for (const field of entity.fields)
    if (field.type === 'formula') for (const key of liveUnder(field.key)) live.add(key);
  return [...live].map((key) => byKey.get(key)!);
}

function relationField(entity: EntityDefinition, key: string) {
  const field = entity.fields.find((candidate) => candidate.key === key);
  return field?.type === 'relation' ? field : undefined;
}
