// Public API of @lowcode/rule-engine: compiled JSON-logic rules on record, flow and schedule events. Pure
// library: no framework, no I/O, no Node built-ins; the server adapts it (queries, actions, scheduling).
export { compileRule, DEFAULT_TIME_ZONE } from './compile/compile-rule';
export { aggregateMatchValue } from './compile/aggregates';
export { evaluateLogic, type LogicResult } from './evaluate-logic';
export { prepareRuleData, MAX_DATA_DEPTH, type PreparedRuleData } from './logic/data';
export { CUSTOM_OPERATIONS, MAX_ARRAY_LENGTH, OP_PREFIX, type CustomOperation } from './logic/operations';
export { RuleChainGuard, chainOf, MAX_RULE_CHAIN_DEPTH, type ChainDecision } from './chain-guard';
export { explain } from './explain';
export { nextRuns, type ScheduledTrigger } from './schedule';
export {
  dateRelativeWindow,
  defaultIsYearlyField,
  MAX_CATCH_UP_DAYS,
  type DateRelativeTrigger,
  type DateRelativeWindow,
} from './time/date-relative';
export { RuleCompileError, RuleEvaluationError, RuleChainError } from './errors';
export { MESSAGES, renderMessage, type RuleMessageCode, type MessageParams } from './messages';
export type * from './types';
