import { EXAMPLE_TEXT, example } from '../test/fixtures';
import {
  assembleAppDefinition,
  canonicalizeAppDefinition,
  splitAppDefinition,
  validateAppDefinition,
} from './index';

describe('directory form', () => {
  it('splits an app into app.json plus one file per entity, flow, rule, report and dashboard', () => {
    const files = splitAppDefinition(example());
    expect(Object.keys(files)).toEqual([
      'app.json',
      'dashboards/operations.json',
      'entities/building.json',
      'entities/contract.json',
      'entities/room.json',
      'entities/tenant.json',
      'entities/workOrder.json',
      'flows/repair.json',
      'reports/monthlyRepairs.json',
      'reports/repairsByCategory.json',
      'reports/roomStatus.json',
      'rules/badRatingAlert.json',
      'rules/contractExpiry.json',
    ]);
    const app = JSON.parse(files['app.json'] ?? '{}') as Record<string, unknown>;
    expect(app.entities).toEqual(['building', 'room', 'tenant', 'contract', 'workOrder']);
    expect(Array.isArray(app.roles) && typeof app.roles[0] === 'object').toBe(true);
    expect(files['entities/room.json']?.startsWith('{\n  "key": "room",')).toBe(true);
  });

  it('assembles back to the same canonical text, whatever order the files come in', () => {
    const files = splitAppDefinition(example());
    const read = (prefix: string) =>
      Object.entries(files)
        .filter(([path]) => path.startsWith(prefix))
        .reverse()
        .map(([, text]) => JSON.parse(text) as unknown);
    const assembled = assembleAppDefinition({
      app: JSON.parse(files['app.json'] ?? ''),
      entities: read('entities/'),
      flows: read('flows/'),
      rules: read('rules/'),
      reports: read('reports/'),
      dashboards: read('dashboards/'),
    });
    const result = validateAppDefinition(assembled);
    expect(result.ok).toBe(true);
    if (result.ok) expect(canonicalizeAppDefinition(result.app)).toBe(EXAMPLE_TEXT);
  });

  it('appends unlisted parts, keeps a listed but missing part visible to validation', () => {
    const { entities, ...rest } = example();
    const assembled = assembleAppDefinition({
      app: { ...rest, entities: ['room', 'ghost'] },
      entities: entities.filter((e) => e.key !== 'contract'),
    }) as { entities: unknown[] };
    expect(assembled.entities.map((e) => (typeof e === 'string' ? e : (e as { key: string }).key))).toEqual([
      'room',
      'ghost',
      'building',
      'tenant',
      'workOrder',
    ]);
    const result = validateAppDefinition(assembled);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ path: '$.entities[1]', code: 'schema.type' });
  });

  it('accepts an app.json that keeps a section inline, and passes non-objects through', () => {
    const app = example();
    expect(assembleAppDefinition({ app })).toEqual(app);
    expect(assembleAppDefinition({ app: 'oops' })).toBe('oops');
  });
});
