// Semantic checks of entities and fields: references between entities, computed fields, option lists,
// auto-number patterns and cross-field validations.
import { inspectJsonLogic } from '../json-logic';
import {
  COMPUTED_FIELD_TYPES,
  DATE_FIELD_TYPES,
  DYNAMIC_DEFAULTS,
  NUMERIC_AGGREGATES,
  NUMERIC_FIELD_TYPES,
} from '../constants';
import {
  documentParts,
  placeholderProblem,
  sectionProblems,
  type PlaceholderProblem,
  type SectionProblem,
} from '../documents';

const PLACEHOLDER_ISSUES = {
  unknownField: 'documentUnknownField',
  unknownFormat: 'documentUnknownFormat',
  formatNotAmount: 'documentFormatNotAmount',
} as const satisfies Record<PlaceholderProblem, string>;
const SECTION_ISSUES = {
  unclosedSection: 'documentUnclosedSection',
  unopenedSection: 'documentUnopenedSection',
} as const satisfies Record<SectionProblem, string>;
import { type Owner, type PathPart } from '../issues';
import { type FieldDefinition } from '../types';
import {
  type Context,
  type EntityInfo,
  type Obj,
  byKey,
  checkDuplicateKeys,
  checkExpression,
  entityRef,
  fieldRef,
  fieldRefs,
  isObj,
  items,
  owner,
  str,
} from './context';

const COMPUTED = new Set<string>(COMPUTED_FIELD_TYPES);
const NUMERIC = new Set<string>(NUMERIC_FIELD_TYPES);
const NUMERIC_AGG = new Set<string>(NUMERIC_AGGREGATES);
const DATE_TYPES = new Set<string>(DATE_FIELD_TYPES);
const AUTO_NUMBER_TOKEN = /^(YYYY|YY|MM|DD|seq:([1-9]|1[0-2]))$/;

export const isNumericField = (field: Obj): boolean =>
  NUMERIC.has(String(field.type)) ||
  (field.type === 'formula' && (field.resultType === 'number' || field.resultType === 'money'));

/** `{YYYY}`, `{seq:6}` …: unknown tokens and anything but exactly one sequence are errors. */
function checkAutoNumber(ctx: Context, pattern: unknown, path: PathPart[], who: Owner) {
  if (typeof pattern !== 'string') return;
  let seq = 0;
  for (const match of pattern.matchAll(/\{([^{}]*)\}|[{}]/g)) {
    const token = match[1];
    if (token === undefined || !AUTO_NUMBER_TOKEN.test(token)) {
      ctx.sink.error(path, 'autoNumberToken', { owner: who, token: match[0] });
    } else if (token.startsWith('seq')) seq += 1;
  }
  if (seq !== 1) ctx.sink.error(path, 'autoNumberSeq', { owner: who, count: seq });
}

function checkOptions(ctx: Context, field: Obj, path: PathPart[], who: Owner) {
  const values = new Set<string>();
  for (const [index, option] of items(field.options)) {
    const value = str(option.value);
    if (value === undefined) continue;
    if (values.has(value))
      ctx.sink.error([...path, 'options', index, 'value'], 'duplicateOption', { owner: who, value });
    values.add(value);
  }
  const known = (value: unknown, at: PathPart[]) => {
    if (typeof value === 'string' && !values.has(value))
      ctx.sink.error(at, 'unknownOption', { owner: who, value });
  };
  for (const [index, transition] of items(field.transitions)) {
    known(transition.from, [...path, 'transitions', index, 'from']);
    known(transition.to, [...path, 'transitions', index, 'to']);
  }
  if (field.type === 'multiSelect' && Array.isArray(field.defaultValue)) {
    field.defaultValue.forEach((value, index) => known(value, [...path, 'defaultValue', index]));
  } else known(field.defaultValue, [...path, 'defaultValue']);
}

const LIMIT_PAIRS: Array<[string, string]> = [
  ['minLength', 'maxLength'],
  ['min', 'max'],
  ['minDate', 'maxDate'],
  ['minRows', 'maxRows'],
];

function checkLimits(ctx: Context, field: Obj, path: PathPart[], who: Owner) {
  for (const [min, max] of LIMIT_PAIRS) {
    const low = field[min];
    const high = field[max];
    const comparable =
      (typeof low === 'number' && typeof high === 'number') ||
      (typeof low === 'string' && typeof high === 'string');
    if (comparable && (low as number | string) > (high as number | string)) {
      ctx.sink.error([...path, min], 'minAboveMax', { owner: who, min, max, minValue: low, maxValue: high });
    }
  }
}

