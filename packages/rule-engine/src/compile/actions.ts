// Rule actions compile to planners: given the rule data they produce PlannedAction DATA for the server to
// execute (the engine performs no I/O). Value templates are JSON-logic evaluated against the same data.
import { type Assignee, type RecordValues, type RuleAction } from '@lowcode/app-model';
import { RuleCompileError, RuleEvaluationError } from '../errors';
import { type LogicHooks, compileLogic } from '../logic/compile-logic';
import { addDuration, isDuration } from '../time/duration';
import { type PlannedAction, type PlannedAssignee, type RuleChainLink, type RuleData } from '../types';
import { type RuleContext, findEntity, findField } from './context';
import { assertUnreachable } from './triggers';

export interface PlanInput {
  data: RuleData;
  chain: RuleChainLink[];
  recordId: string | undefined;
  /** Evaluates compiled logic against `data`, plus `extra` roots (`item` and `index` of a forEach). */
  run(logic: unknown, extra?: Record<string, unknown>): unknown;
}

export type ActionPlanner = (input: PlanInput) => PlannedAction[];

/** Most records one action may create or update in one firing. */
export const MAX_FOR_EACH = 500;
/** What a forEach action's expressions may read besides the rule data. */
export const FOR_EACH_ROOTS = ['item', 'index'] as const;

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

function compileValues(values: RecordValues, path: string, hooks: LogicHooks): Array<[string, unknown]> {
  return Object.entries(values).map(([key, value]) => [key, compileLogic(value, `${path}.${key}`, hooks)]);
}

type Run = (logic: unknown) => unknown;

function evaluateValues(values: Array<[string, unknown]>, run: Run): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, logic] of values) result[key] = run(logic);
  return result;
}

const show = (value: unknown) => JSON.stringify(value ?? null).slice(0, 60);

/**
 * Runs `plan` once, or once per item of the action's `forEach` list with `item` and `index` readable; each
 * item's action is keyed `<action>[<index>]`, so its outcome is logged and deduplicated on its own.
 */
function eachItem(
  forEach: unknown,
  path: string,
  actionKey: string,
  input: PlanInput,
  plan: (run: Run, actionKey: string) => PlannedAction,
): PlannedAction[] {
  if (forEach === undefined) return [plan((logic) => input.run(logic), actionKey)];
  const list = input.run(forEach);
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list))
    throw new RuleEvaluationError('forEachNotList', `${path}.forEach`, { value: show(list) });
  if (list.length > MAX_FOR_EACH)
    throw new RuleEvaluationError('forEachTooLong', `${path}.forEach`, {
      length: list.length,
      limit: MAX_FOR_EACH,
    });
  return list.map((item: unknown, index) =>
    plan((logic) => input.run(logic, { item, index }), `${actionKey}[${index}]`),
  );
}

/** Hooks for the expressions of a forEach action: `item` and `index` are readable there. */
function withItemRoots(hooks: LogicHooks): LogicHooks {
  return {
    ...hooks,
    variable(path, where) {
      const root = path.split('.')[0];
      if (!(FOR_EACH_ROOTS as readonly string[]).includes(root ?? '')) hooks.variable?.(path, where);
    },
  };
}

/** A record's id, from the id itself or a record (a relation's value) holding it. */
const idOf = (value: unknown): unknown =>
  typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string'
    ? (value as { id: string }).id
    : value;

const NUMERIC_TYPES = new Set(['number', 'money', 'percent', 'rating']);

function compileAssignee(assignee: Assignee, context: RuleContext, path: string, hooks: LogicHooks) {
  if (assignee.type === 'field') {
    if (!context.entity) throw new RuleCompileError('noRecord', `${path}.field`, { ref: 'a field assignee' });
    findField(context.entity, assignee.field, `${path}.field`);
    const field = assignee.field;
    return (input: PlanInput): PlannedAssignee => ({
      ...assignee,
      value: input.data.record?.[field] ?? null,
    });
  }
  if (assignee.type === 'expression') {
    const logic = compileLogic(assignee.expression, `${path}.expression`, hooks);
    return (input: PlanInput): PlannedAssignee => ({ ...assignee, value: input.run(logic) });
  }
  return (): PlannedAssignee => ({ ...assignee });
}

