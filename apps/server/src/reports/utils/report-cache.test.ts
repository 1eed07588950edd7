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

  it('keys by every part of the query', () => {
    expect(ReportCache.keyOf(['app', 'SELECT 1', [1]])).not.toBe(ReportCache.keyOf(['app', 'SELECT 1', [2]]));
  });
});
