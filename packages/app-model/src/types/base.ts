// Shared scalar types of the format: locales, texts, JSON-logic, and the unions of each vocabulary.
import {
  type AGGREGATES,
  type CHART_TYPES,
  type DATE_BUCKETS,
  type FIELD_TYPES,
  type FLOW_EVENTS,
  type FLOW_NODE_TYPES,
  type FLOW_TRIGGER_TYPES,
  type HTTP_METHODS,
  type LOCALES,
  type MEMBER_ATTRIBUTE_TYPES,
  type NOTIFY_CHANNELS,
  type PERMISSION_ACTIONS,
  type REPORT_METRICS,
  type ROLLUP_AGGREGATES,
  type RULE_ACTION_TYPES,
  type RULE_TRIGGER_TYPES,
} from '../constants';

export type Locale = (typeof LOCALES)[number];
export type LocalizedText = { 'zh-CN': string; en?: string };

/** A JSON-logic expression (https://jsonlogic.com). Any JSON value; checked by the json-logic guard. */
export type JsonLogic = unknown;
/** ISO-8601 duration such as `PT4H` or `P3D`. */
export type Duration = string;
/** Free hints for a renderer or engine that the format does not interpret (open object). */
export type OpenObject = Record<string, unknown>;

export type FieldType = (typeof FIELD_TYPES)[number];
export type FlowNodeType = (typeof FLOW_NODE_TYPES)[number];
export type FlowTriggerType = (typeof FLOW_TRIGGER_TYPES)[number];
export type RuleTriggerType = (typeof RULE_TRIGGER_TYPES)[number];
export type RuleActionType = (typeof RULE_ACTION_TYPES)[number];
export type ChartType = (typeof CHART_TYPES)[number];
export type Aggregate = (typeof AGGREGATES)[number];
export type RollupAggregate = (typeof ROLLUP_AGGREGATES)[number];
export type DateBucket = (typeof DATE_BUCKETS)[number];
export type ReportMetric = (typeof REPORT_METRICS)[number];
export type PermissionAction = (typeof PERMISSION_ACTIONS)[number];
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];
export type HttpMethod = (typeof HTTP_METHODS)[number];
export type FlowEvent = (typeof FLOW_EVENTS)[number];
export type MemberAttributeType = (typeof MEMBER_ATTRIBUTE_TYPES)[number];
