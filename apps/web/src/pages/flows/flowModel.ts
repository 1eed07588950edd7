import type { FlowDefinition, FlowEdge, FlowNode, FlowNodeType, LocalizedText } from '@lowcode/app-model';
import type { Problem } from '@lowcode/flow-engine';
import type { Edge, Node, XYPosition } from '@xyflow/react';

// The flow designer's pure model: the flow definition is the state; xyflow nodes and edges are derived from it
// and every canvas change is applied back to it here, so what is saved is exactly what is shown.

export interface FlowNodeData extends Record<string, unknown> {
  node: FlowNode;
  problems: Problem[];
}
export interface FlowEdgeData extends Record<string, unknown> {
  edge: FlowEdge;
  problems: Problem[];
}
export type DesignerNode = Node<FlowNodeData, 'flowNode'>;
export type DesignerEdge = Edge<FlowEdgeData>;

export const LAYER_GAP = 240;
export const ROW_GAP = 120;

const text = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/** What a node dropped from the palette starts as: each type complete enough to be edited, never guessed later. */
export const NODE_DEFAULTS: { [T in FlowNodeType]: () => Omit<Extract<FlowNode, { type: T }>, 'key'> } = {
  start: () => ({ type: 'start', label: text('开始', 'Start') }),
  end: () => ({ type: 'end', label: text('结束', 'End') }),
  userTask: () => ({
    type: 'userTask',
    label: text('处理', 'Handle'),
    assignee: { type: 'role', role: '' },
  }),
  approval: () => ({
    type: 'approval',
    label: text('审批', 'Approve'),
    assignee: { type: 'role', role: '' },
    mode: 'single',
  }),
  exclusiveGateway: () => ({ type: 'exclusiveGateway', label: text('条件分支', 'Decision') }),
  parallelGateway: () => ({ type: 'parallelGateway', label: text('并行', 'Parallel') }),
  inclusiveGateway: () => ({ type: 'inclusiveGateway', label: text('包容分支', 'Inclusive') }),
  action: () => ({
    type: 'action',
    label: text('自动动作', 'Action'),
    action: { type: 'updateRecord', values: {} },
  }),
  timer: () => ({ type: 'timer', label: text('等待', 'Wait'), duration: 'PT1H' }),
};

/** A key not yet used by `taken`: `userTask1`, `userTask2`, … */
export function freshKey(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n += 1) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/**
 * Layered layout for flows without positions: each node's layer is its BFS depth from the start (nodes the start
 * cannot reach go one layer past the deepest), rows spread around the middle of each layer.
 */
export function autoLayout(flow: Pick<FlowDefinition, 'nodes' | 'edges'>): Record<string, XYPosition> {
  const depth = new Map<string, number>();
  const roots = flow.nodes.filter((node) => node.type === 'start').map((node) => node.key);
  const queue = roots.length > 0 ? roots : flow.nodes.slice(0, 1).map((node) => node.key);
  queue.forEach((key) => depth.set(key, 0));
  for (let index = 0; index < queue.length; index += 1) {
    const key = queue[index]!;
    for (const edge of flow.edges)
      if (edge.from === key && !depth.has(edge.to) && flow.nodes.some((node) => node.key === edge.to)) {
        depth.set(edge.to, depth.get(key)! + 1);
        queue.push(edge.to);
      }
  }
  const deepest = Math.max(0, ...depth.values());
  for (const node of flow.nodes) if (!depth.has(node.key)) depth.set(node.key, deepest + 1);
  const layers = new Map<number, string[]>();
  for (const node of flow.nodes) {
    const layer = depth.get(node.key)!;
    layers.set(layer, [...(layers.get(layer) ?? []), node.key]);
  }
  const positions: Record<string, XYPosition> = {};
  for (const [layer, keys] of layers)
    keys.forEach((key, row) => {
      positions[key] = { x: layer * LAYER_GAP, y: (row - (keys.length - 1) / 2) * ROW_GAP };
    });
  return positions;
}

/** Gives every node without a position one from the auto layout; flows with all positions are left as they are. */
export function withPositions(flow: FlowDefinition, force = false): FlowDefinition {
  if (!force && flow.nodes.every((node) => node.position)) return flow;
  const layout = autoLayout(flow);
  return {
    ...flow,
    nodes: flow.nodes.map((node) =>
      force || !node.position ? { ...node, position: layout[node.key] ?? { x: 0, y: 0 } } : node,
    ),
  };
}