function checkLookup(ctx: Context, field: Obj, scope: EntityInfo, path: PathPart[], who: Owner) {
  if (!isObj(field.lookup)) return;
  const relation = fieldRef(ctx, scope, field.lookup.relation, [...path, 'lookup', 'relation'], who);
  if (!relation) return;
  if (relation.type !== 'relation') {
    ctx.sink.error([...path, 'lookup', 'relation'], 'lookupNotRelation', {
      owner: who,
      relation: field.lookup.relation,
    });
    return;
  }
  const target = isObj(relation.relation) ? ctx.entities.get(String(relation.relation.entity)) : undefined;
  fieldRef(ctx, target, field.lookup.field, [...path, 'lookup', 'field'], who);
}

/** What kind of value a field holds, for copying one into another; undefined when it cannot be told here. */
function valueKind(field: Obj): string | undefined {
  const type = String(field.type);
  if (type === 'lookup' || type === 'rollup') return undefined;
  if (isNumericField(field)) return 'number';
  if (type === 'formula') return field.resultType === 'boolean' ? 'checkbox' : String(field.resultType);
  if (TEXT_KINDS.has(type)) return 'text';
  if (type === 'createdAt' || type === 'updatedAt') return 'datetime';
  if (type === 'createdBy' || type === 'updatedBy') return 'user';
  if (type === 'status') return 'select';
  if (type === 'relation' && isObj(field.relation)) return `relation:${String(field.relation.entity)}`;
  return type;
}
const TEXT_KINDS = new Set([
  'text',
  'longText',
  'phone',
  'email',
  'url',
  'idCard',
  'creditCode',
  'autoNumber',
]);

/**
 * `relation.fill` copies fields of the record picked in a form into this one: a single relation only, each
 * key a field of this entity a user fills in, each value a field of the linked entity holding the same kind
 * of value (any number into a number, a money amount; text into text; a date into a date …).
 */
function checkRelationFill(
  ctx: Context,
  field: Obj,
  scope: EntityInfo,
  target: EntityInfo | undefined,
  path: PathPart[],
  who: Owner,
) {
  const relation = field.relation as Obj;
  if (!isObj(relation.fill)) return;
  const at = [...path, 'relation', 'fill'];
  if (relation.multiple === true) {
    ctx.sink.error(at, 'fillMultipleRelation', { owner: who });
    return;
  }
  for (const [own, other] of Object.entries(relation.fill)) {
    const into = fieldRef(ctx, scope, own, [...at, own], who);
    const from = fieldRef(ctx, target, other, [...at, own], who);
    if (into && COMPUTED.has(String(into.type))) {
      ctx.sink.error([...at, own], 'fillComputed', { owner: who, field: own, fieldType: into.type });
      continue;
    }
    const kinds = into && from ? [valueKind(into), valueKind(from)] : [];
    if (kinds[0] !== undefined && kinds[1] !== undefined && kinds[0] !== kinds[1])
      ctx.sink.error([...at, own], 'fillTypeMismatch', {
        owner: who,
        field: own,
        fieldType: into!.type,
        source: other,
        sourceType: from!.type,
      });
  }
}

/**
 * `relation.pickFilter` narrows what a form's picker offers: `record.<field>` names a field of the linked
 * entity (the offered record), `form.<field>` a field of this one (the value being edited); nothing else.
 */
function checkPickFilter(
  ctx: Context,
  filter: unknown,
  scope: EntityInfo,
  target: EntityInfo | undefined,
  path: PathPart[],
  who: Owner,
) {
  if (filter === undefined) return;
  for (const ref of inspectJsonLogic(filter, [...path, 'pickFilter'], ctx.sink)) {
    if (ref.root === 'record' && ref.field !== undefined) fieldRef(ctx, target, ref.field, ref.path, who);
    else if (ref.root === 'form' && ref.field !== undefined) fieldRef(ctx, scope, ref.field, ref.path, who);
    else ctx.sink.error(ref.path, 'pickFilterVar', { owner: who, ref: `{"var":"${ref.text}"}` });
  }
}

