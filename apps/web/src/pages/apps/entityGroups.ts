import type { EntityDefinition, Locale } from '@lowcode/app-model';
import { localize } from '../../hooks/useLocale';

export interface EntityGroup<T> {
  /** The section's name; undefined for the entities no section names (listed last). */
  label: string | undefined;
  items: T[];
}

/**
 * Items (entities, or entities with what the user may do) in the sections their entities' `group` names, in
 * the order each section first appears; ungrouped ones last. One section without a name when none has one.
 */
export function groupByEntity<T>(
  items: T[],
  entityOf: (item: T) => EntityDefinition,
  locale: Locale,
): EntityGroup<T>[] {
  const groups: EntityGroup<T>[] = [];
  const rest: T[] = [];
  for (const item of items) {
    const group = entityOf(item).group;
    const label = group ? localize(group, locale).trim() : '';
    if (!label) {
      rest.push(item);
      continue;
    }
    const found = groups.find((candidate) => candidate.label === label);
    if (found) found.items.push(item);
    else groups.push({ label, items: [item] });
  }
  if (rest.length > 0) groups.push({ label: undefined, items: rest });
  return groups;
}
