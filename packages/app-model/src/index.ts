// Public API of @lowcode/app-model: the app-definition format (types, JSON Schema, validation, canonical
// serialization, diff, directory form). Pure library: no framework, no I/O.
export {
  APP_FORMAT_VERSION,
  AGGREGATES,
  ASSIGNEE_TYPES,
  CHART_DIMENSIONS_SHOWN,
  CHART_OPTIONS,
  CHART_TYPES,
  DATE_BUCKETS,
  DATE_FIELD_TYPES,
  DEFAULT_PERIODS,
  DYNAMIC_DEFAULTS,
  FIELD_PATH_PATTERN,
  FIELD_TYPES,
  FLOW_NODE_TYPES,
  MANAGER_OF,
  KEY_PATTERN,
  MEASURE_FORMATS,
  MEMBER_ATTRIBUTE_KEY_PATTERN,
  MEMBER_ATTRIBUTE_TYPES,
  MULTIPLE_MEMBER_ATTRIBUTE_TYPES,
  PERMISSION_ACTIONS,
  REPORT_METRICS,
  RULE_ACTION_TYPES,
  RULE_TRIGGER_TYPES,
} from './constants';
export type * from './types';
export {
  amountInWords,
  documentField,
  documentFormat,
  documentParts,
  placeholderProblem,
  sectionProblems,
  sectionShown,
  type DocumentFormat,
  type DocumentPart,
  type PlaceholderProblem,
  type SectionProblem,
} from './documents';
export { appDefinitionJsonSchema } from './schema/app';
export { type AppModelIssue } from './issues';
export { validateAppDefinition, type AppValidationResult, type ValidateOptions } from './validate';
export { canonicalizeAppDefinition } from './canonical';
export { diffAppDefinitions, type AppChange, type AppChangeKind, type DiffOptions } from './diff';
export { keepCustomizations } from './customizations';
export { localize } from './localize';
export { lookupTarget, optionLabel, pickFilterFor, singleValueOptions } from './field-options';
export { isEmptyValue, parseSubTableCellKey, subTableCellKey } from './field-values';
export {
  assembleAppDefinition,
  splitAppDefinition,
  type AppDefinitionFiles,
  type AppDefinitionParts,
} from './directory';
export { dateIn, formatDate, instantOf, isTimeZone, wallTime, type WallTime } from './zoned-time';
