import { type EntityDefinition } from '@lowcode/app-model';
import { expandRelations } from './expand-relations';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const relation = (key: string, entity: string, multiple = false) =>
  ({ key, type: 'relation', label: { 'zh-CN': key }, relation: { entity, multiple } }) as const;
const text = (key: string) => ({ key, type: 'text', label: { 'zh-CN': key } }) as const;

const entities = [
  { key: 'reading', label: { 'zh-CN': '读数' }, fields: [relation('meter', 'meter'), text('period')] },
  {
    key: 'meter',
    label: { 'zh-CN': '表' },
    fields: [relation('room', 'room'), relation('rooms', 'room', true)],
  },
  { key: 'room', label: { 'zh-CN': '房间' }, fields: [relation('tenant', 'tenant'), text('code')] },
  { key: 'tenant', label: { 'zh-CN': '租户' }, fields: [relation('butler', 'person'), text('name')] },
  { key: 'person', label: { 'zh-CN': '人' }, fields: [text('name')] },
] as unknown as EntityDefinition[];

const stored: Record<string, Record<string, unknown>> = {
  [id(2)]: { id: id(2), room: id(3), rooms: [id(3)] },
  [id(3)]: { id: id(3), tenant: id(4), code: '1-101' },
  [id(4)]: { id: id(4), butler: id(5), name: '李雷' },
  [id(5)]: { id: id(5), name: '王管家' },
};

async function expand(readsThrough: string) {
  const loads: string[] = [];
  const record = await expandRelations(
    entities,
    entities[0]!,
    { id: id(1), meter: id(2), period: '2026-11' },
    readsThrough,
    async (entity, key) => {
      loads.push(entity);
      return stored[key];
    },
  );
  return { record, loads };
}

describe('expandRelations', () => {
  it('reads through as many relations as the expression names, one record each', async () => {
    const { record, loads } = await expand('{"var":"record.meter.room.tenant.name"}');
    expect(record).toEqual({
      id: id(1),
      period: '2026-11',
      meter: { id: id(2), rooms: [id(3)], room: { id: id(3), code: '1-101', tenant: stored[id(4)] } },
    });
    expect(loads).toEqual(['meter', 'room', 'tenant']);
  });

  it('loads nothing the expression does not read through, and stops after three relations', async () => {
    expect((await expand('{"var":"record.meter"}')).loads).toEqual([]);
    expect((await expand('{"var":"record.period"}')).loads).toEqual([]);
    const deep = await expand('{"var":"record.meter.room.tenant.butler.name"}');
    expect(deep.loads).toEqual(['meter', 'room', 'tenant']);
    expect((deep.record.meter as { room: { tenant: { butler: unknown } } }).room.tenant.butler).toBe(id(5));
  });

  it('leaves many-record relations and ids that are not ids as stored', async () => {
    const { record } = await expand('{"var":"record.meter.rooms.code"}');
    expect((record.meter as { rooms: unknown }).rooms).toEqual([id(3)]);
    const odd = await expandRelations(
      entities,
      entities[0]!,
      { meter: 'not-an-id' },
      'record.meter.room.',
      () => {
        throw new Error('no load expected');
      },
    );
    expect(odd).toEqual({ meter: 'not-an-id' });
  });
});
