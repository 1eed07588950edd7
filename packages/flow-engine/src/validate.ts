// Graph validation before publishing: structure, each node type's own checks (its handler's validate),
// gateways, reachability both ways, joins without their split, and loops that never wait.
import { type AppDefinition, type FlowDefinition, type FlowEdge, type FlowNode } from '@lowcode/app-model';
import { handlerFor } from './handlers/registry';
import { assertSafeLogic } from './logic';
import { type Problem, nodePath, problem } from './problems';
import { validateAgainstApp } from './validate-app';

const GATEWAYS = new Set(['exclusiveGateway', 'parallelGateway', 'inclusiveGateway']);

function reach(from: string[], next: (key: string) => string[]): Set<string> {
  const seen = new Set(from);
  const queue = [...from];
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    for (const to of next(key)) {
      if (seen.has(to)) continue;
      seen.add(to);
      queue.push(to);
    }
  }
  return seen;
}

/** Strongly connected components (Tarjan), for loops. */
function components(keys: string[], next: (key: string) => string[]): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const result: string[][] = [];
  const visit = (key: string): void => {
    index.set(key, counter);
    low.set(key, counter++);
    stack.push(key);
    for (const to of next(key)) {
      if (!index.has(to)) {
        visit(to);
        low.set(key, Math.min(low.get(key)!, low.get(to)!));
      } else if (stack.includes(to)) low.set(key, Math.min(low.get(key)!, index.get(to)!));
    }
    if (low.get(key) !== index.get(key)) return;
    const component: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = top === key ? undefined : stack.pop())
      component.push(top);
    result.push(component);
  };
  for (const key of keys) if (!index.has(key)) visit(key);
  return result;
}

function structure(flow: FlowDefinition, nodes: Map<string, FlowNode>): Problem[] {
  const problems: Problem[] = [];
  const starts = flow.nodes.filter((node) => node.type === 'start');
  if (starts.length === 0) problems.push(problem('$.nodes', 'flowNoStart'));
  if (starts.length > 1) problems.push(problem('$.nodes', 'flowMultipleStarts', { count: starts.length }));
  if (!flow.nodes.some((node) => node.type === 'end')) problems.push(problem('$.nodes', 'flowNoEnd'));
  const seenNodes = new Set<string>();
  flow.nodes.forEach((node, i) => {
    if (seenNodes.has(node.key))
      problems.push(problem(`$.nodes[${i}].key`, 'nodeDuplicateKey', { node: node.key }));
    seenNodes.add(node.key);
  });
  const seenEdges = new Set<string>();
  flow.edges.forEach((edge, i) => {
    const at = `$.edges[${i}]`;
    if (seenEdges.has(edge.key)) problems.push(problem(`${at}.key`, 'edgeDuplicateKey', { edge: edge.key }));
    seenEdges.add(edge.key);
    for (const side of ['from', 'to'] as const)
      if (!nodes.has(edge[side]))
        problems.push(problem(`${at}.${side}`, 'edgeUnknownNode', { edge: edge.key, node: edge[side] }));
    if (nodes.get(edge.to)?.type === 'start')
      problems.push(problem(`${at}.to`, 'edgeIntoStart', { edge: edge.key }));
    if (nodes.get(edge.from)?.type === 'end')
      problems.push(problem(`${at}.from`, 'edgeOutOfEnd', { edge: edge.key, node: edge.from }));
    const source = nodes.get(edge.from);
    const routes =
      source &&
      (GATEWAYS.has(source.type) || source.type === 'approval') &&
      source.type !== 'parallelGateway';
    if ((edge.condition !== undefined || edge.default === true) && source && !routes)
      problems.push(problem(at, 'conditionOutsideGateway', { edge: edge.key }));
    if (edge.condition === undefined) return;
    try {
      assertSafeLogic(edge.condition);
    } catch (error) {
      problems.push(
        problem(`${at}.condition`, 'conditionInvalid', { edge: edge.key, reason: (error as Error).message }),
      );
    }
  });
  return problems;
}

