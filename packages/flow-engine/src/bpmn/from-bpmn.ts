// Imports BPMN 2.0 XML of the supported subset back into a flow definition. Elements outside the subset
// are collected and named together in one FlowEngineError (`bpmnUnsupported`), never skipped silently.
import {
  type FlowDefinition,
  type FlowEdge,
  type FlowNode,
  type FlowNodeType,
  type LocalizedText,
} from '@lowcode/app-model';
import { FlowEngineError } from '../errors';
import { JSON_LOGIC_LANGUAGE, NS } from './shared';
import { type XmlElement, attr, childrenOf, parseXml } from './xml';

const CAMUNDA = 'http://camunda.org/schema/1.0/bpmn';
/** Process children that carry no behaviour and are left out. */
const IGNORED = new Set(['documentation', 'extensionElements', 'textAnnotation', 'association', 'laneSet']);

function json<T>(text: string | undefined, what: string): T | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new FlowEngineError('bpmnInvalid', `${what} is not valid JSON`);
  }
}

function localized(
  element: XmlElement,
  attribute: string,
  fallback: string | undefined,
): LocalizedText | undefined {
  const full = json<LocalizedText>(
    attr(element, attribute, NS.lowcode),
    `lowcode:${attribute} of "${attr(element, 'id')}"`,
  );
  return full ?? (fallback !== undefined ? { 'zh-CN': fallback } : undefined);
}

/** Turns a BPMN id (`Activity_0x1abc`, `task-1`) into a node key (`activity_0x1abc`, `task_1`). */
function keyOf(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_]/g, '_');
  const key = /^[A-Za-z]/.test(cleaned) ? cleaned[0]!.toLowerCase() + cleaned.slice(1) : `n${cleaned}`;
  return key.slice(0, 63);
}

interface Found {
  type: FlowNodeType;
  element: XmlElement;
}

function classify(element: XmlElement, unsupported: string[]): Found | undefined {
  const id = attr(element, 'id') ?? '?';
  const definitions = element.children.filter((child) => child.local.endsWith('EventDefinition'));
  const name = `bpmn:${element.local} "${id}"`;
  const only = (type: FlowNodeType): Found | undefined => {
    if (definitions.length === 0) return { type, element };
    unsupported.push(`${name} with ${definitions.map((d) => `bpmn:${d.local}`).join(', ')}`);
    return undefined;
  };
  switch (element.local) {
    case 'startEvent':
      return only('start');
    case 'endEvent':
      return only('end');
    case 'exclusiveGateway':
    case 'parallelGateway':
    case 'inclusiveGateway':
      return { type: element.local, element };
    case 'userTask':
      return { type: attr(element, 'type', NS.lowcode) === 'approval' ? 'approval' : 'userTask', element };
    case 'serviceTask':
      if (attr(element, 'config', NS.lowcode)) return { type: 'action', element };
      unsupported.push(`${name} without a lowcode:config action`);
      return undefined;
    case 'intermediateCatchEvent':
      if (definitions.length === 1 && definitions[0]?.local === 'timerEventDefinition')
        return { type: 'timer', element };
      unsupported.push(`${name} that is not a single timer`);
      return undefined;
    default:
      unsupported.push(name);
      return undefined;
  }
}

/** Settings a foreign file expresses in BPMN or Camunda terms, used when there is no lowcode:config. */
function foreignConfig(found: Found): Record<string, unknown> {
  const { element, type } = found;
  if (type === 'timer') {
    const definition = element.children.find((child) => child.local === 'timerEventDefinition');
    const duration = definition?.children.find((child) => child.local === 'timeDuration')?.text.trim();
    return duration ? { duration } : {};
  }
  if (type === 'userTask') {
    const assignee = attr(element, 'assignee', CAMUNDA);
    const group = attr(element, 'candidateGroups', CAMUNDA);
    if (assignee) return { assignee: { type: 'user', users: assignee.split(',').map((u) => u.trim()) } };
    if (group) return { assignee: { type: 'role', role: group.split(',')[0]!.trim() } };
  }
  if (type === 'approval') return { mode: 'single' };
  return {};
}

function readNode(found: Found, key: string, bounds: Map<string, { x: number; y: number }>): FlowNode {
  const { element, type } = found;
  const id = attr(element, 'id') ?? key;
  const label = localized(element, 'label', attr(element, 'name')) ?? { 'zh-CN': id };
  const documentation = element.children.find((child) => child.local === 'documentation')?.text;
  const description = localized(element, 'description', documentation);
  const config = json<Record<string, unknown>>(
    attr(element, 'config', NS.lowcode),
    `lowcode:config of "${id}"`,
  );
  const position = bounds.get(id);
  return {
    key,
    type,
    label,
    ...(description && { description }),
    ...(config ?? foreignConfig(found)),
    ...(position && { position }),
  } as FlowNode;
}