export function compileAction(
  action: RuleAction,
  context: RuleContext,
  outerHooks: LogicHooks,
): ActionPlanner {
  const path = `${context.path}.actions.${action.key}`;
  const base = (input: PlanInput, actionKey = action.key) => ({
    ruleKey: context.ruleKey,
    actionKey,
    chain: input.chain,
  });
  const forEach =
    'forEach' in action && action.forEach !== undefined
      ? compileLogic(action.forEach, `${path}.forEach`, outerHooks)
      : undefined;
  const hooks = forEach === undefined ? outerHooks : withItemRoots(outerHooks);
  switch (action.type) {
    case 'notify': {
      const to = compileAssignee(action.to, context, `${path}.to`, hooks);
      return (input) => [
        {
          type: 'notify',
          ...base(input),
          to: to(input),
          channel: action.channel,
          template: action.template,
        },
      ];
    }
    case 'createRecord': {
      const target = findEntity(context.app, action.entity, `${path}.entity`);
      Object.keys(action.values).forEach((key) => findField(target, key, `${path}.values.${key}`));
      const values = compileValues(action.values, `${path}.values`, hooks);
      return (input) =>
        eachItem(forEach, path, action.key, input, (run, actionKey) => ({
          type: 'createRecord',
          ...base(input, actionKey),
          entity: target.key,
          values: evaluateValues(values, run),
        }));
    }
    case 'updateRecord': {
      const other = action.entity !== undefined;
      if (other && action.record === undefined)
        throw new RuleCompileError('recordIdMissing', `${path}.record`, { value: 'nothing' });
      const entity = other ? findEntity(context.app, action.entity!, `${path}.entity`) : context.entity;
      if (!entity || (!other && context.noRecord))
        throw new RuleCompileError('noRecord', `${path}.values`, { ref: 'updateRecord' });
      const given = { ...action.values };
      const added = { ...action.increments };
      Object.keys(given).forEach((key) => findField(entity, key, `${path}.values.${key}`));
      for (const key of Object.keys(added)) {
        const field = findField(entity, key, `${path}.increments.${key}`);
        if (field && !NUMERIC_TYPES.has(field.type))
          throw new RuleCompileError('incrementNotNumber', `${path}.increments.${key}`, {
            field: key,
            value: field.type,
          });
      }
      const values = compileValues(given, `${path}.values`, hooks);
      const increments = compileValues(added, `${path}.increments`, hooks);
      const record = other ? compileLogic(action.record, `${path}.record`, hooks) : undefined;
      return (input) =>
        eachItem(forEach, path, action.key, input, (run, actionKey) => {
          const id = record === undefined ? input.recordId : idOf(run(record));
          if (typeof id !== 'string' || id === '')
            throw new RuleEvaluationError('recordIdMissing', `${path}.record`, { value: show(id) });
          const deltas: Record<string, number> = {};
          for (const [key, delta] of Object.entries(evaluateValues(increments, run))) {
            const number = Number(delta);
            if (delta === null || typeof delta === 'boolean' || !Number.isFinite(number))
              throw new RuleEvaluationError('incrementNotNumber', `${path}.increments.${key}`, {
                field: key,
                value: show(delta),
              });
            deltas[key] = number;
          }
          return {
            type: 'updateRecord',
            ...base(input, actionKey),
            entity: entity.key,
            recordId: id,
            values: evaluateValues(values, run),
            ...(increments.length > 0 ? { increments: deltas } : {}),
          };
        });
    }
    case 'createTask': {
      const assignee = compileAssignee(action.assignee, context, `${path}.assignee`, hooks);
      const due = action.due;
      if (due !== undefined && !isDuration(due))
        throw new RuleCompileError('invalidDuration', `${path}.due`, { value: String(due) });
      return (input) => {
        const dueAt = due === undefined ? null : addDuration(new Date(input.data.now), due, context.timeZone);
        return [
          {
            type: 'createTask',
            ...base(input),
            assignee: assignee(input),
            title: action.title,
            ...(due !== undefined ? { due } : {}),
            ...(dueAt ? { dueAt: dueAt.toISOString() } : {}),
          },
        ];
      };
    }
    case 'startFlow': {
      const flow = context.app.flows.find((item) => item.key === action.flow);
      if (!flow) throw new RuleCompileError('unknownFlow', `${path}.flow`, { flow: action.flow });
      const sameEntity = context.entity?.key === flow.entity;
      return (input) => [
        {
          type: 'startFlow',
          ...base(input),
          flow: flow.key,
          ...(sameEntity && input.recordId !== undefined
            ? { entity: flow.entity, recordId: input.recordId }
            : {}),
        },
      ];
    }
    case 'webhook': {
      if (!HTTP_URL.test(action.url))
        throw new RuleCompileError('invalidUrl', `${path}.url`, { url: action.url });
      return (input) => [
        {
          type: 'webhook',
          ...base(input),
          url: action.url,
          method: action.method ?? 'POST',
          headers: { ...action.headers },
          body: {
            rule: context.ruleKey,
            action: action.key,
            now: input.data.now,
            record: input.data.record ?? null,
            changes: [...(input.data.changes ?? [])],
          },
        },
      ];
    }
    default:
      return assertUnreachable(action);
  }
}
