import { type ReportDefinition } from '@lowcode/app-model';
import { type ReportDataset } from '../src';
import { type RowsByEntity } from '../src/memory/run-in-memory';

export const dataset: ReportDataset = {
  entities: {
    building: {
      table: '"app_x"."building"',
      idColumn: '_id',
      deletedColumn: '_deleted_at',
      titleField: 'name',
      fields: { name: { column: 'name', type: 'text' } },
    },
    room: {
      table: '"app_x"."room"',
      idColumn: '_id',
      deletedColumn: '_deleted_at',
      titleField: 'code',
      fields: {
        code: { column: 'code', type: 'text' },
        status: { column: 'status', type: 'text' },
        building: { column: 'building', type: 'uuid', relation: 'building' },
      },
    },
    workOrder: {
      table: '"app_x"."workOrder"',
      idColumn: '_id',
      deletedColumn: '_deleted_at',
      fields: {
        category: { column: 'category', type: 'text' },
        room: { column: 'room', type: 'uuid', relation: 'room' },
        reportedAt: { column: '_created_at', type: 'timestamptz' },
        completedAt: { column: 'completedAt', type: 'timestamptz' },
        firstFix: { column: 'firstFix', type: 'boolean' },
        reopens: { column: 'reopens', type: 'numeric' },
        hours: { column: 'hours', type: 'numeric' },
        tags: { column: 'tags', type: 'text[]' },
      },
    },
    rating: {
      table: '"app_x"."rating"',
      idColumn: '_id',
      fields: {
        nps: { column: 'nps', type: 'numeric' },
        csat: { column: 'csat', type: 'numeric' },
        ces: { column: 'ces', type: 'numeric' },
        line: { column: 'line', type: 'text' },
      },
    },
    bill: {
      table: '"app_x"."bill"',
      idColumn: '_id',
      fields: {
        paid: { column: 'paid', type: 'numeric' },
        due: { column: 'due', type: 'numeric' },
        periodStart: { column: 'periodStart', type: 'date' },
      },
    },
  },
};

export const label = { 'zh-CN': '测试', en: 'Test' };

export function report(
  partial: Partial<ReportDefinition> & Pick<ReportDefinition, 'entity' | 'measures'>,
): ReportDefinition {
  return { key: 'r', label, chart: { type: 'table' }, dimensions: [], ...partial };
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Two buildings, four rooms, six work orders, ten ratings, three bills: small enough to add up by hand. */
export const rows: RowsByEntity = {
  building: [
    { id: id(1), values: { name: 'A栋' } },
    { id: id(2), values: { name: 'B栋' } },
  ],
  room: [
    { id: id(11), values: { code: '101', status: 'leased', building: id(1) } },
    { id: id(12), values: { code: '102', status: 'vacant', building: id(1) } },
    { id: id(13), values: { code: '201', status: 'leased', building: id(2) } },
    { id: id(14), values: { code: '202', status: 'toLet', building: id(2) } },
    { id: id(15), deleted: true, values: { code: '203', status: 'leased', building: id(2) } },
  ],
  workOrder: [
    // hours 2, 4, 6 in A栋; 10 and 20 in B栋; one order without a room.
    {
      id: id(21),
      values: {
        category: 'plumbing',
        room: id(11),
        reportedAt: '2024-01-31T20:00:00Z',
        completedAt: '2024-01-31T22:00:00Z',
        firstFix: true,
        reopens: 0,
        hours: 2,
      },
    },
    {
      id: id(22),
      values: {
        category: 'plumbing',
        room: id(12),
        reportedAt: '2024-02-01T01:00:00Z',
        completedAt: '2024-02-01T05:00:00Z',
        firstFix: false,
        reopens: 1,
        hours: 4,
      },
    },
    {
      id: id(23),
      values: {
        category: 'electric',
        room: id(11),
        reportedAt: '2024-02-10T08:00:00Z',
        completedAt: '2024-02-10T14:00:00Z',
        firstFix: true,
        reopens: 0,
        hours: 6,
      },
    },
    {
      id: id(24),
      values: {
        category: 'electric',
        room: id(13),
        reportedAt: '2024-03-05T08:00:00Z',
        completedAt: '2024-03-05T18:00:00Z',
        firstFix: true,
        reopens: 2,
        hours: 10,
      },
    },
    {
      id: id(25),
      values: {
        category: 'lift',
        room: id(14),
        reportedAt: '2024-03-20T08:00:00Z',
        completedAt: '2024-03-21T04:00:00Z',
        firstFix: null,
        reopens: 0,
        hours: 20,
      },
    },
    {
      id: id(26),
      values: {
        category: 'lift',
        room: null,
        reportedAt: '2024-03-25T08:00:00Z',
        completedAt: null,
        firstFix: null,
        reopens: null,
        hours: null,
      },
    },
    {
      id: id(27),
      deleted: true,
      values: { category: 'lift', room: id(14), reportedAt: '2024-03-25T08:00:00Z', hours: 1000 },
    },
  ],
  // nps: 10, 9, 9, 8, 7, 6, 3, 0, 10, (null) → promoters 4, passives 2, detractors 3 of 9.
  // csat: 5, 4, 4, 3, 2, 5, 1, 4, 5, (null) → 4–5: 6 of 9. ces: 1..9 → mean 5.
  rating: [10, 9, 9, 8, 7, 6, 3, 0, 10, null].map((nps, index) => ({
    id: id(31 + index),
    values: {
      nps,
      csat: [5, 4, 4, 3, 2, 5, 1, 4, 5, null][index],
      ces: index < 9 ? index + 1 : null,
      line: index % 2 ? 'repair' : 'cleaning',
    },
  })),
  bill: [
    { id: id(41), values: { paid: 800, due: 1000, periodStart: '2024-01-01' } },
    { id: id(42), values: { paid: 1000, due: 1000, periodStart: '2024-02-01' } },
    { id: id(43), values: { paid: 0, due: 500, periodStart: '2024-02-15' } },
  ],
};
