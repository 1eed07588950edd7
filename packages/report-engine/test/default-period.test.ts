import { defaultPeriodRange } from '../src';

const SHANGHAI = 'Asia/Shanghai';

describe('defaultPeriodRange', () => {
  // Sunday 2026-11-29 17:30 UTC is Monday 2026-11-30 01:30 in Shanghai.
  const now = new Date('2026-11-29T17:30:00Z');

  it.each([
    ['today', '2026-11-30', '2026-11-30'],
    ['thisWeek', '2026-11-30', '2026-12-06'],
    ['thisMonth', '2026-11-01', '2026-11-30'],
    ['last30Days', '2026-11-01', '2026-11-30'],
    ['last12Months', '2025-12-01', '2026-11-30'],
    ['thisQuarter', '2026-10-01', '2026-12-31'],
    ['thisYear', '2026-01-01', '2026-12-31'],
  ] as const)('%s is the calendar of the workspace’s zone', (period, from, to) => {
    expect(defaultPeriodRange(period, now, SHANGHAI)).toEqual({ from, to });
  });

  it('reads the day in the zone asked: still Sunday in UTC', () => {
    expect(defaultPeriodRange('today', now, 'UTC')).toEqual({ from: '2026-11-29', to: '2026-11-29' });
    expect(defaultPeriodRange('thisWeek', now, 'UTC')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });

  it('crosses month and year ends', () => {
    const newYearsEve = new Date('2026-12-31T04:00:00Z'); // Thursday
    expect(defaultPeriodRange('thisWeek', newYearsEve, SHANGHAI)).toEqual({
      from: '2026-12-28',
      to: '2027-01-03',
    });
    expect(defaultPeriodRange('last30Days', new Date('2026-03-01T04:00:00Z'), SHANGHAI)).toEqual({
      from: '2026-01-31',
      to: '2026-03-01',
    });
    expect(defaultPeriodRange('last12Months', new Date('2027-01-15T04:00:00Z'), SHANGHAI)).toEqual({
      from: '2026-02-01',
      to: '2027-01-15',
    });
    expect(defaultPeriodRange('thisMonth', new Date('2028-02-10T04:00:00Z'), SHANGHAI)).toEqual({
      from: '2028-02-01',
      to: '2028-02-29',
    });
  });
});
