import { type EntityDefinition } from '@lowcode/app-model';
import { convertStoredValue, planStorage } from './entity-storage';

const room = (fields: EntityDefinition['fields']): EntityDefinition => ({
  key: 'room',
  label: { 'zh-CN': '房间' },
  fields,
});
const code = { key: 'code', label: { 'zh-CN': '房号' }, type: 'text', unique: true } as const;
const area = { key: 'area', label: { 'zh-CN': '面积' }, type: 'number' } as const;

describe('planStorage', () => {
  const options = { schema: 'app_x', trigram: true };

  it('creates a table with system columns, typed field columns, indexes and the search index', () => {
    const ddl = planStorage([], [room([code, area])], options, 'r1').join('\n');
    expect(ddl).toContain('CREATE TABLE IF NOT EXISTS "app_x"."room"');
    expect(ddl).toContain('"code" text');
    expect(ddl).toContain('"area" numeric');
    expect(ddl).toMatch(
      /CREATE UNIQUE INDEX IF NOT EXISTS u_\w+ ON "app_x"."room" \("code"\) WHERE _deleted_at IS NULL/,
    );
    expect(ddl).toContain('USING gin (_search gin_trgm_ops)');
  });

  it('adds columns for new fields and never drops anything', () => {
    const ddl = planStorage([room([code, area])], [room([code])], options, 'r2');
    expect(ddl.join('\n')).not.toMatch(/DROP (TABLE|COLUMN)/);
    const added = planStorage([room([code])], [room([code, area])], options, 'r2');
    expect(added).toContain('ALTER TABLE "app_x"."room" ADD COLUMN IF NOT EXISTS "area" numeric');
  });

  it('keeps the old column under an archive name when a type changes, copying what converts', () => {
    const ddl = planStorage(
      [room([code, area])],
      [room([code, { ...area, type: 'text' } as never])],
      options,
      'r3',
    );
    expect(ddl).toContain('ALTER TABLE "app_x"."room" RENAME COLUMN "area" TO "_archived_r3_area"');
    expect(ddl).toContain(
      'UPDATE "app_x"."room" SET "area" = "_archived_r3_area"::text WHERE "_archived_r3_area" IS NOT NULL',
    );
  });
});

describe('convertStoredValue', () => {
  it.each([
    [88.5, 'numeric', 'text', '88.5'],
    ['42', 'text', 'numeric', 42],
    ['abc', 'text', 'numeric', null],
    ['2026-03-01T08:00:00Z', 'timestamptz', 'date', '2026-03-01'],
    [['a', 'b'], 'text[]', 'text', 'a,b'],
  ] as const)('%p as %s becomes %p as %s', (value, from, to, expected) => {
    expect(convertStoredValue(value, from, to)).toEqual(expected);
  });
});
