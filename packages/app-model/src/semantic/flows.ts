// Semantic checks of flows: the graph's shape (one start, reachable ends, gateway edges) and every
// entity, field, role and flow a node names.
import { type Owner, type PathPart } from '../issues';
import {
  type Context,
  type EntityInfo,
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

const CONDITIONAL_GATEWAYS = new Set(['exclusiveGateway', 'inclusiveGateway']);

/** The manager of a task's assignees is known only once the task exists and is overdue: its escalation. */
function checkNotAssigneesManager(ctx: Context, assignee: unknown, path: PathPart[], who: Owner) {
  if (isObj(assignee) && assignee.type === 'manager' && assignee.of === 'assignee')
    ctx.sink.error([...path, 'of'], 'managerOfAssigneeOutsideEscalation', { owner: who });
}

function checkTask(ctx: Context, node: Obj, path: PathPart[], who: Owner, entity: EntityInfo | undefined) {
  checkAssignee(ctx, node.assignee, [...path, 'assignee'], who, entity);
  checkNotAssigneesManager(ctx, node.assignee, [...path, 'assignee'], who);
  if (node.assigneeFallback !== undefined) {
    checkAssignee(ctx, node.assigneeFallback, [...path, 'assigneeFallback'], who, entity);
    checkNotAssigneesManager(ctx, node.assigneeFallback, [...path, 'assigneeFallback'], who);
  }
  if (isObj(node.form)) {
    fieldRefs(ctx, entity, node.form.editable, [...path, 'form', 'editable'], who);
    fieldRefs(ctx, entity, node.form.visible, [...path, 'form', 'visible'], who);
    fieldRefs(ctx, entity, node.form.required, [...path, 'form', 'required'], who);
    const editable = Array.isArray(node.form.editable) ? node.form.editable : [];
    (Array.isArray(node.form.required) ? node.form.required : []).forEach((field: unknown, index) => {
      if (typeof field === 'string' && !editable.includes(field))
        ctx.sink.error([...path, 'form', 'required', index], 'requiredNotEditable', { owner: who, field });
    });
  }
  if (isObj(node.sla) && isObj(node.sla.escalate)) {
    checkAssignee(ctx, node.sla.escalate.to, [...path, 'sla', 'escalate', 'to'], who, entity);
  }
  if (Array.isArray(node.cc)) {
    node.cc.forEach((cc, index) => {
      checkAssignee(ctx, cc, [...path, 'cc', index], who, entity);
      checkNotAssigneesManager(ctx, cc, [...path, 'cc', index], who);
    });
  }
}

function checkAction(
  ctx: Context,
  action: unknown,
  path: PathPart[],
  who: Owner,
  entity: EntityInfo | undefined,
) {
  if (!isObj(action)) return;
  switch (action.type) {
    case 'createRecord': {
      const target = entityRef(ctx, action.entity, [...path, 'entity'], who);
      checkValues(ctx, action.values, [...path, 'values'], who, target, { entity });
      break;
    }
    case 'updateRecord':
      checkValues(ctx, action.values, [...path, 'values'], who, entity, { entity });
      break;
    case 'notify':
      checkAssignee(ctx, action.to, [...path, 'to'], who, entity);
      checkNotAssigneesManager(ctx, action.to, [...path, 'to'], who);
      break;
    case 'subFlow': {
      const flow = str(action.flow);
      if (flow !== undefined && ctx.readable.flows && !ctx.flows.has(flow))
        ctx.sink.error([...path, 'flow'], 'unknownFlow', { owner: who, flow });
      break;
    }
    default:
      break;
  }
}

function checkNode(ctx: Context, node: Obj, path: PathPart[], who: Owner, entity: EntityInfo | undefined) {
  switch (node.type) {
    case 'userTask':
    case 'approval':
      checkTask(ctx, node, path, who, entity);
      break;
    case 'action':
      checkAction(ctx, node.action, [...path, 'action'], who, entity);
      break;
    case 'timer':
      fieldRef(ctx, entity, node.untilField, [...path, 'untilField'], who);
      break;
    default:
      break;
  }
}

interface Edge {
  index: number;
  raw: Obj;
  from: string | undefined;
  to: string | undefined;
}

function checkEdges(
  ctx: Context,
  flow: Obj,
  flowPath: PathPart[],
  flowKey: string,
  nodes: Map<string, Obj>,
  entity: EntityInfo | undefined,
): Edge[] {
  const edges: Edge[] = [];
  for (const [index, raw] of items(flow.edges)) {
    const path = [...flowPath, 'edges', index];
    const who = owner(['flow', flowKey], ['edge', str(raw.key) ?? index]);
    const edge: Edge = { index, raw, from: str(raw.from), to: str(raw.to) };
    for (const end of ['from', 'to'] as const) {
      const key = edge[end];
      if (key !== undefined && !nodes.has(key)) {
        ctx.sink.error([...path, end], 'unknownNode', { owner: who, node: key, flow: flowKey });
        edge[end] = undefined;
      }
    }
    const from = edge.from === undefined ? undefined : nodes.get(edge.from);
    const to = edge.to === undefined ? undefined : nodes.get(edge.to);
    if (from && !CONDITIONAL_GATEWAYS.has(String(from.type))) {
      for (const property of ['condition', 'default'] as const) {
        if (raw[property] !== undefined && raw[property] !== false) {
          ctx.sink.error([...path, property], 'conditionOutsideGateway', {
            owner: who,
            node: edge.from,
            property,
          });
        }
      }
    }
    if (from?.type === 'end')
      ctx.sink.error([...path, 'from'], 'endHasOutgoing', {
        owner: owner(['flow', flowKey], ['node', edge.from]),
      });
    if (to?.type === 'start')
      ctx.sink.error([...path, 'to'], 'startHasIncoming', {
        owner: owner(['flow', flowKey], ['node', edge.to]),
      });
    checkExpression(ctx, raw.condition, [...path, 'condition'], who, { entity });
    edges.push(edge);
  }
  return edges;
}

function checkGateways(ctx: Context, flowPath: PathPart[], flowKey: string, flow: Obj, edges: Edge[]) {
  for (const [index, node] of items(flow.nodes)) {
    if (!CONDITIONAL_GATEWAYS.has(String(node.type))) continue;
    const key = str(node.key);
    const outgoing = edges.filter((edge) => edge.from !== undefined && edge.from === key);
    const defaults = outgoing.filter((edge) => edge.raw.default === true);
    const who = owner(['flow', flowKey], ['node', key ?? index]);
    if (defaults.length > 1) {
      ctx.sink.error([...flowPath, 'nodes', index], 'gatewayDefaultMultiple', {
        owner: who,
        count: defaults.length,
      });
    }
    if (node.type !== 'exclusiveGateway') continue;
    if (defaults.length === 0)
      ctx.sink.error([...flowPath, 'nodes', index], 'gatewayDefaultMissing', { owner: who });
    for (const edge of outgoing) {
      if (edge.raw.default !== true && edge.raw.condition === undefined) {
        ctx.sink.error([...flowPath, 'edges', edge.index], 'gatewayEdgeNeedsCondition', {
          owner: owner(['flow', flowKey], ['edge', str(edge.raw.key) ?? edge.index]),
          node: key,
        });
      }
    }
  }
}

/** Warnings only: a flow with unreachable or dead-end nodes still loads, but probably is not what was meant. */
function checkReachability(
  ctx: Context,
  flowPath: PathPart[],
  flowKey: string,
  flow: Obj,
  edges: Edge[],
  start: string,
) {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.from === undefined || edge.to === undefined) continue;
    next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  }
  const reached = new Set<string>([start]);
  const queue = [start];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    for (const to of next.get(current) ?? []) {
      if (!reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }
    }
  }
  for (const [index, node] of items(flow.nodes)) {
    const key = str(node.key);
    if (key === undefined) continue;
    const who = owner(['flow', flowKey], ['node', key]);
    if (!reached.has(key)) ctx.sink.warn([...flowPath, 'nodes', index], 'nodeUnreachable', { owner: who });
    else if (node.type !== 'end' && !next.has(key))
      ctx.sink.warn([...flowPath, 'nodes', index], 'nodeDeadEnd', { owner: who });
  }
}

