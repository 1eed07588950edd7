// Building blocks for the JSON Schema. Schemas are written with small helpers so every object gets
// `additionalProperties: false` by default; open objects are marked explicitly with `openObject`.
import {
  DISPATCH_STRATEGIES,
  FIELD_PATH_PATTERN,
  KEY_PATTERN,
  MANAGER_OF,
  MEMBER_ATTRIBUTE_KEY_PATTERN,
} from '../constants';

export type Schema = Record<string, unknown>;

/**
 * Patterns the message formatter recognizes by identity, so a failed pattern reads as
 * "must be a semantic version such as 1.2.0" instead of a raw regular expression.
 */
export const PATTERNS = {
  key: KEY_PATTERN,
  fieldPath: FIELD_PATH_PATTERN,
  attributeKey: MEMBER_ATTRIBUTE_KEY_PATTERN,
  semver: '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$',
  color: '^(#[0-9a-fA-F]{6}|[a-z]+)$',
  currency: '^[A-Z]{3}$',
  time: '^([01]\\d|2[0-3]):[0-5]\\d$',
  cron: '^\\S+( +\\S+){4,5}$',
} as const;

export const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });

/** A closed object: unknown properties are errors. */
export function object(properties: Record<string, Schema>, required: string[] = []): Schema {
  const schema: Schema = { type: 'object', properties, additionalProperties: false };
  if (required.length > 0) schema.required = required;
  return schema;
}

/** An open object: the format does not interpret its properties (config, UI hints, seed records). */
export const openObject: Schema = { type: 'object' };

export const anyJson: Schema = {};

export const stringEnum = (values: readonly string[]): Schema => ({ type: 'string', enum: [...values] });

export const keyList: Schema = { type: 'array', items: ref('key'), uniqueItems: true };

export const boolean: Schema = { type: 'boolean' };

export const nonNegativeInt: Schema = { type: 'integer', minimum: 0 };

export const positiveInt: Schema = { type: 'integer', minimum: 1 };

/** Property-name sets every keyed item shares: key first, then label/description. */
export function keyedProps(extra: Record<string, Schema> = {}): Record<string, Schema> {
  return { key: ref('key'), label: ref('localizedText'), description: ref('localizedText'), ...extra };
}

/**
 * A union discriminated by `type`. Ajv's `discriminator` keyword validates only the branch named by
 * `type`, so errors point into the branch the author meant instead of fanning out over every branch.
 */
export function taggedUnion(branches: Array<[string, Record<string, Schema>, string[]]>): Schema {
  return {
    type: 'object',
    required: ['type'],
    discriminator: { propertyName: 'type' },
    oneOf: branches.map(([tag, properties, required]) =>
      object({ type: { const: tag }, ...properties }, ['type', ...required]),
    ),
  };
}

export const commonDefinitions: Record<string, Schema> = {
  key: { type: 'string', pattern: PATTERNS.key },
  fieldPath: { type: 'string', pattern: PATTERNS.fieldPath },
  localizedText: object({ 'zh-CN': { type: 'string', minLength: 1 }, en: { type: 'string' } }, ['zh-CN']),
  jsonLogic: anyJson,
  duration: { type: 'string', format: 'duration' },
  recordValues: { type: 'object', additionalProperties: ref('jsonLogic') },
  assignee: taggedUnion([
    ['user', { users: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 } }, ['users']],
    ['role', { role: ref('key') }, ['role']],
    ['department', { department: { type: 'string', minLength: 1 } }, ['department']],
    ['manager', { of: stringEnum(MANAGER_OF), level: { type: 'integer', minimum: 1, maximum: 5 } }, []],
    ['field', { field: ref('key') }, ['field']],
    ['expression', { expression: ref('jsonLogic') }, ['expression']],
    [
      'autoDispatch',
      {
        match: object({ area: ref('key'), category: ref('key'), skill: ref('key') }),
        strategy: stringEnum(DISPATCH_STRATEGIES),
      },
      ['match', 'strategy'],
    ],
  ]),
};
