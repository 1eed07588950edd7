// Semantic checks of rules: the trigger decides which entity `record` means (none for schedules), and
// every action's references are checked against it.
import { NUMERIC_FIELD_TYPES } from '../constants';
import { type Owner, type PathPart } from '../issues';
import { isTimeZone } from '../zoned-time';
import {
  type Context,
  type EntityInfo,
  type ExpressionScope,
  type Obj,
  checkAssignee,
  checkDuplicateKeys,
  checkExpression,
  checkValues,
  entityRef,
  fieldRef,
  fieldRefs,
  isObj,
  items,
  owner,
  str,
} from './context';

/** Resolves the rule's record scope from its trigger and checks the trigger's own references. */
function checkTrigger(ctx: Context, trigger: unknown, path: PathPart[], who: Owner): ExpressionScope {
  if (!isObj(trigger)) return { entity: undefined };
  switch (trigger.type) {
    case 'recordCreated':
    case 'recordUpdated':
    case 'recordDeleted':
      return { entity: entityRef(ctx, trigger.entity, [...path, 'entity'], who) };
    case 'fieldChanged': {
      const entity = entityRef(ctx, trigger.entity, [...path, 'entity'], who);
      fieldRefs(ctx, entity, trigger.fields, [...path, 'fields'], who);
      return { entity };
    }
    case 'dateRelative': {
      const entity = entityRef(ctx, trigger.entity, [...path, 'entity'], who);
      fieldRef(ctx, entity, trigger.field, [...path, 'field'], who);
      return { entity };
    }
    case 'flowEvent': {
      const flowKey = str(trigger.flow);
      if (flowKey === undefined) return { entity: undefined };
      const flow = ctx.flows.get(flowKey);
      if (!flow) {
        if (ctx.readable.flows)
          ctx.sink.error([...path, 'flow'], 'unknownFlow', { owner: who, flow: flowKey });
        return { entity: undefined };
      }
      // The flow's own entity reference is reported by the flow checks, not again here.
      return { entity: ctx.entities.get(String(flow.entity)) };
    }
    case 'schedule': {
      const zone = str(trigger.timezone);
      if (zone !== undefined && !isTimeZone(zone)) {
        ctx.sink.error([...path, 'timezone'], 'invalidTimezone', { owner: who, timezone: zone });
      }
      return { entity: undefined, noRecord: true };
    }
    default:
      return { entity: undefined };
  }
}

/** Stored numbers an action can add to (a rollup is computed, not stored). */
const INCREMENTABLE = new Set<string>(NUMERIC_FIELD_TYPES.filter((type) => type !== 'rollup'));

function checkRuleAction(ctx: Context, action: Obj, path: PathPart[], who: Owner, scope: ExpressionScope) {
  const entity: EntityInfo | undefined = scope.entity;
  switch (action.type) {
    case 'notify':
      checkAssignee(ctx, action.to, [...path, 'to'], who, entity);
      checkNoManager(ctx, action.to, [...path, 'to'], who);
      break;
    case 'createTask':
      checkAssignee(ctx, action.assignee, [...path, 'assignee'], who, entity);
      checkNoManager(ctx, action.assignee, [...path, 'assignee'], who);
      break;
    case 'createRecord': {
      checkExpression(ctx, action.forEach, [...path, 'forEach'], who, scope);
      const target = entityRef(ctx, action.entity, [...path, 'entity'], who);
      checkValues(ctx, action.values, [...path, 'values'], who, target, scope);
      break;
    }
    case 'updateRecord': {
      checkExpression(ctx, action.forEach, [...path, 'forEach'], who, scope);
      const other = action.entity !== undefined;
      if (other && action.record === undefined)
        ctx.sink.error([...path, 'record'], 'ruleUpdateNeedsRecord', { owner: who });
      if (!other && action.record !== undefined)
        ctx.sink.error([...path, 'entity'], 'ruleUpdateNeedsEntity', { owner: who });
      if (!other && scope.noRecord) {
        ctx.sink.error([...path, 'values'], 'ruleNoRecord', { owner: who, ref: 'updateRecord' });
        break;
      }
      const target = other ? entityRef(ctx, action.entity, [...path, 'entity'], who) : entity;
      checkExpression(ctx, action.record, [...path, 'record'], who, scope);
      checkValues(ctx, action.values, [...path, 'values'], who, target, scope);
      checkValues(ctx, action.increments, [...path, 'increments'], who, target, scope);
      for (const key of isObj(action.increments) ? Object.keys(action.increments) : []) {
        const field = target?.fields.get(key);
        if (field && !INCREMENTABLE.has(String(field.type)))
          ctx.sink.error([...path, 'increments', key], 'ruleIncrementNotNumber', { owner: who, field: key });
      }
      const count = (value: unknown) => (isObj(value) ? Object.keys(value).length : 0);
      if (count(action.values) + count(action.increments) === 0)
        ctx.sink.error([...path, 'values'], 'ruleUpdateNothing', { owner: who });
      break;
    }
    case 'startFlow': {
      const flow = str(action.flow);
      if (flow !== undefined && ctx.readable.flows && !ctx.flows.has(flow))
        ctx.sink.error([...path, 'flow'], 'unknownFlow', { owner: who, flow });
      break;
    }
    default:
      break;
  }
}

export function checkRules(ctx: Context, app: Obj) {
  checkDuplicateKeys(ctx, app.rules, ['rules'], 'rule');
  for (const [index, rule] of items(app.rules)) {
    const path: PathPart[] = ['rules', index];
    const who = owner(['rule', str(rule.key) ?? index]);
    const scope = checkTrigger(ctx, rule.trigger, [...path, 'trigger'], who);
    checkExpression(ctx, rule.condition, [...path, 'condition'], who, scope);
    checkDuplicateKeys(ctx, rule.actions, [...path, 'actions'], 'action', who);
    for (const [actionIndex, action] of items(rule.actions)) {
      const actionWho: Owner = [...who, { kind: 'action', key: str(action.key) ?? actionIndex }];
      checkRuleAction(ctx, action, [...path, 'actions', actionIndex], actionWho, scope);
    }
  }
}

/** A rule fires on a change or a schedule, not for a person: it has no one whose manager it could reach. */
function checkNoManager(ctx: Context, assignee: unknown, path: PathPart[], who: Owner) {
  if (isObj(assignee) && assignee.type === 'manager')
    ctx.sink.error([...path, 'type'], 'ruleManager', { owner: who });
}
