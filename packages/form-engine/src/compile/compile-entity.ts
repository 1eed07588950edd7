// compileEntity: an entity definition → one JSON Schema for its records and one ajv validator, built once
// and cached by the definition's content. The same validate() runs in the browser and on the server.
import {
  type CrossFieldValidation,
  type EntityDefinition,
  type FieldDefinition,
  type Locale,
} from '@lowcode/app-model';
import { assertAutoNumberPattern } from '../auto-number/auto-number';
import { type JsonSchema } from '../fields/field-handler';
import { fieldsObjectSchema } from '../fields/registry';
import { assertSafeJsonLogic, recordFieldsRead } from '../logic/safe-json-logic';
import { localize } from '../messages/localize';
import { createAjv } from './ajv-setup';
import { assertSafeValidations, checkCrossFieldValidations } from './cross-field';
import { type FieldError, fieldError } from './field-error';
import { type ValidationMode, isPlainObject, prepareRecord } from './prepare-record';
import { assertSafePattern } from './safe-pattern';
import { schemaErrorsToFieldErrors } from './schema-errors';
import { validateTransition } from './transitions';

/** Where a date field's `$now` default is today when the caller names no zone. */
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface ValidateOptions {
  locale: Locale;
  /** `update` validates a partial patch: absent keys are left alone, present ones are checked fully. */
  mode: ValidationMode;
  /**
   * The stored record an update patch applies to. When given, cross-field validations run on
   * `{ ...current, ...patch }` and status moves are checked against `transitions`; without it, an update
   * runs only the validations whose fields are all in the patch.
   */
  current?: Record<string, unknown>;
  /** For the `$now` default: the moment (default: the system clock) and the zone a date's today is in. */
  now?: Date;
  timeZone?: string;
  /** For the `$me` default: who writes. */
  actor?: string | null;
}

export type ValidationResult =
  { ok: true; value: Record<string, unknown> } | { ok: false; errors: FieldError[] };

export interface CompiledEntity {
  readonly entity: EntityDefinition;
  /** draft-07 JSON Schema of a stored record (computed fields present but `readOnly`). */
  readonly schema: JsonSchema;
  /** The stable string the compile cache is keyed by. */
  readonly cacheKey: string;
  validate(record: unknown, options: ValidateOptions): ValidationResult;
}

const ajv = createAjv();
const MAX_CACHED_ENTITIES = 500;
// A Map keeps insertion order, so re-inserting on every hit makes the first key the least recently used.
const cache = new Map<string, CompiledEntity>();

/** JSON with object keys sorted, so equal definitions give equal strings whatever their key order. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableStringify(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Throws FormDefinitionError for anything unsafe or malformed that JSON Schema cannot catch later. */
function assertCompilable(fields: readonly FieldDefinition[], prefix: string): void {
  for (const field of fields) {
    const where = `${prefix}${field.key}`;
    if (field.type === 'text' && field.pattern !== undefined) {
      assertSafePattern(field.pattern, `${where}.pattern`, field.label);
    }
    if (field.type === 'autoNumber') assertAutoNumberPattern(field.pattern, `${where}.pattern`);
    if (field.type === 'formula') assertSafeJsonLogic(field.expression, `${where}.expression`);
    if (field.type === 'subTable') assertCompilable(field.fields, `${where}.fields.`);
  }
}

/**
 * Compiles (or returns the cached compilation of) an entity. Throws FormDefinitionError for an unsafe
 * regex pattern or JSON-logic expression, or a malformed auto-number pattern.
 */
export function compileEntity(entity: EntityDefinition): CompiledEntity {
  const cacheKey = stableStringify(entity);
  const cached = cache.get(cacheKey);
  if (cached) {
    cache.delete(cacheKey);
    cache.set(cacheKey, cached);
    return cached;
  }
  assertCompilable(entity.fields, 'fields.');
  assertSafeValidations(entity);
  const schema: JsonSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: entity.label['zh-CN'],
    ...fieldsObjectSchema(entity.fields),
  };
  const validateSchema = ajv.compile(schema);
  const validations = entity.validations ?? [];
  // An update without `current` can check a rule only if the patch holds every field the rule reads.
  const fieldsRead = new Map(validations.map((v) => [v.key, recordFieldsRead(v.condition)]));

  const validate = (input: unknown, options: ValidateOptions): ValidationResult => {
    const { locale, mode } = options;
    if (!isPlainObject(input)) {
      const label = localize(entity.label, locale);
      return { ok: false, errors: [fieldError('', 'invalidType', locale, label, { expected: 'object' })] };
    }
    const errors: FieldError[] = [];
    const prepared = prepareRecord(entity.fields, input, mode, locale, errors, {
      now: options.now ?? new Date(),
      timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
      actor: options.actor ?? null,
    });
    if (!validateSchema(prepared.forSchema)) {
      errors.push(...schemaErrorsToFieldErrors(validateSchema.errors ?? [], entity.fields, locale));
    }
    if (mode === 'update' && options.current)
      errors.push(...transitionErrors(entity, prepared.value, options.current, locale));

    const merged =
      mode === 'update' && options.current ? { ...options.current, ...prepared.value } : prepared.value;
    const isApplicable = (validation: CrossFieldValidation): boolean =>
      mode === 'create' ||
      options.current !== undefined ||
      [...(fieldsRead.get(validation.key) ?? validation.fields)].every((key) => key in prepared.value);
    const fieldsWithErrors = new Set(errors.map((error) => error.path.split(/[.[]/)[0] ?? ''));
    errors.push(...checkCrossFieldValidations(validations, merged, locale, fieldsWithErrors, isApplicable));
    return errors.length > 0 ? { ok: false, errors } : { ok: true, value: prepared.value };
  };

  const compiled: CompiledEntity = Object.freeze({ entity, schema, cacheKey, validate });
  cache.set(cacheKey, compiled);
  if (cache.size > MAX_CACHED_ENTITIES) evictOldest();
  return compiled;
}

function transitionErrors(
  entity: EntityDefinition,
  patch: Record<string, unknown>,
  current: Record<string, unknown>,
  locale: Locale,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of entity.fields) {
    const to = patch[field.key];
    const from = current[field.key];
    if (field.type !== 'status' || typeof to !== 'string' || !field.options.some((o) => o.value === to))
      continue;
    const result = validateTransition(entity, field.key, typeof from === 'string' ? from : null, to, locale);
    if (!result.ok) errors.push(result.error);
  }
  return errors;
}

function evictOldest(): void {
  const oldest = cache.keys().next();
  if (oldest.done) return;
  const evicted = cache.get(oldest.value);
  cache.delete(oldest.value);
  // ajv keeps every compiled schema in its own cache; drop it too so eviction really frees memory.
  if (evicted) ajv.removeSchema(evicted.schema);
}

/** Empties the compile cache (tests, or a server reloading every app definition). */
export function clearCompiledEntityCache(): void {
  for (const compiled of cache.values()) ajv.removeSchema(compiled.schema);
  cache.clear();
}

export const compiledEntityCacheSize = (): number => cache.size;
