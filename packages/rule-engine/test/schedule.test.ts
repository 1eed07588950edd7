// Cron next-runs (5 and 6 fields, names, lists, ranges, steps) on the DST-free Asia/Shanghai clock and on a
// DST zone; date-relative windows.
import { dateRelativeWindow, nextRuns, type ScheduledTrigger } from '../src';

const TZ = 'Asia/Shanghai';
const cron = (expression: string, timezone?: string): ScheduledTrigger => ({
  type: 'schedule',
  cron: expression,
  ...(timezone ? { timezone } : {}),
});
const iso = (runs: Date[]) => runs.map((run) => run.toISOString());
const at = (text: string) => new Date(text);

describe('nextRuns (cron)', () => {
  it('runs 09:00 Shanghai every weekday', () => {
    const runs = nextRuns(
      cron('0 9 * * MON-FRI'),
      at('2026-03-13T00:00:00Z'),
      at('2026-03-17T00:00:00Z'),
      TZ,
    );
    // Fri 13, (weekend), Mon 16
    expect(iso(runs)).toEqual(['2026-03-13T01:00:00.000Z', '2026-03-16T01:00:00.000Z']);
  });

  it('supports steps, lists and ranges within the (from, to] window', () => {
    const from = at('2026-03-15T01:00:00Z'); // 09:00 Shanghai, excluded
    const runs = nextRuns(cron('*/20 9-10 * * *'), from, at('2026-03-15T02:40:00Z'), TZ);
    expect(iso(runs)).toEqual([
      '2026-03-15T01:20:00.000Z',
      '2026-03-15T01:40:00.000Z',
      '2026-03-15T02:00:00.000Z',
      '2026-03-15T02:20:00.000Z',
      '2026-03-15T02:40:00.000Z',
    ]);
    const list = nextRuns(
      cron('0 8,12,18 1 jan,jul *'),
      at('2026-01-01T00:00:00Z'),
      at('2026-12-31T00:00:00Z'),
      TZ,
    );
    expect(list).toHaveLength(5); // Jan 1 08:00 is 00:00Z, excluded as `from`
  });

  it('supports 6 fields with seconds', () => {
    const runs = nextRuns(cron('*/15 0 0 * * *'), at('2026-03-14T16:00:00Z'), at('2026-03-14T16:01:00Z'), TZ);
    expect(iso(runs)).toEqual([
      '2026-03-14T16:00:15.000Z',
      '2026-03-14T16:00:30.000Z',
      '2026-03-14T16:00:45.000Z',
    ]);
  });

  it('matches day-of-month OR weekday when both are restricted, and 7 as Sunday', () => {
    const runs = nextRuns(cron('0 0 1 * 7'), at('2026-02-27T00:00:00Z'), at('2026-03-09T00:00:00Z'), TZ);
    // Sun Mar 1 (also the 1st) and Sun Mar 8
    expect(iso(runs)).toEqual(['2026-02-28T16:00:00.000Z', '2026-03-07T16:00:00.000Z']);
  });

  it('has no DST in Shanghai: 02:30 exists every day of the year', () => {
    const runs = nextRuns(
      cron('30 2 * * *'),
      at('2025-12-31T16:00:00Z'),
      at('2026-12-31T16:00:00Z'),
      TZ,
      1000,
    );
    expect(runs).toHaveLength(365);
    expect(new Set(runs.map((run) => run.getUTCHours())).size).toBe(1);
  });

  it('skips wall times in a DST gap in a zone that has one, and uses the trigger’s own zone', () => {
    const trigger = cron('30 2 * * *', 'America/New_York');
    const runs = nextRuns(trigger, at('2026-03-07T12:00:00Z'), at('2026-03-10T12:00:00Z'), TZ);
    // 2026-03-08 02:30 does not exist in New York
    expect(iso(runs)).toEqual(['2026-03-09T06:30:00.000Z', '2026-03-10T06:30:00.000Z']);
  });

  it('stops at the limit', () => {
    expect(
      nextRuns(cron('* * * * * *'), at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'), TZ, 50),
    ).toHaveLength(50);
  });
});

describe('dateRelativeWindow', () => {
  const reminder = {
    type: 'dateRelative' as const,
    entity: 'bill',
    field: 'dueDate',
    offsetDays: -7,
    at: '09:00',
  };

  it('gives bills due in 7 days for "7 days before dueDate" at 09:00', () => {
    expect(dateRelativeWindow(reminder, at('2026-03-15T01:00:00Z'), TZ)).toEqual({
      kind: 'range',
      entity: 'bill',
      field: 'dueDate',
      from: '2026-03-22',
      to: '2026-03-22',
      runDates: ['2026-03-15'],
    });
  });

  it('uses the workspace date, not the UTC date', () => {
    // 2026-03-15 23:30 UTC is already the 16th in Shanghai
    expect(dateRelativeWindow(reminder, at('2026-03-15T23:30:00Z'), TZ)).toMatchObject({
      from: '2026-03-22',
      to: '2026-03-22',
    });
    expect(dateRelativeWindow(reminder, at('2026-03-16T01:00:00Z'), TZ)).toMatchObject({
      from: '2026-03-23',
    });
  });

  it('catches up on missed runs since the last one, and is null when nothing is due', () => {
    const since = at('2026-03-12T01:00:00Z'); // the run of the 12th happened
    expect(dateRelativeWindow(reminder, at('2026-03-15T02:00:00Z'), TZ, { since })).toMatchObject({
      from: '2026-03-20',
      to: '2026-03-22',
      runDates: ['2026-03-13', '2026-03-14', '2026-03-15'],
    });
    expect(
      dateRelativeWindow(reminder, at('2026-03-15T02:00:00Z'), TZ, { since: at('2026-03-15T01:00:00Z') }),
    ).toBeNull();
  });

  it('can be told a field is yearly', () => {
    const anniversary = { ...reminder, entity: 'contract', field: 'signedOn', offsetDays: 0 };
    expect(dateRelativeWindow(anniversary, at('2026-03-15T01:00:00Z'), TZ, { yearly: true })).toMatchObject({
      kind: 'monthDay',
      monthDays: ['03-15'],
    });
  });
});
