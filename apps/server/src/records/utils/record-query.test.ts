import {
  afterCursor,
  compileFilter,
  encodeCursor,
  orderBy,
  parseSort,
  QueryError,
  type FieldResolver,
} from './record-query';
import { sqlParams } from './sql';

const FIELDS: Record<string, { sql: string; type: 'text' | 'numeric' | 'date' | 'text[]' | 'uuid' }> = {
  title: { sql: 'r."title"', type: 'text' },
  rent: { sql: 'r."rent"', type: 'numeric' },
  dueDate: { sql: 'r."dueDate"', type: 'date' },
  tags: { sql: 'r."tags"', type: 'text[]' },
  id: { sql: 'r._id', type: 'uuid' },
};
const resolve: FieldResolver = (key) =>
  Object.prototype.hasOwnProperty.call(FIELDS, key) ? FIELDS[key] : undefined;

describe('compileFilter', () => {
  it('binds every value as a typed parameter and names columns only from the resolver', () => {
    const params = sqlParams();
    const sql = compileFilter(
      {
        and: [
          { '>': [{ var: 'rent' }, 5000] },
          { contains: [{ var: 'title' }, "50%_off' OR 1=1"] },
          { '==': [{ var: 'tags' }, 'vip'] },
          { in: [{ var: 'dueDate' }, ['2026-01-01', '2026-02-01']] },
        ],
      },
      resolve,
      params,
    );
    expect(sql).toBe(
      '((r."rent" > $1::numeric) AND (r."title" ILIKE $2) AND ($3::text = ANY(r."tags")) AND (r."dueDate" = ANY($4::date[])))',
    );
    expect(params.values).toEqual([5000, "%50\\%\\_off' OR 1=1%", 'vip', ['2026-01-01', '2026-02-01']]);
  });

  it.each([
    [{ '==': [{ var: 'nope' }, 1] }, 'filter.=='],
    [{ '>': [{ var: 'rent' }, '5000'] }, 'filter.>[1]'],
    [{ '==': [{ var: 'dueDate' }, '2026-13-45'] }, 'filter.==[1]'],
    [{ '<': [{ var: 'tags' }, 'a'] }, 'filter.<'],
    [{ method: [1] }, 'filter.method'],
    [{ and: [{}] }, 'filter.and[0]'],
  ])('refuses %j at %s', (filter, path) => {
    try {
      compileFilter(filter, resolve, sqlParams());
      throw new Error('expected a QueryError');
    } catch (error) {
      expect(error).toBeInstanceOf(QueryError);
      expect((error as QueryError).details[0]!.path.startsWith(path)).toBe(true);
    }
  });
});

describe('sort and cursors', () => {
  it('orders by the keys then the id, and resumes strictly after the cursor row', () => {
    const keys = parseSort('-rent,title', resolve);
    expect(orderBy(keys, 'r._id')).toBe('r."rent" DESC NULLS FIRST, r."title" ASC NULLS LAST, r._id ASC');
    const params = sqlParams();
    const id = '00000000-0000-4000-8000-000000000001';
    const sql = afterCursor(keys, 'r._id', encodeCursor(['3500', null, id]), params);
    expect(sql).toContain('r."rent" < $1::numeric');
    expect(sql).toContain('r._id > $2::uuid');
    expect(params.values).toEqual(['3500', id]);
  });

  it('refuses cursors and sorts it did not issue', () => {
    const keys = parseSort('rent', resolve);
    expect(() => afterCursor(keys, 'r._id', 'not-base64-json', sqlParams())).toThrow(QueryError);
    expect(() =>
      afterCursor(keys, 'r._id', encodeCursor(['1', "x'; DROP TABLE app; --"]), sqlParams()),
    ).toThrow(QueryError);
    expect(() => parseSort('tags', resolve)).toThrow(QueryError);
  });
});
