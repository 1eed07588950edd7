// What the BPMN writer and reader agree on: namespaces, which BPMN element each node type becomes, and
// the shape sizes bpmn.io draws.
import { type FlowNodeType } from '@lowcode/app-model';

export const NS = {
  bpmn: 'http://www.omg.org/spec/BPMN/20100524/MODEL',
  bpmndi: 'http://www.omg.org/spec/BPMN/20100524/DI',
  dc: 'http://www.omg.org/spec/DD/20100524/DC',
  di: 'http://www.omg.org/spec/DD/20100524/DI',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  lowcode: 'https://lowcode.dev/schema/flow/1.0',
} as const;

/** The JSON-logic language marker on condition expressions. */
export const JSON_LOGIC_LANGUAGE = 'json-logic';

export const BPMN_ELEMENT: { [K in FlowNodeType]: string } = {
  start: 'startEvent',
  userTask: 'userTask',
  approval: 'userTask',
  exclusiveGateway: 'exclusiveGateway',
  parallelGateway: 'parallelGateway',
  inclusiveGateway: 'inclusiveGateway',
  action: 'serviceTask',
  timer: 'intermediateCatchEvent',
  end: 'endEvent',
};

export const SHAPE_SIZE: { [K in FlowNodeType]: { width: number; height: number } } = {
  start: { width: 36, height: 36 },
  end: { width: 36, height: 36 },
  timer: { width: 36, height: 36 },
  userTask: { width: 100, height: 80 },
  approval: { width: 100, height: 80 },
  action: { width: 100, height: 80 },
  exclusiveGateway: { width: 50, height: 50 },
  parallelGateway: { width: 50, height: 50 },
  inclusiveGateway: { width: 50, height: 50 },
};

/** Node properties carried by BPMN itself; everything else of a node travels in `lowcode:config`. */
export const COMMON_NODE_KEYS = new Set(['key', 'type', 'label', 'description', 'position']);
