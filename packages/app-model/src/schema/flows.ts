// JSON Schema of flows: nodes are a union discriminated by `type`, one branch per node type, so each
// node type has exactly one config contract.
import {
  APPROVAL_MODES,
  FLOW_ACTION_TYPES,
  FLOW_NODE_TYPES,
  FLOW_TRIGGER_TYPES,
  HTTP_METHODS,
  SLA_CALENDARS,
} from '../constants';
import { type FlowNodeType } from '../types';
import { boolean, keyList, keyedProps, object, ref, stringEnum, taggedUnion, type Schema } from './common';

const taskProps: Record<string, Schema> = {
  assignee: ref('assignee'),
  assigneeFallback: ref('assignee'),
  form: object({ editable: keyList, visible: keyList, required: keyList }),
  sla: object(
    {
      due: ref('duration'),
      calendar: stringEnum(SLA_CALENDARS),
      remindBefore: ref('duration'),
      escalate: object({ to: ref('assignee'), after: ref('duration') }, ['to']),
    },
    ['due'],
  ),
};

const NODE_OPTIONS: { [T in FlowNodeType]: [Record<string, Schema>, string[]] } = {
  start: [{}, []],
  end: [{}, []],
  userTask: [taskProps, ['assignee']],
  approval: [
    {
      ...taskProps,
      mode: stringEnum(APPROVAL_MODES),
      allowReturn: boolean,
      allowTransfer: boolean,
      cc: { type: 'array', items: ref('assignee') },
    },
    ['assignee', 'mode'],
  ],
  exclusiveGateway: [{}, []],
  parallelGateway: [{}, []],
  inclusiveGateway: [{}, []],
  action: [{ action: ref('flowAction') }, ['action']],
  timer: [{ duration: ref('duration'), untilField: ref('key'), offset: ref('duration') }, []],
};

// Compile-time check that the action union below lists every FLOW_ACTION_TYPES entry.
const FLOW_ACTIONS: { [T in (typeof FLOW_ACTION_TYPES)[number]]: [Record<string, Schema>, string[]] } = {
  createRecord: [
    { entity: ref('key'), values: ref('recordValues'), resultField: ref('key') },
    ['entity', 'values'],
  ],
  updateRecord: [{ values: ref('recordValues') }, ['values']],
  notify: [{ to: ref('assignee'), template: ref('localizedText') }, ['to', 'template']],
  webhook: [{ url: { type: 'string', format: 'uri' }, method: stringEnum(HTTP_METHODS) }, ['url', 'method']],
  subFlow: [{ flow: ref('key') }, ['flow']],
};

function flowNode(): Schema {
  const union = taggedUnion(
    FLOW_NODE_TYPES.map((type) => {
      const [properties, required] = NODE_OPTIONS[type];
      const props = {
        ...keyedProps({ position: object({ x: { type: 'number' }, y: { type: 'number' } }, ['x', 'y']) }),
      };
      return [type, { ...props, ...properties }, ['key', 'label', ...required]];
    }),
  );
  // A timer waits either a fixed duration or until a date field; exactly one of the two.
  const branches = union.oneOf as Schema[];
  const timer = branches[FLOW_NODE_TYPES.indexOf('timer')];
  if (timer) {
    timer.oneOf = [{ required: ['duration'] }, { required: ['untilField'] }];
    timer.dependencies = { offset: ['untilField'] };
  }
  return union;
}

export const flowDefinitions: Record<string, Schema> = {
  flowAction: taggedUnion(FLOW_ACTION_TYPES.map((type) => [type, ...FLOW_ACTIONS[type]])),
  flowNode: flowNode(),
  flowEdge: object(
    {
      key: ref('key'),
      from: ref('key'),
      to: ref('key'),
      label: ref('localizedText'),
      condition: ref('jsonLogic'),
      default: boolean,
    },
    ['key', 'from', 'to'],
  ),
  flow: object(
    keyedProps({
      entity: ref('key'),
      trigger: object({ type: stringEnum(FLOW_TRIGGER_TYPES) }, ['type']),
      nodes: { type: 'array', items: ref('flowNode') },
      edges: { type: 'array', items: ref('flowEdge') },
    }),
    ['key', 'label', 'entity', 'trigger', 'nodes', 'edges'],
  ),
};
