// BPMN 2.0 interop, checked with bpmn-moddle (the parser behind bpmn.io): our XML parses cleanly, survives
// being re-written by bpmn-moddle, and comes back as the same flow; bpmn-moddle's own XML imports; and
// elements outside the subset are named in the error.
import BpmnModdle from 'bpmn-moddle';
import { type FlowDefinition } from '@lowcode/app-model';
import { fromBpmnXml, toBpmnXml } from '../src';
import { approval, e, flow, loadRepair, n, task } from './helpers';

const moddle = BpmnModdle();

const allTypes = flow(
  [
    n('start', 'start', { position: { x: 0, y: 0 } }),
    task('fill', ['u1'], {
      position: { x: 100, y: 0 },
      sla: { due: 'PT4H' },
      description: { 'zh-CN': '填写\n两行', en: 'Fill & <check>' },
    }),
    n('split', 'parallelGateway', { position: { x: 250, y: 0 } }),
    approval('sign', ['a', 'b'], 'all', { position: { x: 350, y: -100 }, allowReturn: true }),
    n('wait', 'timer', { untilField: 'visitAt', offset: 'PT1H', position: { x: 350, y: 100 } }),
    n('join', 'parallelGateway', { position: { x: 500, y: 0 } }),
    n('pick', 'inclusiveGateway', { position: { x: 600, y: 0 } }),
    n('mail', 'action', {
      action: { type: 'webhook', url: 'https://x.test/?a=1&b=2', method: 'POST' },
      position: { x: 700, y: 0 },
    }),
    n('end', 'end', { position: { x: 900, y: 0 } }),
  ],
  [
    e('start', 'fill'), e('fill', 'split'), e('split', 'sign'), e('split', 'wait'), e('sign', 'join'), e('wait', 'join'),
    e('join', 'pick'),
    e('pick', 'mail', { condition: { '<': [{ var: 'record.cost' }, 100] }, label: { 'zh-CN': '小额', en: 'Small' } }),
    e('pick', 'end', { default: true }),
    { key: 'mail', from: 'mail', to: 'end' }, // an edge named like a node
  ], // prettier-ignore
  'allTypes',
);

/** Key order does not matter; JSON round-trips do not keep `undefined`. */
const normalized = (definition: FlowDefinition) => JSON.parse(JSON.stringify(definition)) as FlowDefinition;

