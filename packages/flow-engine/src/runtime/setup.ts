// The definition compiled once per runtime: node and edge lookups that the interpreter uses on every step.
import { type FlowDefinition, type FlowEdge, type FlowNode } from '@lowcode/app-model';
import { FlowEngineError } from '../errors';
import { type FlowEnvironment, type RuntimeOptions } from '../types';

export interface CompiledFlow {
  node(key: string): FlowNode;
  hasNode(key: string): boolean;
  edge(key: string): FlowEdge;
  outgoing(key: string): readonly FlowEdge[];
  incoming(key: string): readonly FlowEdge[];
  start: FlowNode;
}

export interface RuntimeSetup {
  definition: FlowDefinition;
  flow: CompiledFlow;
  env: FlowEnvironment;
  options: RuntimeOptions;
  version: number;
}

export function compileFlow(definition: FlowDefinition): CompiledFlow {
  const nodes = new Map(definition.nodes.map((node) => [node.key, node]));
  const edges = new Map(definition.edges.map((edge) => [edge.key, edge]));
  const outgoing = new Map<string, FlowEdge[]>();
  const incoming = new Map<string, FlowEdge[]>();
  for (const edge of definition.edges) {
    if (!nodes.has(edge.from) || !nodes.has(edge.to))
      throw new FlowEngineError('invalidDefinition', `Edge "${edge.key}" names an unknown node`);
    outgoing.set(edge.from, [...(outgoing.get(edge.from) ?? []), edge]);
    incoming.set(edge.to, [...(incoming.get(edge.to) ?? []), edge]);
  }
  const starts = definition.nodes.filter((node) => node.type === 'start');
  const start = starts[0];
  if (!start || starts.length > 1)
    throw new FlowEngineError('invalidDefinition', `Flow "${definition.key}" needs exactly one start node`);
  return {
    node(key) {
      const node = nodes.get(key);
      if (!node) throw new FlowEngineError('invalidState', `Flow "${definition.key}" has no node "${key}"`);
      return node;
    },
    hasNode: (key) => nodes.has(key),
    edge(key) {
      const edge = edges.get(key);
      if (!edge) throw new FlowEngineError('invalidState', `Flow "${definition.key}" has no edge "${key}"`);
      return edge;
    },
    outgoing: (key) => outgoing.get(key) ?? [],
    incoming: (key) => incoming.get(key) ?? [],
    start,
  };
}
