import { example, mutated } from '../test/fixtures';
import { diffAppDefinitions, type AppChange } from './index';

const brief = (changes: AppChange[]) => changes.map((c) => `${c.change} ${c.kind} ${c.path}`);

describe('diffAppDefinitions', () => {
  it('finds nothing between equal apps', () => {
    expect(diffAppDefinitions(example(), example())).toEqual([]);
  });

  it('lists everything as added when there is no previous version', () => {
    const changes = diffAppDefinitions(null, example());
    expect(changes.every((c) => c.change === 'add')).toBe(true);
    expect(changes[0]).toEqual({
      change: 'add',
      kind: 'app',
      path: 'app',
      key: 'propertyLite',
      label: 'Property management (lite)',
    });
    expect(brief(changes)).toContain('add field entities.room.fields.area');
    expect(brief(changes)).toContain('add field entities.tenant.fields.contacts.fields.phone');
    expect(brief(changes)).toContain('add node flows.repair.nodes.costCheck');
    expect(brief(changes)).toContain('add edge flows.repair.edges.lowCost');
    expect(brief(changes)).toContain('add seed seed.room');
    expect(changes.find((c) => c.path === 'seed.room')?.label).toBe('3 records');
    const kinds = [...new Set(changes.map((c) => c.kind))];
    expect(kinds).toEqual([
      'app',
      'entity',
      'field',
      'flow',
      'node',
      'edge',
      'rule',
      'report',
      'dashboard',
      'role',
      'seed',
    ]);
  });

  it('describes a field type change', () => {
    const after = mutated((a) => (a.entities[0].fields[0].type = 'number'));
    expect(diffAppDefinitions(example(), after)).toEqual([
      {
        change: 'change',
        kind: 'field',
        path: 'entities.building.fields.name',
        key: 'name',
        label: 'type text → number',
      },
    ]);
  });

  it('reports added, changed and removed items in a deterministic order', () => {
    const after = mutated((a) => {
      a.version = '1.1.0';
      a.label = { 'zh-CN': '物业', en: 'Property' };
      a.entities[1].fields.splice(4, 1);
      a.entities[1].fields.push({
        key: 'orientation',
        type: 'text',
        label: { 'zh-CN': '朝向', en: 'Orientation' },
      });
      a.entities[1].label.en = 'Unit';
      a.flows[0].nodes[1].sla.due = 'PT2H';
      a.flows[0].edges[2].condition['>'][1] = 1000;
      a.rules.splice(1, 1);
      a.reports[0].limit = 5;
      a.roles[1].permissions[0].actions.push('export');
      a.seed.room.pop();
      delete a.seed.contract;
      a.seed.workOrder = [{ title: '漏水', category: 'plumbing', room: 'r101' }];
    });
    const changes = diffAppDefinitions(example(), after);
    expect(brief(changes)).toEqual([
      'change app app',
      'change entity entities.room',
      'add field entities.room.fields.orientation',
      'remove field entities.room.fields.area',
      'change node flows.repair.nodes.dispatch',
      'change edge flows.repair.edges.highCost',
      'remove rule rules.contractExpiry',
      'change report reports.repairsByCategory',
      'change role roles.technician',
      'remove seed seed.contract',
      'change seed seed.room',
      'add seed seed.workOrder',
    ]);
    expect(changes[0]?.label).toBe('label Property management (lite) → Property; version 1.0.0 → 1.1.0');
    expect(changes.find((c) => c.path === 'seed.room')?.label).toBe('3 → 2 records');
    expect(changes.find((c) => c.kind === 'report')?.label).toBe('limit 10 → 5');
    expect(changes.find((c) => c.path === 'entities.room.fields.area')?.label).toBe('Area');
  });

  it('localizes labels', () => {
    const after = mutated((a) => a.entities.splice(4, 1));
    const changes = diffAppDefinitions(example(), after, { locale: 'zh-CN' });
    expect(changes[0]).toEqual({
      change: 'remove',
      kind: 'entity',
      path: 'entities.workOrder',
      key: 'workOrder',
      label: '工单',
    });
    expect(changes.filter((c) => c.kind === 'field' && c.change === 'remove')).toHaveLength(12);
  });
});
