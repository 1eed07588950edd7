import { compileReport, ReportError } from '../src';
import { dataset, report } from './fixture';

const HOSTILE = [
  'x"; DROP TABLE "room"; --',
  "' OR 1=1 --",
  '__proto__',
  '$$; SELECT pg_sleep(9) $$',
  'a\\"b',
];

/** Every hostile text must be a parameter or refused with a ReportError; never part of the SQL. */
function assertSafe(build: (hostile: string) => () => unknown) {
  for (const hostile of HOSTILE) {
    let compiled: unknown;
    try {
      compiled = build(hostile)();
    } catch (error) {
      expect(error).toBeInstanceOf(ReportError);
      continue;
    }
    const { sql, params } = compiled as { sql: string; params: unknown[] };
    expect(sql).not.toContain(hostile);
    expect(JSON.stringify(params)).toContain(JSON.stringify(hostile).slice(1, -1));
  }
}

describe('compileReport', () => {
  it('groups, joins through relations, buckets in the zone and parameterizes every value', () => {
    const compiled = compileReport(
      report({
        entity: 'workOrder',
        dimensions: [{ field: 'room.building' }, { field: 'reportedAt', bucket: 'month' }],
        measures: [
          { key: 'orders', aggregate: 'count' },
          { key: 'p80', aggregate: 'percentile', p: 0.8, field: 'hours' },
        ],
        filter: {
          and: [{ in: [{ var: 'record.category' }, ['plumbing', 'lift']] }, { '>': [{ var: 'hours' }, 1] }],
        },
        sort: [{ by: 'orders', direction: 'desc' }],
        limit: 5,
      }),
      dataset,
      {
        timeZone: 'Asia/Shanghai',
        scope: { params: ['u1'], byEntity: { workOrder: 'r."owner" = $1::uuid' } },
      },
    );
    expect(compiled.sql).toContain(
      'LEFT JOIN (SELECT * FROM "app_x"."room" r WHERE r."_deleted_at" IS NULL) j1',
    );
    expect(compiled.sql).toContain(
      'LEFT JOIN (SELECT * FROM "app_x"."building" r WHERE r."_deleted_at" IS NULL) j2',
    );
    expect(compiled.sql).toMatch(/date_trunc\('month', r\."_created_at" AT TIME ZONE \$\d+::text\)/);
    expect(compiled.sql).toContain('(r."owner" = $1::uuid)');
    expect(compiled.sql).toMatch(/ORDER BY g\."orders" DESC NULLS LAST/);
    // The scope's parameter comes first; the engine's are numbered after it.
    expect(compiled.params[0]).toBe('u1');
    expect(compiled.params).toEqual(
      expect.arrayContaining([['plumbing', 'lift'], 1, 0.8, 'Asia/Shanghai', 5]),
    );
    const placeholders = [...compiled.sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1]));
    expect(Math.max(...placeholders)).toBe(compiled.params.length);
    expect(compiled.columns.map((column) => [column.key, column.role])).toEqual([
      ['room.building', 'dimension'],
      ['room.building#label', 'label'],
      ['reportedAt', 'dimension'],
      ['orders', 'measure'],
      ['p80', 'measure'],
    ]);
    expect(compiled.entities.sort()).toEqual(['building', 'room', 'workOrder']);
    expect(compiled.references).toEqual(
      expect.arrayContaining([
        { entity: 'workOrder', field: 'room', path: 'dimensions[0].field' },
        { entity: 'room', field: 'building', path: 'dimensions[0].field' },
        { entity: 'workOrder', field: 'category', path: 'filter.and[0].in[0].var' },
      ]),
    );
  });

  it('reads a timestamp by the zone’s fixed offset inside the span the host names, by its rules outside', () => {
    const monthly = report({
      entity: 'workOrder',
      dimensions: [{ field: 'reportedAt', bucket: 'month' }],
      measures: [{ key: 'orders', aggregate: 'count' }],
    });
    const span = {
      from: '1991-09-15T00:00:00.000Z',
      until: '2056-01-01T00:00:00.000Z',
      offsetSeconds: 28800,
    };
    const compiled = compileReport(monthly, dataset, { timeZone: 'Asia/Shanghai', zoneOffsetSpan: span });
    const column = 'r."_created_at"';
    expect(compiled.sql).toContain(
      `date_trunc('month', CASE WHEN ${column} >= $1::timestamptz AND ${column} < $2::timestamptz ` +
        `THEN ${column} AT TIME ZONE $3::interval ELSE ${column} AT TIME ZONE $4::text END)`,
    );
    expect(compiled.params.slice(0, 4)).toEqual([span.from, span.until, '28800 seconds', 'Asia/Shanghai']);
    const refused = (zoneOffsetSpan: unknown) => () =>
      compileReport(monthly, dataset, { zoneOffsetSpan: zoneOffsetSpan as typeof span });
    expect(refused({ ...span, from: 'x"; DROP TABLE room; --' })).toThrow(/options\.zoneOffsetSpan\.from/);
    expect(refused({ ...span, until: span.from })).toThrow(/options\.zoneOffsetSpan\.until/);
    expect(refused({ ...span, offsetSeconds: 28800.5 })).toThrow(/options\.zoneOffsetSpan\.offsetSeconds/);
    expect(refused({ ...span, offsetSeconds: '8 hours' })).toThrow(/offsetSeconds/);
    expect(refused(null)).toThrow(/options\.zoneOffsetSpan/);
  });

  it('compiles the comparison period as a second query', () => {
    const compiled = compileReport(
      report({
        entity: 'bill',
        periodField: 'periodStart',
        measures: [{ key: 'due', aggregate: 'sum', field: 'due' }],
      }),
      dataset,
      { period: { from: '2024-03-01', to: '2024-03-31' }, compare: 'previousYear' },
    );
    expect(compiled.params).toEqual(expect.arrayContaining(['2024-03-01', '2024-03-31']));
    expect(compiled.previous!.params).toEqual(expect.arrayContaining(['2023-03-01', '2023-03-31']));
  });

  it('drills from the first dimension down the drill path', () => {
    const compiled = compileReport(
      report({
        entity: 'workOrder',
        dimensions: [{ field: 'room.building' }],
        drill: ['room'],
        measures: [{ key: 'orders', aggregate: 'count' }],
      }),
      dataset,
      { drill: [{ field: 'room.building', value: '00000000-0000-4000-8000-000000000001' }] },
    );
    expect(compiled.columns[0]!.key).toBe('room');
    expect(compiled.params).toContain('00000000-0000-4000-8000-000000000001');
  });

  it('drills into a field the report also splits by, which it then shows once', () => {
    const byMonthAndBuilding = report({
      entity: 'workOrder',
      dimensions: [{ field: 'reportedAt', bucket: 'month' }, { field: 'room.building' }],
      drill: ['room.building', 'room'],
      measures: [{ key: 'orders', aggregate: 'count' }],
    });
    const month = compileReport(byMonthAndBuilding, dataset, {
      drill: [{ field: 'reportedAt', value: '2026-03-01' }],
    });
    expect(month.columns.filter((column) => column.role === 'dimension').map((column) => column.key)).toEqual(
      ['room.building'],
    );
    const building = compileReport(byMonthAndBuilding, dataset, {
      drill: [
        { field: 'reportedAt', value: '2026-03-01' },
        { field: 'room.building', value: '00000000-0000-4000-8000-000000000001' },
      ],
    });
    expect(building.columns[0]!.key).toBe('room');
  });

  it.each([
    ['an unknown field', { dimensions: [{ field: 'colour' }] }, 'unknownField', 'dimensions[0].field'],
    [
      'a path through a non-relation',
      { dimensions: [{ field: 'category.name' }] },
      'unknownField',
      'dimensions[0].field',
    ],
    [
      'a bucket on text',
      { dimensions: [{ field: 'category', bucket: 'month' }] },
      'invalidDefinition',
      'dimensions[0].bucket',
    ],
    [
      'a sum of text',
      { measures: [{ key: 's', aggregate: 'sum', field: 'category' }] },
      'invalidDefinition',
      'measures[0].field',
    ],
    [
      'two ways to compute',
      { measures: [{ key: 's', aggregate: 'count', metric: 'nps' }] },
      'invalidDefinition',
      'measures[0]',
    ],
    [
      'a formula cycle',
      {
        measures: [
          { key: 'a', formula: { '+': [{ var: 'b' }, 1] } },
          { key: 'b', formula: { '+': [{ var: 'a' }, 1] } },
        ],
      },
      'invalidDefinition',
      'measures',
    ],
    [
      'a hostile measure key',
      { measures: [{ key: '__proto__', aggregate: 'count' }] },
      'invalidDefinition',
      'measures[0].key',
    ],
    [
      'an unknown operator',
      { filter: { regexp: [{ var: 'category' }, '.*'] } },
      'invalidFilter',
      'filter.regexp',
    ],
    [
      'a wrongly typed value',
      { filter: { '==': [{ var: 'hours' }, 'many'] } },
      'invalidValue',
      'filter.==[1]',
    ],
    [
      'a sort key that is not in the report',
      { sort: [{ by: 'hours', direction: 'asc' }] },
      'invalidDefinition',
      'sort[0].by',
    ],
  ])('refuses %s with the place named', (_name, change, code, path) => {
    const definition = report({
      entity: 'workOrder',
      measures: [{ key: 'orders', aggregate: 'count' }],
      ...(change as object),
    });
    expect(() => compileReport(definition, dataset)).toThrow(expect.objectContaining({ code, path }));
  });

  it('never lets hostile text into the SQL: filter values, global filters, drill values, keys and paths', () => {
    const base = {
      entity: 'workOrder',
      dimensions: [{ field: 'category' }],
      measures: [{ key: 'orders', aggregate: 'count' as const }],
    };
    assertSafe(
      (hostile) => () =>
        compileReport(report({ ...base, filter: { '==': [{ var: 'category' }, hostile] } }), dataset),
    );
    assertSafe(
      (hostile) => () =>
        compileReport(report({ ...base, filter: { in: [{ var: 'category' }, [hostile]] } }), dataset),
    );
    assertSafe((hostile) => () => compileReport(report(base), dataset, { filters: { category: hostile } }));
    assertSafe((hostile) => () => compileReport(report(base), dataset, { filters: { [hostile]: 'x' } }));
    assertSafe(
      (hostile) => () =>
        compileReport(report(base), dataset, { drill: [{ field: 'category', value: hostile }] }),
    );
    assertSafe(
      (hostile) => () => compileReport(report({ ...base, dimensions: [{ field: hostile }] }), dataset),
    );
    assertSafe(
      (hostile) => () =>
        compileReport(report({ ...base, filter: { '==': [{ var: hostile }, 'x'] } }), dataset),
    );
    assertSafe(
      (hostile) => () =>
        compileReport(report({ ...base, measures: [{ key: hostile, aggregate: 'count' }] }), dataset),
    );
    assertSafe((hostile) => () => compileReport(report({ ...base, entity: hostile }), dataset));
    assertSafe((hostile) => () => compileReport(report(base), dataset, { timeZone: hostile }));
    assertSafe(
      (hostile) => () =>
        compileReport(
          report({
            ...base,
            measures: [{ key: 'o', metric: 'occupancy', field: 'category', values: [hostile] }],
          }),
          dataset,
        ),
    );
  });
});
