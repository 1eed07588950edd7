/**
 * Row scopes as simple conditions, for the builder; anything else stays JSON-logic in the raw editor.
 * Shapes (those the property template uses):
 *   record.<field> is the current user       {"==":[{"var":"record.technician"},{"var":"user.id"}]}
 *   record.<field> is in the user's <attr>   {"in":[{"var":"record.project"},{"var":"user.projects"}]}
 *   record.<field> equals the user's <attr>  {"==":[{"var":"record.department"},{"var":"user.department"}]}
 * joined by "or" (any) or "and" (all). `<field>` may go one relation hop further (`room.butler`).
 */
export type ScopeCondition =
  | { kind: 'isUser'; field: string }
  | { kind: 'inAttribute'; field: string; attribute: string }
  | { kind: 'equalsAttribute'; field: string; attribute: string };

export interface ScopeModel {
  match: 'any' | 'all';
  conditions: ScopeCondition[];
}

const PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/;
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function varOf(node: unknown, prefix: 'record.' | 'user.'): string | undefined {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const entries = Object.entries(node);
  if (entries.length !== 1 || entries[0]![0] !== 'var' || typeof entries[0]![1] !== 'string')
    return undefined;
  const name = entries[0]![1];
  return name.startsWith(prefix) ? name.slice(prefix.length) : undefined;
}

function parseCondition(node: unknown): ScopeCondition | undefined {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const entries = Object.entries(node);
  if (entries.length !== 1) return undefined;
  const [operator, args] = entries[0]!;
  if (!Array.isArray(args) || args.length !== 2) return undefined;
  const field = varOf(args[0], 'record.');
  const user = varOf(args[1], 'user.');
  if (!field || !user || !PATH.test(field) || !NAME.test(user)) return undefined;
  if (operator === '==' && user === 'id') return { kind: 'isUser', field };
  if (operator === '==') return { kind: 'equalsAttribute', field, attribute: user };
  if (operator === 'in' && user !== 'id') return { kind: 'inAttribute', field, attribute: user };
  return undefined;
}

/** The builder's model of a scope, or null when the scope says more than the builder can show. */
export function parseScope(scope: unknown): ScopeModel | null {
  if (scope === undefined || scope === null) return { match: 'any', conditions: [] };
  const single = parseCondition(scope);
  if (single) return { match: 'any', conditions: [single] };
  if (!scope || typeof scope !== 'object' || Array.isArray(scope)) return null;
  const entries = Object.entries(scope);
  if (entries.length !== 1) return null;
  const [operator, args] = entries[0]!;
  if ((operator !== 'or' && operator !== 'and') || !Array.isArray(args) || args.length === 0) return null;
  const conditions = args.map(parseCondition);
  if (conditions.some((condition) => !condition)) return null;
  return { match: operator === 'or' ? 'any' : 'all', conditions: conditions as ScopeCondition[] };
}

function conditionLogic(condition: ScopeCondition): unknown {
  const record = { var: `record.${condition.field}` };
  switch (condition.kind) {
    case 'isUser':
      return { '==': [record, { var: 'user.id' }] };
    case 'equalsAttribute':
      return { '==': [record, { var: `user.${condition.attribute}` }] };
    case 'inAttribute':
      return { in: [record, { var: `user.${condition.attribute}` }] };
  }
}

/** Whether a condition is filled in enough to save. */
export function isComplete(condition: ScopeCondition): boolean {
  if (!PATH.test(condition.field)) return false;
  return condition.kind === 'isUser' || (NAME.test(condition.attribute) && condition.attribute !== 'id');
}

/** JSON-logic for the model; `undefined` (no scope: every record) when there are no conditions. */
export function buildScope(model: ScopeModel): unknown {
  const conditions = model.conditions.filter(isComplete).map(conditionLogic);
  if (conditions.length === 0) return undefined;
  if (conditions.length === 1) return conditions[0];
  return { [model.match === 'any' ? 'or' : 'and']: conditions };
}
