// Exports a flow as BPMN 2.0 XML that bpmn.io and Camunda Modeler open: the process, one element per
// node, sequence flows with JSON-logic conditions as text, and diagram shapes from node positions.
// Our own settings (assignees, SLA, forms, actions) ride along in `lowcode:*` attributes.
import { type FlowDefinition, type FlowEdge, type FlowNode, type LocalizedText } from '@lowcode/app-model';
import { BPMN_ELEMENT, COMMON_NODE_KEYS, JSON_LOGIC_LANGUAGE, NS, SHAPE_SIZE } from './shared';
import { escapeXml } from './xml';

type Attrs = Record<string, string | number | undefined>;

/** Escaped, with line breaks and tabs as character references so indentation and attribute rules keep them. */
const escapeText = (text: string): string =>
  escapeXml(text).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');

function tag(name: string, attrs: Attrs, children: string[] = [], text?: string): string {
  const rendered = Object.entries(attrs)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeText(String(value))}"`)
    .join('');
  if (children.length === 0 && text === undefined) return `<${name}${rendered} />`;
  if (children.length === 0) return `<${name}${rendered}>${escapeText(text ?? '')}</${name}>`;
  const inner = children.flatMap((child) => child.split('\n')).map((line) => `  ${line}`);
  return [`<${name}${rendered}>`, ...inner, `</${name}>`].join('\n');
}

/** `name` shows the Chinese text; the full localized text is kept when it has more than that. */
function textAttrs(text: LocalizedText | undefined, attribute: string): Attrs {
  if (!text) return {};
  const extra = Object.keys(text).some((locale) => locale !== 'zh-CN');
  return extra ? { [`lowcode:${attribute}`]: JSON.stringify(text) } : {};
}

function position(flow: FlowDefinition, node: FlowNode): { x: number; y: number } {
  return node.position ?? { x: flow.nodes.indexOf(node) * 180, y: 100 };
}

/** Node and edge keys are separate name spaces, XML ids one: an edge named like a node gets a suffix. */
function edgeId(flow: FlowDefinition, edge: FlowEdge): string {
  return flow.nodes.some((node) => node.key === edge.key) ? `${edge.key}__flow` : edge.key;
}

const ROUTES_DEFAULT = new Set(['exclusiveGateway', 'inclusiveGateway', 'userTask', 'approval', 'action']);

function nodeElement(flow: FlowDefinition, node: FlowNode): string {
  const config = Object.fromEntries(Object.entries(node).filter(([key]) => !COMMON_NODE_KEYS.has(key)));
  const outgoing = flow.edges.filter((edge) => edge.from === node.key);
  const defaultEdge = ROUTES_DEFAULT.has(node.type)
    ? outgoing.find((edge) => edge.default === true)
    : undefined;
  const attrs: Attrs = {
    id: node.key,
    name: node.label['zh-CN'],
    ...textAttrs(node.label, 'label'),
    ...textAttrs(node.description, 'description'),
    ...(node.type === 'approval' && { 'lowcode:type': 'approval' }),
    ...(Object.keys(config).length > 0 && { 'lowcode:config': JSON.stringify(config) }),
    default: defaultEdge && edgeId(flow, defaultEdge),
  };
  const children: string[] = [];
  if (node.description) children.push(tag('bpmn:documentation', {}, [], node.description['zh-CN']));
  for (const edge of flow.edges.filter((candidate) => candidate.to === node.key))
    children.push(tag('bpmn:incoming', {}, [], edgeId(flow, edge)));
  for (const edge of outgoing) children.push(tag('bpmn:outgoing', {}, [], edgeId(flow, edge)));
  if (node.type === 'timer') {
    const definition =
      node.duration !== undefined
        ? tag('bpmn:timeDuration', { 'xsi:type': 'bpmn:tFormalExpression' }, [], node.duration)
        : tag('bpmn:timeDate', { 'xsi:type': 'bpmn:tFormalExpression' }, [], `\${record.${node.untilField}}`);
    children.push(tag('bpmn:timerEventDefinition', { id: `${node.key}__timer` }, [definition]));
  }
  return tag(`bpmn:${BPMN_ELEMENT[node.type]}`, attrs, children);
}