/** Which node or edge a problem's JSON path points at (`$.nodes[3].assignee` → node 3). */
export function problemTarget(
  flow: FlowDefinition,
  problem: Pick<Problem, 'path'>,
): { kind: 'node' | 'edge'; key: string } | undefined {
  const match = /^\$\.(nodes|edges)\[(\d+)\]/.exec(problem.path);
  if (!match) return undefined;
  const list = match[1] === 'nodes' ? flow.nodes : flow.edges;
  const item = list[Number(match[2])];
  return item ? { kind: match[1] === 'nodes' ? 'node' : 'edge', key: item.key } : undefined;
}

export function problemsByTarget(flow: FlowDefinition, problems: readonly Problem[]) {
  const nodes = new Map<string, Problem[]>();
  const edges = new Map<string, Problem[]>();
  const general: Problem[] = [];
  for (const problem of problems) {
    const target = problemTarget(flow, problem);
    if (!target) general.push(problem);
    else {
      const map = target.kind === 'node' ? nodes : edges;
      map.set(target.key, [...(map.get(target.key) ?? []), problem]);
    }
  }
  return { nodes, edges, general };
}

export interface Selection {
  kind: 'node' | 'edge';
  key: string;
}

/** The canvas view of the flow: one xyflow node per flow node (id = key), one edge per flow edge. */
export function toCanvas(
  flow: FlowDefinition,
  problems: readonly Problem[] = [],
  selection?: Selection | null,
): { nodes: DesignerNode[]; edges: DesignerEdge[] } {
  const byTarget = problemsByTarget(flow, problems);
  const layout = flow.nodes.every((node) => node.position) ? {} : autoLayout(flow);
  const nodes = flow.nodes.map((node): DesignerNode => ({
    id: node.key,
    type: 'flowNode',
    position: node.position ?? layout[node.key] ?? { x: 0, y: 0 },
    data: { node, problems: byTarget.nodes.get(node.key) ?? [] },
    selected: selection?.kind === 'node' && selection.key === node.key,
    deletable: true,
  }));
  const edges = flow.edges.map((edge): DesignerEdge => ({
    id: edge.key,
    source: edge.from,
    target: edge.to,
    data: { edge, problems: byTarget.edges.get(edge.key) ?? [] },
    selected: selection?.kind === 'edge' && selection.key === edge.key,
  }));
  return { nodes, edges };
}

/**
 * The nodes the designer opens on: those within `width` flow pixels of the leftmost one (a screenful). A long flow (the
 * repair flow is ~5,400 px wide) fitted whole is too small to read; its beginning, readable, is where a
 * builder starts, and the minimap shows the rest.
 */
export function openingNodes(nodes: readonly { id: string; position: { x: number } }[], width = 1000) {
  const left = Math.min(...nodes.map((node) => node.position.x));
  return nodes.filter((node) => node.position.x <= left + width).map((node) => ({ id: node.id }));
}

/** Reads a flow back from canvas nodes and edges (positions rounded): the inverse of toCanvas. */
export function fromCanvas(
  flow: FlowDefinition,
  nodes: readonly DesignerNode[],
  edges: readonly DesignerEdge[],
): FlowDefinition {
  return {
    ...flow,
    nodes: nodes.map((item) => ({
      ...item.data.node,
      key: item.id,
      position: { x: Math.round(item.position.x), y: Math.round(item.position.y) },
    })),
    edges: edges.map((item) => {
      const edge: FlowEdge = item.data?.edge ?? { key: item.id, from: item.source, to: item.target };
      return { ...edge, key: item.id, from: item.source, to: item.target };
    }),
  };
}

export function addNode(flow: FlowDefinition, type: FlowNodeType, position: XYPosition): FlowDefinition {
  const key = freshKey(
    type,
    flow.nodes.map((node) => node.key),
  );
  const node = {
    ...NODE_DEFAULTS[type](),
    key,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  } as FlowNode;
  return { ...flow, nodes: [...flow.nodes, node] };
}

export function moveNode(flow: FlowDefinition, key: string, position: XYPosition): FlowDefinition {
  return updateNode(flow, key, (node) => ({
    ...node,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  }));
}

export function updateNode(
  flow: FlowDefinition,
  key: string,
  change: (node: FlowNode) => FlowNode,
): FlowDefinition {
  return { ...flow, nodes: flow.nodes.map((node) => (node.key === key ? change(node) : node)) };
}