describe('BPMN interop', () => {
  it.each([
    ['repair', loadRepair()],
    ['all node types', allTypes],
  ])('%s: our XML parses in bpmn-moddle without warnings', async (_name, definition) => {
    const xml = toBpmnXml(definition);
    const { rootElement, warnings } = await moddle.fromXML(xml);
    expect(warnings).toEqual([]);
    const [process, ...others] = rootElement.rootElements as {
      $type: string;
      flowElements: { $type: string; id: string }[];
    }[];
    expect(others).toEqual([]);
    expect(process?.$type).toBe('bpmn:Process');
    expect(process?.flowElements).toHaveLength(definition.nodes.length + definition.edges.length);
    const diagram = (rootElement.diagrams as { plane: { planeElement: unknown[] } }[])[0];
    expect(diagram?.plane.planeElement).toHaveLength(definition.nodes.length + definition.edges.length);
  });

  it('writes the subset bpmn.io draws', async () => {
    const { elementsById } = await moddle.fromXML(toBpmnXml(allTypes));
    const types = Object.fromEntries(allTypes.nodes.map((node) => [node.key, elementsById[node.key]?.$type]));
    expect(types).toEqual({
      start: 'bpmn:StartEvent', fill: 'bpmn:UserTask', split: 'bpmn:ParallelGateway', sign: 'bpmn:UserTask',
      wait: 'bpmn:IntermediateCatchEvent', join: 'bpmn:ParallelGateway', pick: 'bpmn:InclusiveGateway',
      mail: 'bpmn:ServiceTask', end: 'bpmn:EndEvent',
    }); // prettier-ignore
    const conditional = elementsById.pickToMail as unknown as {
      conditionExpression: { body: string; language: string };
    };
    expect(JSON.parse(conditional.conditionExpression.body)).toEqual({ '<': [{ var: 'record.cost' }, 100] });
    expect(conditional.conditionExpression.language).toBe('json-logic');
    expect((elementsById.pick as unknown as { default: { id: string } }).default.id).toBe('pickToEnd');
    expect(
      (elementsById.wait as unknown as { eventDefinitions: { $type: string }[] }).eventDefinitions[0]?.$type,
    ).toBe('bpmn:TimerEventDefinition');
    expect(elementsById.fill__di).toMatchObject({ bounds: { x: 100, y: 0, width: 100, height: 80 } });
  });

  it.each([
    ['repair', loadRepair()],
    ['all node types', allTypes],
  ])('%s: ours → XML → bpmn-moddle → fromBpmnXml is the same graph', async (_name, definition) => {
    const xml = toBpmnXml(definition);
    expect(fromBpmnXml(xml)).toEqual(normalized(definition));
    const { rootElement } = await moddle.fromXML(xml);
    const { xml: rewritten } = await moddle.toXML(rootElement, { format: true });
    expect(fromBpmnXml(rewritten)).toEqual(normalized(definition));
  });

  it('imports a diagram built with bpmn-moddle (no lowcode extensions)', async () => {
    const start = moddle.create('bpmn:StartEvent', { id: 'StartEvent_1', name: '开始' });
    const gateway = moddle.create('bpmn:ExclusiveGateway', { id: 'Gateway_1' });
    const review = moddle.create('bpmn:UserTask', { id: 'Activity_review', name: '审核' });
    const timer = moddle.create('bpmn:IntermediateCatchEvent', {
      id: 'Event_wait',
      eventDefinitions: [
        moddle.create('bpmn:TimerEventDefinition', {
          timeDuration: moddle.create('bpmn:FormalExpression', { body: 'PT1H' }),
        }),
      ],
    });
    const end = moddle.create('bpmn:EndEvent', { id: 'EndEvent_1' });
    const link = (id: string, sourceRef: unknown, targetRef: unknown, body?: string) =>
      moddle.create('bpmn:SequenceFlow', {
        id, sourceRef, targetRef,
        ...(body && { conditionExpression: moddle.create('bpmn:FormalExpression', { body, language: 'json-logic' }) }),
      }); // prettier-ignore
    const toDefault = link('Flow_default', gateway, timer);
    gateway.default = toDefault;
    const flows = [
      link('Flow_1', start, gateway),
      link('Flow_big', gateway, review, '{">":[{"var":"record.cost"},10]}'),
      toDefault,
      link('Flow_2', review, end),
      link('Flow_3', timer, end),
    ];
    const process = moddle.create('bpmn:Process', {
      id: 'Process_1',
      name: '导入',
      flowElements: [start, gateway, review, timer, end, ...flows],
    });
    const definitions = moddle.create('bpmn:Definitions', {
      id: 'Definitions_1',
      targetNamespace: 'http://bpmn.io/schema/bpmn',
      rootElements: [process],
    });
    const { xml } = await moddle.toXML(definitions, { format: true });

    const imported = fromBpmnXml(xml);
    expect(imported).toMatchObject({
      key: 'process_1',
      label: { 'zh-CN': '导入' },
      trigger: { type: 'manual' },
    });
    expect(imported.nodes.map((node) => [node.key, node.type])).toEqual([
      ['startEvent_1', 'start'], ['gateway_1', 'exclusiveGateway'], ['activity_review', 'userTask'], ['event_wait', 'timer'], ['endEvent_1', 'end'],
    ]); // prettier-ignore
    expect(imported.nodes[3]).toMatchObject({ duration: 'PT1H' });
    expect(imported.edges.find((edge) => edge.key === 'flow_big')?.condition).toEqual({
      '>': [{ var: 'record.cost' }, 10],
    });
    expect(imported.edges.find((edge) => edge.key === 'flow_default')?.default).toBe(true);
  });

  it('names every unsupported element in one clear error', () => {
    const xml = `<?xml version="1.0"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <process id="p">
    <startEvent id="s"><messageEventDefinition /></startEvent>
    <subProcess id="sub" />
    <boundaryEvent id="b" attachedToRef="sub" />
    <scriptTask id="script" />
    <endEvent id="e" />
  </process>
  <collaboration id="c" />
</definitions>`;
    expect(() => fromBpmnXml(xml)).toThrow(
      'Unsupported BPMN elements: bpmn:collaboration "c"; bpmn:startEvent "s" with bpmn:messageEventDefinition; bpmn:subProcess "sub"; bpmn:boundaryEvent "b"; bpmn:scriptTask "script"',
    );
    expect(() => fromBpmnXml(xml)).toThrow(expect.objectContaining({ code: 'bpmnUnsupported' }));
  });

  it('refuses what is not BPMN', () => {
    expect(() => fromBpmnXml('<html><body/></html>')).toThrow(
      expect.objectContaining({ code: 'bpmnInvalid' }),
    );
    expect(() => fromBpmnXml('<!DOCTYPE x [<!ENTITY a "b">]><x/>')).toThrow(/DTD/);
    expect(() => fromBpmnXml('<a><b></a>')).toThrow(/Invalid XML/);
  });
});
