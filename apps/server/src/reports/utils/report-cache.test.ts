import { ReportCache } from './report-cache';

describe('ReportCache', () => {
  let now = 0;
  const cache = () => new ReportCache<{ rows: unknown[] }>(() => now);
  beforeEach(() => (now = 1_000));

  it('serves a result only for the data version it was read at', () => {
    const results = cache();
    results.set('q', '3:41', { rows: [1] });
    expect(results.get('q', '3:41')).toEqual({ rows: [1] });
    expect(results.get('q', '3:42')).toBeUndefined(); // a change since
    expect(results.get('q', '3:41')).toBeUndefined(); // and the stale entry is gone
  });

  it('lets a result serve at most 30 seconds, however quiet the app', () => {
    const results = cache();
    results.set('q', 'v', { rows: [] });
    now += 30_000;
    expect(results.get('q', 'v')).toBeDefined();
    now += 1;
    expect(results.get('q', 'v')).toBeUndefined();
  });

  it('keeps the 500 most recently used results and none over 5,000 rows', () => {
    const results = cache();
    for (let index = 0; index < 501; index++) results.set(`q${index}`, 'v', { rows: [] });
    expect(results.get('q0', 'v')).toBeUndefined();
    expect(results.get('q1', 'v')).toBeDefined();
    results.set('big', 'v', { rows: new Array(5_001).fill(0) });
    expect(results.get('big', 'v')).toBeUndefined();
  });

  it('reads a query once for all who ask at the same moment, and again after a change', async () => {
    const results = cache();
    let reads = 0;
    let finish: (value: { rows: unknown[] }) => void = () => undefined;
    const read = () => {
      reads += 1;
      return new Promise<{ rows: unknown[] }>((resolve) => (finish = resolve));
    };
    const first = results.getOrRead('q', 'v1', read);
    const second = results.getOrRead('q', 'v1', read);
    finish({ rows: [1] });
    expect(await first).toEqual({ rows: [1] });
    expect(await second).toBe(await first);
    expect(reads).toBe(1);
    expect(await results.getOrRead('q', 'v1', read)).toEqual({ rows: [1] }); // from the cache
    const third = results.getOrRead('q', 'v2', read);
    finish({ rows: [2] });
    expect(await third).toEqual({ rows: [2] });
    expect(reads).toBe(2);
  });

  it('keeps no failed read: the next caller reads again', async () => {
    const results = cache();
    await expect(results.getOrRead('q', 'v', () => Promise.reject(new Error('timeout')))).rejects.toThrow();
    expect(await results.getOrRead('q', 'v', async () => ({ rows: [3] }))).toEqual({ rows: [3] });
  });

  it('keys by every part of the query', () => {
    expect(ReportCache.keyOf(['app', 'SELECT 1', [1]])).not.toBe(ReportCache.keyOf(['app', 'SELECT 1', [2]]));
  });
});
