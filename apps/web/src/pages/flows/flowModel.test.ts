import type { FlowDefinition } from '@lowcode/app-model';
import { validateFlow } from '@lowcode/flow-engine';
import { describe, expect, it } from 'vitest';
import {
  openingNodes,
  addNode,
  autoLayout,
  clean,
  connect,
  connectionProblem,
  fromCanvas,
  LAYER_GAP,
  newFlow,
  problemsByTarget,
  removeNodes,
  renameNode,
  setEdgeCondition,
  setEdgeDefault,
  toCanvas,
  withPositions,
} from './flowModel';

const t = (zh: string) => ({ 'zh-CN': zh, en: zh });

function purchase(): FlowDefinition {
  return {
    key: 'purchase',
    label: t('采购'),
    entity: 'request',
    trigger: { type: 'manual' },
    nodes: [
      { key: 'start', type: 'start', label: t('开始') },
      { key: 'fill', type: 'userTask', label: t('填写'), assignee: { type: 'user', users: ['u1'] } },
      { key: 'gate', type: 'exclusiveGateway', label: t('金额') },
      {
        key: 'big',
        type: 'approval',
        label: t('会签'),
        assignee: { type: 'role', role: 'manager' },
        mode: 'all',
        allowReturn: true,
      },
      {
        key: 'small',
        type: 'approval',
        label: t('或签'),
        assignee: { type: 'role', role: 'manager' },
        mode: 'any',
      },
      { key: 'end', type: 'end', label: t('结束') },
    ],
    edges: [
      { key: 'e1', from: 'start', to: 'fill' },
      { key: 'e2', from: 'fill', to: 'gate' },
      { key: 'e3', from: 'gate', to: 'big', condition: { '>': [{ var: 'record.amount' }, 1000] } },
      { key: 'e4', from: 'gate', to: 'small', default: true, label: t('默认') },
      { key: 'e5', from: 'big', to: 'end' },
      { key: 'e6', from: 'small', to: 'end' },
    ],
  };
}

describe('definition ⇄ canvas', () => {
  it('round-trips a flow with positions unchanged', () => {
    const flow = withPositions(purchase());
    const { nodes, edges } = toCanvas(flow);
    expect(nodes.map((node) => node.id)).toEqual(flow.nodes.map((node) => node.key));
    expect(edges.map((edge) => [edge.source, edge.target])).toEqual(flow.edges.map((e) => [e.from, e.to]));
    expect(fromCanvas(flow, nodes, edges)).toEqual(flow);
  });

  it('takes moved positions (rounded) and edges drawn on the canvas', () => {
    const flow = withPositions(purchase());
    const { nodes, edges } = toCanvas(flow);
    nodes[1]!.position = { x: 10.4, y: 20.6 };
    const drawn = [...edges, { id: 'new', source: 'fill', target: 'end' }];
    const back = fromCanvas(flow, nodes, drawn);
    expect(back.nodes[1]!.position).toEqual({ x: 10, y: 21 });
    expect(back.edges.at(-1)).toEqual({ key: 'new', from: 'fill', to: 'end' });
    expect(back.edges[3]).toEqual(flow.edges[3]);
  });

  it('puts each problem on its node or edge', () => {
    const flow = purchase();
    flow.edges[3] = { key: 'e4', from: 'gate', to: 'small' };
    const problems = validateFlow(flow);
    const { nodes, edges, general } = problemsByTarget(flow, problems);
    expect(nodes.get('gate')?.map((p) => p.code)).toContain('gatewayDefaultMissing');
    expect(edges.get('e4')?.map((p) => p.code)).toContain('gatewayEdgeNeedsCondition');
    expect(general).toEqual([]);
    const canvas = toCanvas(flow, problems);
    expect(canvas.nodes.find((node) => node.id === 'gate')?.data.problems.length).toBeGreaterThan(0);
  });
});

