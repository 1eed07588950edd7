// What compiling one rule needs to know about the app, and the lookups that throw typed errors.
import { type AppDefinition, type EntityDefinition, type FieldDefinition } from '@lowcode/app-model';
import { RuleCompileError } from '../errors';

/** Columns every record has besides its fields (docs/records.md). */
export const SYSTEM_FIELDS = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy']);

export interface RuleContext {
  app: AppDefinition;
  ruleKey: string;
  /** `rules.<key>`, the prefix of every error path. */
  path: string;
  timeZone: string;
  /** The entity `record` means; undefined for scheduled rules. */
  entity: EntityDefinition | undefined;
  noRecord: boolean;
}

export function findEntity(app: AppDefinition, key: unknown, path: string): EntityDefinition {
  const entity = app.entities.find((item) => item.key === key);
  if (!entity) throw new RuleCompileError('unknownEntity', path, { entity: String(key) });
  return entity;
}

/** The field, or undefined for a system column; throws for anything else. */
export function findField(entity: EntityDefinition, key: unknown, path: string): FieldDefinition | undefined {
  const field = entity.fields.find((item) => item.key === key);
  if (field || (typeof key === 'string' && SYSTEM_FIELDS.has(key))) return field;
  throw new RuleCompileError('unknownField', path, { entity: entity.key, field: String(key) });
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