export function updateEdge(
  flow: FlowDefinition,
  key: string,
  change: (edge: FlowEdge) => FlowEdge,
): FlowDefinition {
  return { ...flow, edges: flow.edges.map((edge) => (edge.key === key ? change(edge) : edge)) };
}

/** Renames a node and every edge that names it; refuses an empty or taken key by returning the flow unchanged. */
export function renameNode(flow: FlowDefinition, from: string, to: string): FlowDefinition {
  if (!to || from === to || flow.nodes.some((node) => node.key === to)) return flow;
  return {
    ...flow,
    nodes: flow.nodes.map((node) => (node.key === from ? { ...node, key: to } : node)),
    edges: flow.edges.map((edge) => ({
      ...edge,
      from: edge.from === from ? to : edge.from,
      to: edge.to === from ? to : edge.to,
    })),
  };
}

export function removeNodes(flow: FlowDefinition, keys: readonly string[]): FlowDefinition {
  const gone = new Set(keys);
  return {
    ...flow,
    nodes: flow.nodes.filter((node) => !gone.has(node.key)),
    edges: flow.edges.filter((edge) => !gone.has(edge.from) && !gone.has(edge.to)),
  };
}

export function removeEdges(flow: FlowDefinition, keys: readonly string[]): FlowDefinition {
  const gone = new Set(keys);
  return { ...flow, edges: flow.edges.filter((edge) => !gone.has(edge.key)) };
}

/** Why a connection is refused, or undefined when it may be drawn. */
export function connectionProblem(
  flow: FlowDefinition,
  from: string,
  to: string,
): 'self' | 'duplicate' | 'intoStart' | 'outOfEnd' | undefined {
  if (from === to) return 'self';
  if (flow.edges.some((edge) => edge.from === from && edge.to === to)) return 'duplicate';
  if (flow.nodes.find((node) => node.key === to)?.type === 'start') return 'intoStart';
  if (flow.nodes.find((node) => node.key === from)?.type === 'end') return 'outOfEnd';
  return undefined;
}

export function connect(flow: FlowDefinition, from: string, to: string): FlowDefinition {
  if (connectionProblem(flow, from, to)) return flow;
  const base = `${from}To${to.charAt(0).toUpperCase()}${to.slice(1)}`;
  const taken = new Set(flow.edges.map((edge) => edge.key));
  const key = taken.has(base) ? freshKey(base, taken) : base;
  return { ...flow, edges: [...flow.edges, { key, from, to }] };
}

/** Edges that may carry a condition and a default flag: those leaving exclusive/inclusive gateways and approvals. */
export function edgeRoutes(flow: FlowDefinition, edge: FlowEdge): boolean {
  const type = flow.nodes.find((node) => node.key === edge.from)?.type;
  return type === 'exclusiveGateway' || type === 'inclusiveGateway' || type === 'approval';
}

/** Marks one edge as its source's default branch (clearing the others) or unmarks it; a default has no condition. */
export function setEdgeDefault(flow: FlowDefinition, key: string, isDefault: boolean): FlowDefinition {
  const target = flow.edges.find((edge) => edge.key === key);
  if (!target) return flow;
  return {
    ...flow,
    edges: flow.edges.map((edge) => {
      if (edge.key === key) {
        const { condition: _condition, default: _default, ...rest } = edge;
        return isDefault ? { ...rest, default: true } : rest;
      }
      if (isDefault && edge.from === target.from && edge.default) {
        const { default: _default, ...rest } = edge;
        return rest;
      }
      return edge;
    }),
  };
}

export function setEdgeCondition(flow: FlowDefinition, key: string, condition: unknown): FlowDefinition {
  return updateEdge(flow, key, (edge) => {
    const { condition: _condition, default: isDefault, ...rest } = edge;
    if (condition === undefined) return isDefault ? { ...rest, default: true } : rest;
    return { ...rest, condition };
  });
}

/** A new, empty flow: start → end, on the given entity. */
export function newFlow(key: string, entity: string): FlowDefinition {
  return {
    key,
    label: text('新流程', 'New flow'),
    entity,
    trigger: { type: 'manual' },
    nodes: [
      { key: 'start', type: 'start', label: text('开始', 'Start'), position: { x: 0, y: 0 } },
      { key: 'end', type: 'end', label: text('结束', 'End'), position: { x: LAYER_GAP * 2, y: 0 } },
    ],
    edges: [],
  };
}

/** Removes `undefined` properties, so saved JSON has no `"default": undefined` noise and compares equal. */
export function clean<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