describe('opening view', () => {
  it('opens on the nodes within a screen of the leftmost, or on all of a short flow', () => {
    const at = (id: string, x: number) => ({ id, position: { x } });
    const nodes = [at('start', -40), at('a', 500), at('b', 960), at('c', 961), at('end', 5400)];
    expect(openingNodes(nodes).map((node) => node.id)).toEqual(['start', 'a', 'b']);
    expect(openingNodes(nodes, 10_000)).toHaveLength(5);
  });
});

describe('auto-layout', () => {
  it('layers nodes by BFS depth from the start and centres each layer', () => {
    const layout = autoLayout(purchase());
    expect(layout.start).toEqual({ x: 0, y: 0 });
    expect(layout.fill).toEqual({ x: LAYER_GAP, y: 0 });
    expect(layout.big!.x).toBe(LAYER_GAP * 3);
    expect(layout.small!.x).toBe(LAYER_GAP * 3);
    expect(layout.big!.y).toBe(-layout.small!.y);
    expect(layout.end!.x).toBe(LAYER_GAP * 4);
  });

  it('places unreachable nodes after the deepest layer and keeps given positions', () => {
    const flow = purchase();
    flow.nodes.push({ key: 'orphan', type: 'timer', label: t('等'), duration: 'PT1H' });
    expect(autoLayout(flow).orphan!.x).toBe(LAYER_GAP * 5);
    flow.nodes[0] = { ...flow.nodes[0]!, position: { x: 7, y: 7 } };
    expect(withPositions(flow).nodes[0]!.position).toEqual({ x: 7, y: 7 });
    expect(withPositions(flow, true).nodes[0]!.position).toEqual({ x: 0, y: 0 });
  });
});

describe('editing', () => {
  it('adds a dropped node with a fresh key and connects it', () => {
    let flow = newFlow('f', 'request');
    flow = addNode(flow, 'userTask', { x: 100.2, y: 50 });
    flow = addNode(flow, 'userTask', { x: 300, y: 50 });
    expect(flow.nodes.map((node) => node.key)).toEqual(['start', 'end', 'userTask1', 'userTask2']);
    expect(flow.nodes[2]).toMatchObject({ type: 'userTask', position: { x: 100, y: 50 } });
    flow = connect(connect(flow, 'start', 'userTask1'), 'userTask1', 'end');
    expect(flow.edges).toEqual([
      { key: 'startToUserTask1', from: 'start', to: 'userTask1' },
      { key: 'userTask1ToEnd', from: 'userTask1', to: 'end' },
    ]);
    expect(connectionProblem(flow, 'start', 'userTask1')).toBe('duplicate');
    expect(connectionProblem(flow, 'end', 'userTask2')).toBe('outOfEnd');
    expect(connectionProblem(flow, 'userTask2', 'start')).toBe('intoStart');
    expect(connect(flow, 'userTask2', 'userTask2')).toBe(flow);
  });

  it('renames a node in its edges and removes a node with its edges', () => {
    const flow = renameNode(purchase(), 'gate', 'amountGate');
    expect(flow.edges.filter((edge) => edge.from === 'amountGate')).toHaveLength(2);
    expect(renameNode(flow, 'fill', 'end')).toBe(flow);
    const removed = removeNodes(flow, ['amountGate']);
    expect(removed.edges.map((edge) => edge.key)).toEqual(['e1', 'e5', 'e6']);
  });

  it('keeps one default branch per gateway, without a condition', () => {
    let flow = setEdgeDefault(purchase(), 'e3', true);
    expect(flow.edges[2]).toEqual({ key: 'e3', from: 'gate', to: 'big', default: true });
    expect(flow.edges[3]).toEqual({ key: 'e4', from: 'gate', to: 'small', label: t('默认') });
    flow = setEdgeCondition(flow, 'e4', { '<=': [{ var: 'record.amount' }, 1000] });
    expect(clean(flow).edges[3]).toEqual({
      key: 'e4',
      from: 'gate',
      to: 'small',
      label: t('默认'),
      condition: { '<=': [{ var: 'record.amount' }, 1000] },
    });
    expect(validateFlow(flow).filter((p) => p.severity === 'error')).toEqual([]);
  });
});
