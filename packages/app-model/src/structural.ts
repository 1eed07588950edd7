// Structural validation: the JSON Schema, run by ajv, with ajv's errors translated into our issue codes.
// ajv's raw output is noisy (a failed oneOf lists every branch's errors); here each problem becomes one issue.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { type PathPart, type RawIssue, formatPath } from './issues';
import { appDefinitionJsonSchema } from './schema/app';
import { PATTERNS, type Schema } from './schema/common';

let compiled: ValidateFunction | undefined;

/** Compiled once per process; ajv compilation is the expensive part. */
function validator(): ValidateFunction {
  if (!compiled) {
    // No useDefaults / coerceTypes / removeAdditional: validation must never modify the caller's input.
    const ajv = new Ajv({
      allErrors: true,
      verbose: true,
      discriminator: true,
      strict: true,
      strictTypes: false,
      strictRequired: false,
    });
    addFormats(ajv, ['date', 'date-time', 'duration', 'uri']);
    compiled = ajv.compile(appDefinitionJsonSchema);
  }
  return compiled;
}

const PATTERN_CODES: Record<string, string> = {
  [PATTERNS.key]: 'schema.invalidKey',
  [PATTERNS.fieldPath]: 'schema.invalidFieldPath',
  [PATTERNS.attributeKey]: 'schema.invalidAttributeKey',
  [PATTERNS.semver]: 'schema.invalidVersion',
  [PATTERNS.color]: 'schema.invalidColor',
  [PATTERNS.currency]: 'schema.invalidCurrency',
  [PATTERNS.time]: 'schema.invalidTime',
  [PATTERNS.cron]: 'schema.invalidCron',
};

const FORMAT_CODES: Record<string, string> = {
  duration: 'schema.invalidDuration',
  uri: 'schema.invalidUri',
  date: 'schema.invalidDate',
};

const LIMIT_KEYWORDS = new Set([
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'minItems',
  'maxItems',
]);

/** Turns ajv's `/entities/0/fields` into path parts, using the data to tell array indexes from keys. */
function toParts(instancePath: string, data: unknown): PathPart[] {
  if (instancePath === '') return [];
  const parts: PathPart[] = [];
  let node: unknown = data;
  for (const raw of instancePath.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(segment);
      parts.push(index);
      node = node[index];
    } else {
      parts.push(segment);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return parts;
}

/** The human name of the property at the end of a path: `type`, or `actions[1]` for a list item. */
function propertyName(parts: readonly PathPart[]): string {
  const last = parts[parts.length - 1];
  if (last === undefined) return '';
  if (typeof last === 'string') return last;
  const before = parts[parts.length - 2];
  return `${typeof before === 'string' ? before : ''}[${last}]`;
}

/** Describes the branches of a non-discriminated oneOf, e.g. `duration` / `untilField`. */
function describeBranches(branches: unknown): string[] {
  if (!Array.isArray(branches)) return [];
  return branches.map((branch: Schema) => {
    const tag = (branch.properties as Record<string, Schema> | undefined)?.type?.const;
    if (typeof tag === 'string') return `type "${tag}"`;
    const required = branch.required;
    return Array.isArray(required) ? required.join(' + ') : 'another form';
  });
}

function discriminatorTags(parentSchema: unknown): string[] {
  const oneOf = (parentSchema as Schema | undefined)?.oneOf;
  if (!Array.isArray(oneOf)) return [];
  return oneOf
    .map((branch: Schema) => (branch.properties as Record<string, Schema> | undefined)?.type?.const)
    .filter((tag): tag is string => typeof tag === 'string');
}

function translate(error: ErrorObject, data: unknown): RawIssue | undefined {
  const parts = toParts(error.instancePath, data);
  const params = error.params as Record<string, unknown>;
  const at = (extra: PathPart[], code: string, rest: Record<string, unknown>): RawIssue => {
    const full = [...parts, ...extra];
    return { path: formatPath(full), code, params: { property: propertyName(full), ...rest } };
  };
  switch (error.keyword) {
    case 'required':
      return at([String(params.missingProperty)], 'schema.required', {});
    case 'additionalProperties':
      return at([String(params.additionalProperty)], 'schema.unknownProperty', {});
    case 'type':
      return at([], 'schema.type', { expected: params.type });
    case 'enum':
      return at([], 'schema.enum', { allowed: params.allowedValues });
    case 'const':
      return at([], 'schema.const', { allowed: params.allowedValue });
    case 'pattern':
      return at([], PATTERN_CODES[String(params.pattern)] ?? 'schema.pattern', { pattern: params.pattern });
    case 'format':
      return at([], FORMAT_CODES[String(params.format)] ?? 'schema.format', { format: params.format });
    case 'uniqueItems':
      return at([], 'schema.uniqueItems', { i: params.i, j: params.j });
    case 'oneOf':
    case 'anyOf':
      return at([], 'schema.oneOf', { options: describeBranches(error.schema) });
    case 'dependencies':
      return {
        path: formatPath([...parts, String(params.property)]),
        code: 'schema.dependencies',
        params: { property: params.property, missingProperty: params.missingProperty },
      };
    case 'discriminator':
      // A missing `type` is already reported by `required`; an unknown one reads like an enum failure.
      if (params.error === 'mapping' || typeof params.tagValue !== 'undefined') {
        return at(['type'], 'schema.enum', { allowed: discriminatorTags(error.parentSchema) });
      }
      return undefined;
    default:
      if (LIMIT_KEYWORDS.has(error.keyword))
        return at([], `schema.${error.keyword}`, { limit: params.limit });
      return at([], 'schema.invalid', { keyword: error.keyword });
  }
}

/** Drops the per-branch errors under a failed oneOf/anyOf; the oneOf issue itself explains the problem. */
function collapseBranches(errors: ErrorObject[]): ErrorObject[] {
  const unions = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  return errors.filter(
    (e) =>
      !unions.some(
        (u) =>
          u !== e && e.schemaPath.startsWith(`${u.schemaPath}/`) && e.instancePath.startsWith(u.instancePath),
      ),
  );
}

export function validateStructure(input: unknown): RawIssue[] {
  const validate = validator();
  if (validate(input)) return [];
  const issues: RawIssue[] = [];
  const seen = new Set<string>();
  for (const error of collapseBranches(validate.errors ?? [])) {
    const issue = translate(error, input);
    if (!issue) continue;
    const id = `${issue.path}|${issue.code}`;
    if (seen.has(id)) continue;
    seen.add(id);
    issues.push(issue);
  }
  return issues;
}
