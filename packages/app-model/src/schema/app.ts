// JSON Schema of rules, reports, dashboards, roles, member attributes, seed and the top-level document.
import {
  AGGREGATES,
  BATCH_MODES,
  CATCH_UP_POLICIES,
  CHART_TYPES,
  DATE_BUCKETS,
  FLOW_EVENTS,
  HTTP_METHODS,
  MEASURE_FORMATS,
  MEMBER_ATTRIBUTE_TYPES,
  NOTIFY_CHANNELS,
  PERMISSION_ACTIONS,
  REPORT_METRICS,
  RULE_ACTION_TYPES,
  RULE_TRIGGER_TYPES,
  SORT_DIRECTIONS,
  DEFAULT_PERIODS,
} from '../constants';
import { type RuleActionType, type RuleTriggerType } from '../types';
import {
  PATTERNS,
  boolean,
  commonDefinitions,
  keyList,
  keyedProps,
  nonNegativeInt,
  object,
  openObject,
  positiveInt,
  ref,
  stringEnum,
  taggedUnion,
  type Schema,
} from './common';
import { fieldDefinitions } from './fields';
import { flowDefinitions } from './flows';

const RULE_TRIGGERS: { [T in RuleTriggerType]: [Record<string, Schema>, string[]] } = {
  recordCreated: [{ entity: ref('key'), batch: stringEnum(BATCH_MODES) }, ['entity']],
  recordUpdated: [{ entity: ref('key'), batch: stringEnum(BATCH_MODES) }, ['entity']],
  recordDeleted: [{ entity: ref('key'), batch: stringEnum(BATCH_MODES) }, ['entity']],
  fieldChanged: [
    { entity: ref('key'), fields: { ...keyList, minItems: 1 }, batch: stringEnum(BATCH_MODES) },
    ['entity', 'fields'],
  ],
  flowEvent: [{ flow: ref('key'), event: stringEnum(FLOW_EVENTS) }, ['flow', 'event']],
  schedule: [
    {
      cron: { type: 'string', pattern: PATTERNS.cron },
      timezone: { type: 'string', minLength: 1 },
      catchUp: stringEnum(CATCH_UP_POLICIES),
    },
    ['cron'],
  ],
  dateRelative: [
    {
      entity: ref('key'),
      field: ref('key'),
      offsetDays: { type: 'integer' },
      at: { type: 'string', pattern: PATTERNS.time },
      catchUp: stringEnum(CATCH_UP_POLICIES),
    },
    ['entity', 'field', 'offsetDays'],
  ],
};

const actionCommon = { key: ref('key'), label: ref('localizedText') };
const RULE_ACTIONS: { [T in RuleActionType]: [Record<string, Schema>, string[]] } = {
  notify: [
    {
      ...actionCommon,
      to: ref('assignee'),
      channel: stringEnum(NOTIFY_CHANNELS),
      template: ref('localizedText'),
    },
    ['key', 'to', 'channel', 'template'],
  ],
  createRecord: [
    { ...actionCommon, entity: ref('key'), values: ref('recordValues'), forEach: ref('jsonLogic') },
    ['key', 'entity', 'values'],
  ],
  updateRecord: [
    {
      ...actionCommon,
      entity: ref('key'),
      record: ref('jsonLogic'),
      values: ref('recordValues'),
      increments: ref('recordValues'),
      forEach: ref('jsonLogic'),
    },
    ['key'],
  ],
  createTask: [
    { ...actionCommon, assignee: ref('assignee'), title: ref('localizedText'), due: ref('duration') },
    ['key', 'assignee', 'title'],
  ],
  startFlow: [{ ...actionCommon, flow: ref('key') }, ['key', 'flow']],
  webhook: [
    {
      ...actionCommon,
      url: { type: 'string', format: 'uri' },
      method: stringEnum(HTTP_METHODS),
      headers: { type: 'object', additionalProperties: { type: 'string' } },
    },
    ['key', 'url'],
  ],
};

/** One branch per type, in the order of the vocabulary list. */
const tagged = <T extends string>(
  types: readonly T[],
  table: Record<T, [Record<string, Schema>, string[]]>,
): Schema => taggedUnion(types.map((type) => [type, ...table[type]]));

