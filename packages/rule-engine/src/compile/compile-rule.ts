// compileRule: a rule definition, checked against its app, becomes a CompiledRule — an event matcher, the
// aggregates the server must resolve, and a pure evaluate(data) → verdict. Compiled rules are cached per
// app object and rule content, so a rule compiles once per app version.
import { type AppDefinition, type RuleDefinition } from '@lowcode/app-model';
import { stableStringify } from '@lowcode/form-engine';
import { RuleCompileError, RuleEvaluationError } from '../errors';
import { compileLogic, type LogicHooks } from '../logic/compile-logic';
import { type PreparedRuleData, prepareRuleData, safeCopy } from '../logic/data';
import { applyInContext, isTruthy } from '../logic/operations';
import {
  type AggregateNeed,
  type CompileOptions,
  type CompiledRule,
  type RuleChainLink,
  type RuleData,
  type RuleVerdict,
} from '../types';
import { type ActionPlanner, compileAction } from './actions';
import { compileAggregate } from './aggregates';
import { type RuleContext, SYSTEM_FIELDS, findField } from './context';
import { compileTrigger, timeZoneOrThrow } from './triggers';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const DATA_ROOTS = new Set(['record', 'old', 'changes', 'aggregates', 'now']);

const cache = new WeakMap<AppDefinition, Map<string, CompiledRule>>();

/** Runs compiled logic on prepared data, turning anything but our own errors into `evaluationFailed`. */
export function runLogic(
  logic: unknown,
  data: unknown,
  read: Record<string, unknown>,
  timeZone: string,
  now: string,
) {
  try {
    return applyInContext(logic, { root: data, read, now, timeZone });
  } catch (error) {
    if (error instanceof RuleEvaluationError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new RuleEvaluationError('evaluationFailed', 'condition', { reason });
  }
}

function logicHooks(
  context: RuleContext,
  needs: Map<string, AggregateNeed>,
  named: Map<string, string>,
): LogicHooks {
  return {
    aggregate(spec, where) {
      const need = compileAggregate(spec, context, where);
      const known = needs.get(need.name);
      if (known && stableStringify(known) !== stableStringify(need))
        throw new RuleCompileError('duplicateAggregate', where, { name: need.name });
      needs.set(need.name, need);
      return need.name;
    },
    variable(path, where) {
      const [root = '', field] = path.split('.');
      if (!DATA_ROOTS.has(root))
        throw new RuleCompileError('unknownField', where, { entity: 'data', field: root });
      if (root === 'aggregates' && field !== undefined) named.set(field, where);
      if (root !== 'record' && root !== 'old') return;
      if (context.noRecord || !context.entity)
        throw new RuleCompileError('noRecord', where, { ref: `{"var":"${path}"}` });
      if (field !== undefined && !SYSTEM_FIELDS.has(field)) findField(context.entity, field, where);
    },
  };
}

/** The rule data with extra top-level roots (a forEach's `item` and `index`), copied as safely as the data. */
function withRoots(data: PreparedRuleData, extra: Record<string, unknown>): unknown {
  const root = Object.create(null) as Record<string, unknown>;
  Object.assign(root, data);
  for (const [key, value] of Object.entries(extra)) root[key] = safeCopy(value);
  return Object.freeze(root);
}

function build(rule: RuleDefinition, app: AppDefinition, timeZone: string): CompiledRule {
  const path = `rules.${rule.key}`;
  const trigger = compileTrigger(rule.trigger, app, rule.key, `${path}.trigger`);
  const context: RuleContext = { app, ruleKey: rule.key, path, timeZone, ...trigger };
  const needs = new Map<string, AggregateNeed>();
  const named = new Map<string, string>();
  const hooks = logicHooks(context, needs, named);
  const condition =
    rule.condition === undefined ? undefined : compileLogic(rule.condition, `${path}.condition`, hooks);
  const planners: ActionPlanner[] = rule.actions.map((action) => compileAction(action, context, hooks));
  // Reading `aggregates.x` directly is fine when `x` is declared somewhere in the rule.
  for (const [name, where] of named) {
    if (!needs.has(name))
      throw new RuleCompileError('invalidAggregate', where, { name, reason: 'not declared' });
  }
  const dataNeeds = [...needs.values()];

  const evaluate = (
    input: RuleData,
    options: { chain?: RuleChainLink[]; recordId?: string } = {},
  ): RuleVerdict => {
    const data = prepareRuleData(input);
    for (const need of dataNeeds) {
      if (data.aggregates?.[need.name] === undefined)
        throw new RuleEvaluationError('aggregateMissing', `${path}.condition`, { name: need.name });
    }
    const read = Object.create(null) as Record<string, unknown>;
    const result = condition === undefined ? true : runLogic(condition, data, read, timeZone, data.now);
    const matched = isTruthy(result);
    const actions = matched ? plan(data, options) : [];
    return { ruleKey: rule.key, ruleLabel: rule.label, matched, result, read, actions };
  };

  const plan = (data: PreparedRuleData, options: { chain?: RuleChainLink[]; recordId?: string }) => {
    const id = options.recordId ?? data.record?.id;
    const recordId = id === undefined || id === null ? undefined : String(id);
    const chain = [...(options.chain ?? []), { ruleKey: rule.key, recordId: recordId ?? '' }];
    const run = (logic: unknown, extra?: Record<string, unknown>) =>
      runLogic(logic, extra ? withRoots(data, extra) : data, Object.create(null), timeZone, data.now);
    return planners.flatMap((planner) => planner({ data, chain, recordId, run }));
  };

  return {
    rule,
    trigger: rule.trigger,
    entity: trigger.entity?.key,
    matches: trigger.matches,
    dataNeeds,
    evaluate,
  };
}

/**
 * Checks `rule` against `app` and compiles it. Throws RuleCompileError naming the place. Cached: the same
 * rule content on the same app object returns the same CompiledRule.
 */
export function compileRule(
  rule: RuleDefinition,
  app: AppDefinition,
  options: CompileOptions = {},
): CompiledRule {
  const timeZone = timeZoneOrThrow(options.timeZone ?? DEFAULT_TIME_ZONE, 'options.timeZone');
  let rules = cache.get(app);
  if (!rules) {
    rules = new Map();
    cache.set(app, rules);
  }
  const key = `${timeZone}\u0000${stableStringify(rule)}`;
  let compiled = rules.get(key);
  if (!compiled) {
    compiled = build(rule, app, timeZone);
    rules.set(key, compiled);
  }
  return compiled;
}