function branching(flow: FlowDefinition, node: FlowNode, outgoing: FlowEdge[]): Problem[] {
  const at = nodePath(flow, node);
  const defaults = outgoing.filter((edge) => edge.default === true);
  const problems: Problem[] = [];
  if (node.type === 'exclusiveGateway' && outgoing.length > 1) {
    if (defaults.length === 0) problems.push(problem(at, 'gatewayDefaultMissing', { node: node.key }));
    for (const edge of outgoing)
      if (edge.default !== true && edge.condition === undefined)
        problems.push(
          problem(`$.edges[${flow.edges.indexOf(edge)}]`, 'gatewayEdgeNeedsCondition', {
            edge: edge.key,
            node: node.key,
          }),
        );
  }
  if (node.type === 'inclusiveGateway' && outgoing.length > 1 && defaults.length === 0)
    problems.push(problem(at, 'inclusiveDefaultMissing', { node: node.key }));
  if ((node.type === 'exclusiveGateway' || node.type === 'inclusiveGateway') && defaults.length > 1)
    problems.push(problem(at, 'gatewayMultipleDefaults', { node: node.key, count: defaults.length }));
  const conditional = node.type === 'approval' && outgoing.some((edge) => edge.condition !== undefined);
  if (!GATEWAYS.has(node.type) && !conditional && outgoing.length > 1)
    problems.push(problem(at, 'implicitSplit', { node: node.key, count: outgoing.length }));
  return problems;
}

/** Every problem that should stop (errors) or warn (warnings) a builder before the flow is published. */
export function validateFlow(flow: FlowDefinition, app?: AppDefinition): Problem[] {
  const nodes = new Map(flow.nodes.map((node) => [node.key, node]));
  const problems = structure(flow, nodes);
  const known = flow.edges.filter((edge) => nodes.has(edge.from) && nodes.has(edge.to));
  const next = (key: string) => known.filter((edge) => edge.from === key).map((edge) => edge.to);
  const previous = (key: string) => known.filter((edge) => edge.to === key).map((edge) => edge.from);

  for (const node of flow.nodes) {
    problems.push(...handlerFor(node.type).validate(node as never, flow));
    problems.push(
      ...branching(
        flow,
        node,
        known.filter((edge) => edge.from === node.key),
      ),
    );
  }
  const start = flow.nodes.find((node) => node.type === 'start');
  const reached = reach(start ? [start.key] : [], next);
  const ending = reach(
    flow.nodes.filter((node) => node.type === 'end').map((node) => node.key),
    previous,
  );
  for (const node of flow.nodes) {
    if (start && !reached.has(node.key))
      problems.push(problem(nodePath(flow, node), 'nodeUnreachable', { node: node.key }));
    else if (!ending.has(node.key))
      problems.push(problem(nodePath(flow, node), 'nodeCannotReachEnd', { node: node.key }));
  }
  for (const join of flow.nodes) {
    if (
      (join.type !== 'parallelGateway' && join.type !== 'inclusiveGateway') ||
      previous(join.key).length < 2
    )
      continue;
    const splits = flow.nodes.filter((split) => split.type === join.type && next(split.key).length > 1);
    const matched = splits.some((split) => {
      const after = reach(next(split.key), next);
      return after.has(join.key) && previous(join.key).every((from) => from === split.key || after.has(from));
    });
    if (!matched)
      problems.push(problem(nodePath(flow, join), 'joinWithoutSplit', { node: join.key, type: join.type }));
  }
  for (const component of components(
    flow.nodes.map((node) => node.key),
    next,
  )) {
    const loops = component.length > 1 || next(component[0] ?? '').includes(component[0] ?? '');
    const waits = component.some((key) => handlerFor(nodes.get(key)!.type).waits === true);
    if (loops && !waits) {
      const first = nodes.get(component[component.length - 1]!)!;
      problems.push(
        problem(nodePath(flow, first), 'cycleWithoutWait', { nodes: component.reverse().join(' → ') }),
      );
    }
  }
  if (app) problems.push(...validateAgainstApp(flow, app));
  return problems;
}