function checkRollup(ctx: Context, field: Obj, entityKey: string, path: PathPart[], who: Owner) {
  const rollup = field.rollup;
  if (!isObj(rollup)) return;
  const at = [...path, 'rollup'];
  const source = entityRef(ctx, rollup.entity, [...at, 'entity'], who);
  const relation = fieldRef(ctx, source, rollup.relation, [...at, 'relation'], who);
  // A relation field without a readable `relation` is already a schema error; judge only readable ones.
  const pointsElsewhere =
    relation?.type !== 'relation' || (isObj(relation.relation) && relation.relation.entity !== entityKey);
  if (source && relation && pointsElsewhere) {
    ctx.sink.error([...at, 'relation'], 'rollupNotBackRelation', {
      owner: who,
      relation: rollup.relation,
      entity: source.key,
      target: entityKey,
    });
  }
  const aggregate = str(rollup.aggregate);
  if (rollup.field === undefined) {
    if (aggregate !== undefined && aggregate !== 'count') {
      ctx.sink.error(at, 'aggregateNeedsField', { owner: who, aggregate });
    }
    return;
  }
  const target = fieldRef(ctx, source, rollup.field, [...at, 'field'], who);
  if (target && aggregate !== undefined && NUMERIC_AGG.has(aggregate) && !isNumericField(target)) {
    ctx.sink.error([...at, 'field'], 'aggregateNeedsNumber', {
      owner: who,
      aggregate,
      field: rollup.field,
      fieldType: target.type,
    });
  }
}

interface FieldScope {
  entity: EntityInfo;
  /** The list the field lives in: the entity's fields, or a sub-table's columns. */
  siblings: EntityInfo;
  row: boolean;
}

function checkField(ctx: Context, field: Obj, scope: FieldScope, path: PathPart[], who: Owner) {
  const type = str(field.type);
  if (type !== undefined && COMPUTED.has(type) && field.required === true) {
    ctx.sink.error([...path, 'required'], 'computedRequired', { owner: who, fieldType: type });
  }
  checkLimits(ctx, field, path, who);
  const dynamic = str(field.defaultValue);
  if (dynamic !== undefined && Object.prototype.hasOwnProperty.call(DYNAMIC_DEFAULTS, dynamic)) {
    const types: readonly string[] = DYNAMIC_DEFAULTS[dynamic as keyof typeof DYNAMIC_DEFAULTS];
    if (type !== undefined && !types.includes(type))
      ctx.sink.error([...path, 'defaultValue'], 'dynamicDefaultType', {
        owner: who,
        value: dynamic,
        fieldTypes: types.join(', '),
      });
  }
  switch (type) {
    case 'relation':
      if (isObj(field.relation)) {
        const target = entityRef(ctx, field.relation.entity, [...path, 'relation', 'entity'], who);
        checkRelationFill(ctx, field, scope.siblings, target, path, who);
        checkPickFilter(ctx, field.relation.pickFilter, scope.siblings, target, [...path, 'relation'], who);
      }
      break;
    case 'lookup':
      checkLookup(ctx, field, scope.siblings, path, who);
      break;
    case 'user':
      (Array.isArray(field.roles) ? (field.roles as unknown[]) : []).forEach((role, index) => {
        if (typeof role === 'string' && ctx.readable.roles && !ctx.roles.has(role))
          ctx.sink.error([...path, 'roles', index], 'unknownRole', { owner: who, role });
      });
      break;
    case 'rollup':
      checkRollup(ctx, field, scope.entity.key, path, who);
      break;
    case 'autoNumber': {
      checkAutoNumber(ctx, field.pattern, [...path, 'pattern'], who);
      const dated = fieldRef(ctx, scope.siblings, field.dateField, [...path, 'dateField'], who);
      if (dated && !DATE_TYPES.has(String(dated.type)))
        ctx.sink.error([...path, 'dateField'], 'autoNumberDateField', {
          owner: who,
          field: field.dateField,
          fieldType: dated.type,
        });
      break;
    }
    case 'formula':
      checkExpression(ctx, field.expression, [...path, 'expression'], who, {
        entity: scope.entity,
        ...(scope.row ? { row: scope.siblings } : {}),
      });
      if (field.options !== undefined) {
        if (field.resultType !== 'text')
          ctx.sink.error([...path, 'options'], 'formulaOptionsNeedText', {
            owner: who,
            resultType: field.resultType,
          });
        checkOptions(ctx, field, path, who);
      }
      break;
    case 'text':
      if (typeof field.pattern === 'string') {
        try {
          new RegExp(field.pattern, 'u');
        } catch {
          ctx.sink.error([...path, 'pattern'], 'invalidRegex', { owner: who, pattern: field.pattern });
        }
      }
      break;
    case 'select':
    case 'multiSelect':
    case 'status':
      checkOptions(ctx, field, path, who);
      break;
    case 'subTable': {
      const columns: EntityInfo = { key: scope.entity.key, fields: byKey(field.fields) };
      checkDuplicateKeys(ctx, field.fields, [...path, 'fields'], 'field', who);
      for (const [index, column] of items(field.fields)) {
        const columnPath = [...path, 'fields', index];
        checkField(ctx, column, { entity: scope.entity, siblings: columns, row: true }, columnPath, [
          ...who,
          { kind: 'field', key: str(column.key) ?? index },
        ]);
      }
      break;
    }
    default:
      break;
  }
}

