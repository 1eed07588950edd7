// Rule actions compile to planners: given the rule data they produce PlannedAction DATA for the server to
// execute (the engine performs no I/O). Value templates are JSON-logic evaluated against the same data.
import { type Assignee, type RecordValues, type RuleAction } from '@lowcode/app-model';
import { RuleCompileError } from '../errors';
import { type LogicHooks, compileLogic } from '../logic/compile-logic';
import { addDuration, isDuration } from '../time/duration';
import { type PlannedAction, type PlannedAssignee, type RuleChainLink, type RuleData } from '../types';
import { type RuleContext, findEntity, findField } from './context';
import { assertUnreachable } from './triggers';

export interface PlanInput {
  data: RuleData;
  chain: RuleChainLink[];
  recordId: string | undefined;
  /** Evaluates compiled logic against `data`. */
  run(logic: unknown): unknown;
}

export type ActionPlanner = (input: PlanInput) => PlannedAction;

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

function compileValues(values: RecordValues, path: string, hooks: LogicHooks): Array<[string, unknown]> {
  return Object.entries(values).map(([key, value]) => [key, compileLogic(value, `${path}.${key}`, hooks)]);
}

function evaluateValues(values: Array<[string, unknown]>, input: PlanInput): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, logic] of values) result[key] = input.run(logic);
  return result;
}

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

export function compileAction(action: RuleAction, context: RuleContext, hooks: LogicHooks): ActionPlanner {
  const path = `${context.path}.actions.${action.key}`;
  const base = (input: PlanInput) => ({
    ruleKey: context.ruleKey,
    actionKey: action.key,
    chain: input.chain,
  });
  switch (action.type) {
    case 'notify': {
      const to = compileAssignee(action.to, context, `${path}.to`, hooks);
      return (input) => ({
        type: 'notify',
        ...base(input),
        to: to(input),
        channel: action.channel,
        template: action.template,
      });
    }
    case 'createRecord': {
      const target = findEntity(context.app, action.entity, `${path}.entity`);
      Object.keys(action.values).forEach((key) => findField(target, key, `${path}.values.${key}`));
      const values = compileValues(action.values, `${path}.values`, hooks);
      return (input) => ({
        type: 'createRecord',
        ...base(input),
        entity: target.key,
        values: evaluateValues(values, input),
      });
    }
    case 'updateRecord': {
      const entity = context.entity;
      if (!entity || context.noRecord)
        throw new RuleCompileError('noRecord', `${path}.values`, { ref: 'updateRecord' });
      Object.keys(action.values).forEach((key) => findField(entity, key, `${path}.values.${key}`));
      const values = compileValues(action.values, `${path}.values`, hooks);
      return (input) => ({
        type: 'updateRecord',
        ...base(input),
        entity: entity.key,
        recordId: input.recordId ?? '',
        values: evaluateValues(values, input),
      });
    }
    case 'createTask': {
      const assignee = compileAssignee(action.assignee, context, `${path}.assignee`, hooks);
      const due = action.due;
      if (due !== undefined && !isDuration(due))
        throw new RuleCompileError('invalidDuration', `${path}.due`, { value: String(due) });
      return (input) => {
        const dueAt = due === undefined ? null : addDuration(new Date(input.data.now), due, context.timeZone);
        return {
          type: 'createTask',
          ...base(input),
          assignee: assignee(input),
          title: action.title,
          ...(due !== undefined ? { due } : {}),
          ...(dueAt ? { dueAt: dueAt.toISOString() } : {}),
        };
      };
    }
    case 'startFlow': {
      const flow = context.app.flows.find((item) => item.key === action.flow);
      if (!flow) throw new RuleCompileError('unknownFlow', `${path}.flow`, { flow: action.flow });
      const sameEntity = context.entity?.key === flow.entity;
      return (input) => ({
        type: 'startFlow',
        ...base(input),
        flow: flow.key,
        ...(sameEntity && input.recordId !== undefined
          ? { entity: flow.entity, recordId: input.recordId }
          : {}),
      });
    }
    case 'webhook': {
      if (!HTTP_URL.test(action.url))
        throw new RuleCompileError('invalidUrl', `${path}.url`, { url: action.url });
      return (input) => ({
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
      });
    }
    default:
      return assertUnreachable(action);
  }
}