function readEdge(flow: XmlElement, keys: Map<string, string>, defaults: Set<string>): FlowEdge {
  const id = attr(flow, 'id') ?? '';
  const from = keys.get(attr(flow, 'sourceRef') ?? '');
  const to = keys.get(attr(flow, 'targetRef') ?? '');
  if (!from || !to)
    throw new FlowEngineError('bpmnInvalid', `Sequence flow "${id}" connects unknown elements`);
  const label = localized(flow, 'label', attr(flow, 'name'));
  const expression = flow.children.find((child) => child.local === 'conditionExpression');
  const language = expression && attr(expression, 'language');
  if (language && language !== JSON_LOGIC_LANGUAGE)
    throw new FlowEngineError(
      'bpmnUnsupported',
      `Unsupported BPMN: condition language "${language}" on "${id}"`,
      { elements: [id] },
    );
  const condition = expression
    ? json<unknown>(expression.text.trim(), `The condition of "${id}"`)
    : undefined;
  const isDefault = defaults.has(id) || attr(flow, 'default', NS.lowcode) === 'true';
  return {
    key: keys.get(id) ?? keyOf(id),
    from,
    to,
    ...(label && { label }),
    ...(condition !== undefined && { condition }),
    ...(isDefault && { default: true }),
  };
}

/** Reads the supported subset of BPMN 2.0 back into a flow definition. */
export function fromBpmnXml(xml: string): FlowDefinition {
  const root = parseXml(xml);
  if (root.local !== 'definitions' || root.ns !== NS.bpmn)
    throw new FlowEngineError('bpmnInvalid', 'Not a BPMN 2.0 document');
  const unsupported = root.children
    .filter(
      (child) =>
        child.ns === NS.bpmn && !['process', 'documentation', 'extensionElements'].includes(child.local),
    )
    .map((child) => `bpmn:${child.local} "${attr(child, 'id') ?? '?'}"`);
  const processes = childrenOf(root, 'process', NS.bpmn);
  if (processes.length !== 1) unsupported.push(`${processes.length} processes (exactly one is supported)`);
  const process = processes[0];
  const found: Found[] = [];
  const flows: XmlElement[] = [];
  for (const child of process?.children ?? []) {
    if (child.ns !== NS.bpmn || IGNORED.has(child.local)) continue;
    if (child.local === 'sequenceFlow') flows.push(child);
    else {
      const node = classify(child, unsupported);
      if (node) found.push(node);
    }
  }
  if (!process || unsupported.length > 0)
    throw new FlowEngineError('bpmnUnsupported', `Unsupported BPMN elements: ${unsupported.join('; ')}`, {
      elements: unsupported,
    });

  const bounds = new Map<string, { x: number; y: number }>();
  for (const diagram of childrenOf(root, 'BPMNDiagram', NS.bpmndi))
    for (const plane of childrenOf(diagram, 'BPMNPlane', NS.bpmndi))
      for (const shape of childrenOf(plane, 'BPMNShape', NS.bpmndi)) {
        const box = childrenOf(shape, 'Bounds', NS.dc)[0];
        const element = attr(shape, 'bpmnElement');
        if (box && element) bounds.set(element, { x: Number(attr(box, 'x')), y: Number(attr(box, 'y')) });
      }
  const keys = new Map<string, string>();
  for (const elements of [found.map((f) => f.element), flows]) {
    const used = new Set<string>();
    for (const element of elements) {
      const id = attr(element, 'id') ?? '';
      const base = attr(element, 'key', NS.lowcode) ?? keyOf(id);
      let key = base;
      for (let n = 2; used.has(key); n += 1) key = `${base}_${n}`;
      used.add(key);
      keys.set(id, key);
    }
  }
  const defaults = new Set(
    found.map((f) => attr(f.element, 'default')).filter((id): id is string => id !== undefined),
  );
  const description = json<LocalizedText>(
    attr(process, 'description', NS.lowcode),
    'lowcode:description of the process',
  );
  return {
    key: attr(process, 'key', NS.lowcode) ?? keyOf(attr(process, 'id') ?? 'flow'),
    label: localized(process, 'label', attr(process, 'name')) ?? { 'zh-CN': attr(process, 'id') ?? 'flow' },
    ...(description && { description }),
    entity: attr(process, 'entity', NS.lowcode) ?? '',
    trigger: {
      type: (attr(process, 'trigger', NS.lowcode) ?? 'manual') as FlowDefinition['trigger']['type'],
    },
    nodes: found.map((f) => readNode(f, keys.get(attr(f.element, 'id') ?? '')!, bounds)),
    edges: flows.map((flow) => readEdge(flow, keys, defaults)),
  };
}