export function checkEntities(ctx: Context, app: Obj) {
  checkDuplicateKeys(ctx, app.entities, ['entities'], 'entity');
  for (const [index, raw] of items(app.entities)) {
    const key = str(raw.key);
    if (key === undefined) continue;
    // Checks resolve against the first entity with this key (the one ctx indexed).
    const entity: EntityInfo = { key, fields: byKey(raw.fields) };
    const path: PathPart[] = ['entities', index];
    const who = owner(['entity', key]);
    checkDuplicateKeys(ctx, raw.fields, [...path, 'fields'], 'field', who);
    fieldRef(ctx, entity, raw.titleField, [...path, 'titleField'], who);
    fieldRefs(ctx, entity, raw.listFields, [...path, 'listFields'], who);
    fieldRefs(ctx, entity, raw.createFields, [...path, 'createFields'], who);
    const sorted = str(raw.defaultSort)?.replace(/^-/, '');
    if (sorted !== undefined && !['createdAt', 'updatedAt'].includes(sorted))
      fieldRef(ctx, entity, sorted, [...path, 'defaultSort'], who);
    if (Array.isArray(raw.createFields)) {
      // A new record's form that leaves out a required field could never be saved.
      for (const field of items(raw.fields).map(([, field]) => field))
        if (
          field.required === true &&
          field.defaultValue === undefined &&
          !raw.createFields.includes(field.key)
        )
          ctx.sink.error([...path, 'createFields'], 'createFieldsMissRequired', {
            owner: who,
            field: field.key,
          });
    }
    for (const [fieldIndex, field] of items(raw.fields)) {
      checkField(
        ctx,
        field,
        { entity, siblings: entity, row: false },
        [...path, 'fields', fieldIndex],
        [...who, { kind: 'field', key: str(field.key) ?? fieldIndex }],
      );
    }
    checkDuplicateKeys(ctx, raw.validations, [...path, 'validations'], 'validation', who);
    for (const [vIndex, validation] of items(raw.validations)) {
      const vPath = [...path, 'validations', vIndex];
      const vWho: Owner = [...who, { kind: 'validation', key: str(validation.key) ?? vIndex }];
      fieldRefs(ctx, entity, validation.fields, [...vPath, 'fields'], vWho);
      checkExpression(ctx, validation.condition, [...vPath, 'condition'], vWho, { entity });
    }
    checkDuplicateKeys(ctx, raw.documents, [...path, 'documents'], 'document', who);
    for (const [dIndex, document] of items(raw.documents)) {
      if (typeof document.body !== 'string') continue;
      const dWho: Owner = [...who, { kind: 'document', key: str(document.key) ?? dIndex }];
      const fields = { fields: [...entity.fields.values()] as unknown as FieldDefinition[] };
      const bodyPath = [...path, 'documents', dIndex, 'body'];
      const parts = documentParts(document.body);
      for (const part of parts) {
        // A section's mark names its field as a placeholder does.
        const placeholder =
          'placeholder' in part ? part : 'section' in part ? { placeholder: part.section } : undefined;
        if (!placeholder) continue;
        const problem = placeholderProblem(fields, placeholder);
        if (problem)
          ctx.sink.error(bodyPath, PLACEHOLDER_ISSUES[problem], {
            owner: dWho,
            name: placeholder.placeholder,
            format: 'format' in placeholder ? (placeholder.format ?? '') : '',
            entity: key,
          });
      }
      for (const { name, problem } of sectionProblems(parts))
        ctx.sink.error(bodyPath, SECTION_ISSUES[problem], { owner: dWho, name });
    }
  }
}