const definitions: Record<string, Schema> = {
  ...commonDefinitions,
  ...fieldDefinitions,
  ...flowDefinitions,
  ruleTrigger: tagged(RULE_TRIGGER_TYPES, RULE_TRIGGERS),
  ruleAction: tagged(RULE_ACTION_TYPES, RULE_ACTIONS),
  rule: object(
    keyedProps({
      enabled: boolean,
      trigger: ref('ruleTrigger'),
      condition: ref('jsonLogic'),
      actions: { type: 'array', minItems: 1, items: ref('ruleAction') },
    }),
    ['key', 'label', 'trigger', 'actions'],
  ),
  report: object(
    keyedProps({
      entity: ref('key'),
      chart: object({ type: stringEnum(CHART_TYPES), options: openObject }, ['type']),
      dimensions: {
        type: 'array',
        items: object(
          { field: ref('fieldPath'), bucket: stringEnum(DATE_BUCKETS), label: ref('localizedText') },
          ['field'],
        ),
      },
      measures: {
        type: 'array',
        minItems: 1,
        items: object(
          {
            key: ref('key'),
            label: ref('localizedText'),
            aggregate: stringEnum(AGGREGATES),
            field: ref('fieldPath'),
            p: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
            metric: stringEnum(REPORT_METRICS),
            startField: ref('fieldPath'),
            reopenField: ref('fieldPath'),
            dueField: ref('fieldPath'),
            values: {
              type: 'array',
              minItems: 1,
              items: { type: ['string', 'number', 'boolean'] },
            },
            threshold: { type: 'number' },
            formula: ref('jsonLogic'),
            hidden: boolean,
            format: stringEnum(MEASURE_FORMATS),
          },
          // Exactly one of aggregate, metric and formula: a semantic check, so the message can say so.
          ['key'],
        ),
      },
      filter: ref('jsonLogic'),
      sort: {
        type: 'array',
        items: object({ by: ref('fieldPath'), direction: stringEnum(SORT_DIRECTIONS) }, ['by', 'direction']),
      },
      limit: positiveInt,
      drill: { type: 'array', items: ref('fieldPath'), maxItems: 4 },
      periodField: ref('fieldPath'),
      defaultPeriod: stringEnum(DEFAULT_PERIODS),
    }),
    ['key', 'label', 'entity', 'chart', 'dimensions', 'measures'],
  ),
  dashboard: object(
    keyedProps({
      roles: keyList,
      filters: {
        type: 'array',
        items: object({ key: ref('key'), label: ref('localizedText'), field: ref('key') }, ['key', 'field']),
      },
      items: {
        type: 'array',
        items: object(
          {
            key: ref('key'),
            report: ref('key'),
            title: ref('localizedText'),
            layout: object({ x: nonNegativeInt, y: nonNegativeInt, w: positiveInt, h: positiveInt }, [
              'x',
              'y',
              'w',
              'h',
            ]),
          },
          ['key', 'report', 'layout'],
        ),
      },
    }),
    ['key', 'label', 'items'],
  ),
  role: object(
    keyedProps({
      external: { type: 'boolean' },
      permissions: {
        type: 'array',
        items: object(
          {
            entity: ref('key'),
            actions: { type: 'array', items: stringEnum(PERMISSION_ACTIONS), uniqueItems: true },
            scope: ref('jsonLogic'),
            fields: object({ hidden: keyList, readOnly: keyList, masked: keyList }),
          },
          ['entity', 'actions'],
        ),
      },
    }),
    ['key', 'label', 'permissions'],
  ),
  // Which options/entity/multiple a type allows is a semantic check, so the message can say why.
  memberAttribute: object(
    {
      key: { type: 'string', pattern: PATTERNS.attributeKey },
      label: ref('localizedText'),
      description: ref('localizedText'),
      type: stringEnum(MEMBER_ATTRIBUTE_TYPES),
      multiple: boolean,
      options: {
        type: 'array',
        items: object(
          { value: { type: 'string', minLength: 1, maxLength: 200 }, label: ref('localizedText') },
          ['value', 'label'],
        ),
      },
      entity: ref('key'),
      defaultValue: { type: ['boolean', 'number'] },
    },
    ['key', 'label', 'type'],
  ),
  // Seed records are open: their properties are field keys, checked against the entity semantically.
  seed: { type: 'object', additionalProperties: { type: 'array', items: openObject } },
};

const list = (item: string): Schema => ({ type: 'array', items: ref(item) });

/** JSON Schema (draft-07) of the app-definition document. */
export const appDefinitionJsonSchema: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://lowcode.dev/schemas/app-definition-v1.json',
  title: 'Low-code app definition, format version 1',
  ...object(
    {
      formatVersion: { const: 1 },
      key: ref('key'),
      version: { type: 'string', pattern: PATTERNS.semver },
      label: ref('localizedText'),
      description: ref('localizedText'),
      entities: list('entity'),
      flows: list('flow'),
      rules: list('rule'),
      reports: list('report'),
      dashboards: list('dashboard'),
      roles: list('role'),
      memberAttributes: list('memberAttribute'),
      seed: ref('seed'),
    },
    [
      'formatVersion',
      'key',
      'version',
      'label',
      'entities',
      'flows',
      'rules',
      'reports',
      'dashboards',
      'roles',
    ],
  ),
  definitions,
};
