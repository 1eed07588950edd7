// Start, end, automatic actions and timers.
import { instantOf, type RecordValues } from '@lowcode/app-model';
import { addDuration, isDuration } from '../duration';
import { nodePath, problem } from '../problems';
import { type ActionEffect, type HandlerContext, type NodeHandler } from './contract';

export const startHandler: NodeHandler<'start'> = {
  validate: () => [],
  enter: () => ({ kind: 'continue' }),
};

export const endHandler: NodeHandler<'end'> = {
  validate: () => [],
  enter: () => ({ kind: 'continue', edges: [] }),
};

function evaluateValues(ctx: HandlerContext<'action'>, values: RecordValues): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([field, logic]) => [field, ctx.evaluate(logic)]));
}

async function actionEffects(ctx: HandlerContext<'action'>): Promise<ActionEffect[]> {
  const { action, key } = ctx.node;
  switch (action.type) {
    case 'createRecord':
      return [
        {
          type: 'createRecord',
          entity: action.entity,
          values: evaluateValues(ctx, action.values),
          ...(action.resultField ? { resultField: action.resultField } : {}),
        },
      ];
    case 'updateRecord':
      return [{ type: 'updateRecord', values: evaluateValues(ctx, action.values) }];
    case 'notify': {
      const to = [...new Set(await ctx.resolveAssignees(action.to))];
      return to.length > 0
        ? [{ type: 'notify', to, reason: 'action', template: action.template, nodeKey: key }]
        : [];
    }
    case 'webhook': {
      const body = {
        instance: ctx.state.id,
        flow: ctx.flow.key,
        node: key,
        record: ctx.state.record,
        variables: ctx.state.variables,
      };
      return [{ type: 'callWebhook', url: action.url, method: action.method, body }];
    }
    case 'subFlow':
      return [{ type: 'startSubFlow', flow: action.flow, record: ctx.state.record }];
  }
}

export const actionHandler: NodeHandler<'action'> = {
  validate(node, flow) {
    const action = node.action as unknown;
    return action && typeof action === 'object'
      ? []
      : [problem(nodePath(flow, node, 'action'), 'actionMissing', { node: node.key })];
  },
  async enter(ctx) {
    return { kind: 'continue', effects: await actionEffects(ctx) };
  },
};

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant a stored date or date-time means. A date without a time (`2026-06-20`, a date field) is its
 * midnight in `timeZone`, not in UTC: a timer until a Shanghai due date fires at 00:00 there, not 08:00.
 */
function parseDate(value: unknown, timeZone: string): Date | undefined {
  if (typeof value === 'string') {
    const day = DATE_ONLY.exec(value);
    if (day) {
      const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
      if (new Date(Date.UTC(year, month - 1, date)).toISOString().slice(0, 10) !== value) return undefined;
      const wall = { year, month, day: date, hour: 0, minute: 0, second: 0 };
      // Where a DST jump skips midnight, the day begins at 01:00.
      return instantOf(wall, timeZone) ?? instantOf({ ...wall, hour: 1 }, timeZone) ?? undefined;
    }
  }
  if (typeof value !== 'string' && typeof value !== 'number' && !(value instanceof Date)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export const timerHandler: NodeHandler<'timer'> = {
  waits: true,
  validate(node, flow) {
    const { duration, untilField, offset } = node as {
      duration?: unknown;
      untilField?: unknown;
      offset?: unknown;
    };
    const at = (name: string) => nodePath(flow, node, name);
    if (duration === undefined && (typeof untilField !== 'string' || untilField === ''))
      return [problem(nodePath(flow, node), 'timerDurationMissing', { node: node.key })];
    if (duration !== undefined && !isDuration(duration))
      return [problem(at('duration'), 'durationInvalid', { node: node.key, value: String(duration) })];
    if (offset !== undefined && !isDuration(offset))
      return [problem(at('offset'), 'durationInvalid', { node: node.key, value: String(offset) })];
    return [];
  },
  enter(ctx) {
    const { node } = ctx;
    let fireAt: Date;
    if (node.duration !== undefined) {
      fireAt = addDuration(ctx.now, node.duration);
    } else {
      const until = parseDate(ctx.state.record[node.untilField], ctx.timeZone);
      if (!until)
        return { kind: 'error', message: `Timer "${node.key}": field "${node.untilField}" holds no date` };
      fireAt = node.offset ? addDuration(until, node.offset) : until;
    }
    // A date already past lets the token through at once.
    return fireAt.getTime() <= ctx.now.getTime() ? { kind: 'continue' } : { kind: 'wait', timer: { fireAt } };
  },
  resume: () => ({ kind: 'continue' }),
};
