import { type MemberAttributeDefinition } from '@lowcode/app-model';
import { type ErrorDetail } from '../../common/errors/app-error';
import { isUuid } from '../../common/ids';
import { type MemberAttributes } from './member-rules';

/** A member attribute some installed app declares. */
export interface DeclaredAttribute {
  app: string;
  definition: MemberAttributeDefinition;
}

/** A relation attribute's value: the id of a record of `entity` in `app`, still to be looked up. */
export interface RecordReference {
  path: string;
  app: string;
  entity: string;
  id: string;
}

export interface DeclaredCheck {
  problems: ErrorDetail[];
  /** The well-formed ids of relation attributes: whether such records exist is the caller's query. */
  references: RecordReference[];
}

const TYPE_WORDS: Record<MemberAttributeDefinition['type'], string> = {
  text: 'a text',
  number: 'a number',
  boolean: 'true or false',
  select: 'one of its options',
  relation: 'a record id',
};

/** Why one value does not fit its declaration, or undefined when it does. */
function valueProblem(definition: MemberAttributeDefinition, value: unknown): string | undefined {
  switch (definition.type) {
    case 'text':
      return typeof value === 'string' ? undefined : 'must be a text';
    case 'number':
      return typeof value === 'number' ? undefined : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'select': {
      const values = (definition.options ?? []).map((option) => option.value);
      return typeof value === 'string' && values.includes(value)
        ? undefined
        : `${JSON.stringify(value)} is not one of: ${values.join(', ')}`;
    }
    case 'relation':
      return isUuid(value) ? undefined : `${JSON.stringify(value)} is not a record id`;
  }
}

/**
 * Checks the declared attributes among `attributes` (already flat and normalized) against their
 * declarations: the type, a select's options, one value or a list as `multiple` says. Undeclared attributes
 * are not looked at. A key several apps declare must fit every declaration. Relation ids come back as
 * references, for the caller to look up.
 */
export function checkDeclaredAttributes(
  attributes: MemberAttributes,
  declared: readonly DeclaredAttribute[],
): DeclaredCheck {
  const problems: ErrorDetail[] = [];
  const references: RecordReference[] = [];
  const report = (problem: ErrorDetail) => {
    if (!problems.some((known) => known.path === problem.path && known.message === problem.message))
      problems.push(problem);
  };
  for (const { app, definition } of declared) {
    if (!(definition.key in attributes)) continue;
    const value: unknown = attributes[definition.key];
    const path = `attributes.${definition.key}`;
    if (Array.isArray(value) !== !!definition.multiple) {
      report({
        path,
        message: definition.multiple
          ? `must be a list, each ${TYPE_WORDS[definition.type]}`
          : `must be one value (${TYPE_WORDS[definition.type]}), not a list`,
      });
      continue;
    }
    const values: Array<[unknown, string]> = Array.isArray(value)
      ? value.map((item, index) => [item, `${path}[${index}]`])
      : [[value, path]];
    for (const [item, at] of values) {
      const problem = valueProblem(definition, item);
      if (problem) report({ path: at, message: problem });
      else if (definition.type === 'relation' && definition.entity)
        references.push({ path: at, app, entity: definition.entity, id: item as string });
    }
  }
  return { problems, references };
}

/** The references grouped by the table they point into (`app` + entity), ids unique. */
export function referencesByTarget(
  references: readonly RecordReference[],
): Array<{ app: string; entity: string; ids: string[] }> {
  const groups = new Map<string, { app: string; entity: string; ids: Set<string> }>();
  for (const reference of references) {
    const key = `${reference.app}\u0000${reference.entity}`;
    const group = groups.get(key) ?? { app: reference.app, entity: reference.entity, ids: new Set() };
    group.ids.add(reference.id.toLowerCase());
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => ({ ...group, ids: [...group.ids] }));
}