export function checkFlows(ctx: Context, app: Obj) {
  checkDuplicateKeys(ctx, app.flows, ['flows'], 'flow');
  for (const [index, flow] of items(app.flows)) {
    const flowKey = str(flow.key) ?? String(index);
    const path: PathPart[] = ['flows', index];
    const who = owner(['flow', flowKey]);
    const entity = entityRef(ctx, flow.entity, [...path, 'entity'], who);
    checkDuplicateKeys(ctx, flow.nodes, [...path, 'nodes'], 'node', who);
    checkDuplicateKeys(ctx, flow.edges, [...path, 'edges'], 'edge', who);

    const nodes = new Map<string, Obj>();
    const starts: string[] = [];
    let ends = 0;
    for (const [nodeIndex, node] of items(flow.nodes)) {
      const key = str(node.key);
      if (key !== undefined && !nodes.has(key)) nodes.set(key, node);
      if (node.type === 'start' && key !== undefined) starts.push(key);
      if (node.type === 'end') ends += 1;
      checkNode(
        ctx,
        node,
        [...path, 'nodes', nodeIndex],
        [...who, { kind: 'node', key: key ?? nodeIndex }],
        entity,
      );
    }
    // Only judge the graph when the node list itself is readable.
    if (Array.isArray(flow.nodes)) {
      if (starts.length === 0) ctx.sink.error([...path, 'nodes'], 'flowNoStart', { owner: who });
      if (starts.length > 1)
        ctx.sink.error([...path, 'nodes'], 'flowMultipleStarts', { owner: who, count: starts.length });
      if (ends === 0) ctx.sink.error([...path, 'nodes'], 'flowNoEnd', { owner: who });
    }
    const edges = checkEdges(ctx, flow, path, flowKey, nodes, entity);
    checkGateways(ctx, path, flowKey, flow, edges);
    const [start] = starts;
    if (starts.length === 1 && start !== undefined) checkReachability(ctx, path, flowKey, flow, edges, start);
  }
}