function edgeElement(flow: FlowDefinition, edge: FlowEdge): string {
  const source = flow.nodes.find((node) => node.key === edge.from);
  const defaultOnSource = source !== undefined && ROUTES_DEFAULT.has(source.type);
  const attrs: Attrs = {
    id: edgeId(flow, edge),
    ...(edgeId(flow, edge) !== edge.key && { 'lowcode:key': edge.key }),
    name: edge.label?.['zh-CN'],
    sourceRef: edge.from,
    targetRef: edge.to,
    ...textAttrs(edge.label, 'label'),
    ...(edge.default === true && !defaultOnSource && { 'lowcode:default': 'true' }),
  };
  const condition =
    edge.condition === undefined
      ? []
      : [
          tag(
            'bpmn:conditionExpression',
            { 'xsi:type': 'bpmn:tFormalExpression', language: JSON_LOGIC_LANGUAGE },
            [],
            JSON.stringify(edge.condition),
          ),
        ];
  return tag('bpmn:sequenceFlow', attrs, condition);
}

function diagram(flow: FlowDefinition): string {
  const bounds = new Map(
    flow.nodes.map((node) => [node.key, { ...position(flow, node), ...SHAPE_SIZE[node.type] }] as const),
  );
  const shapes = flow.nodes.map((node) => {
    const box = bounds.get(node.key)!;
    const marker = node.type === 'exclusiveGateway' ? { isMarkerVisible: 'true' } : {};
    return tag('bpmndi:BPMNShape', { id: `${node.key}__di`, bpmnElement: node.key, ...marker }, [
      tag('dc:Bounds', { x: box.x, y: box.y, width: box.width, height: box.height }),
    ]);
  });
  const edges = flow.edges.flatMap((edge) => {
    const from = bounds.get(edge.from);
    const to = bounds.get(edge.to);
    if (!from || !to) return [];
    const start = { x: from.x + from.width, y: from.y + from.height / 2 };
    const end = { x: to.x, y: to.y + to.height / 2 };
    const middle = Math.round((start.x + end.x) / 2);
    const points =
      start.y === end.y ? [start, end] : [start, { x: middle, y: start.y }, { x: middle, y: end.y }, end];
    return [
      tag(
        'bpmndi:BPMNEdge',
        { id: `${edgeId(flow, edge)}__di`, bpmnElement: edgeId(flow, edge) },
        points.map((p) => tag('di:waypoint', p)),
      ),
    ];
  });
  const plane = tag('bpmndi:BPMNPlane', { id: `${flow.key}__plane`, bpmnElement: flow.key }, [
    ...shapes,
    ...edges,
  ]);
  return tag('bpmndi:BPMNDiagram', { id: `${flow.key}__diagram` }, [plane]);
}

/** BPMN 2.0 XML for `flow`. */
export function toBpmnXml(flow: FlowDefinition): string {
  const process = tag(
    'bpmn:process',
    {
      id: flow.key,
      name: flow.label['zh-CN'],
      isExecutable: 'true',
      'lowcode:entity': flow.entity,
      'lowcode:trigger': flow.trigger.type,
      ...textAttrs(flow.label, 'label'),
      ...(flow.description && { 'lowcode:description': JSON.stringify(flow.description) }),
    },
    [
      ...flow.nodes.map((node) => nodeElement(flow, node)),
      ...flow.edges.map((edge) => edgeElement(flow, edge)),
    ],
  );
  const namespaces = Object.fromEntries(Object.entries(NS).map(([prefix, uri]) => [`xmlns:${prefix}`, uri]));
  const definitions = tag(
    'bpmn:definitions',
    {
      ...namespaces,
      id: `${flow.key}__definitions`,
      targetNamespace: 'https://lowcode.dev/flows',
      exporter: '@lowcode/flow-engine',
      exporterVersion: '0.1.0',
    },
    [process, diagram(flow)],
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${definitions}\n`;
}
