import { addBusinessTime, type CalendarExceptions, parseBusinessDuration } from './business-calendar';

const calendar: CalendarExceptions = {
  holidays: new Set(['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08']),
  workdays: new Set(['2025-09-28', '2025-10-11']),
};
// Shanghai local time written as an ISO string with its offset.
const at = (local: string) => new Date(`${local}+08:00`);
const add = (start: string, duration: string) => addBusinessTime(at(start), duration, calendar).toISOString();

describe('business calendar', () => {
  it.each([
    ['within one working day', '2025-09-23T10:00:00', 'PT4H', '2025-09-23T14:00:00'],
    ['across the evening', '2025-09-23T16:00:00', 'PT4H', '2025-09-24T11:00:00'],
    ['before opening starts at 09:00', '2025-09-23T07:30:00', 'PT1H', '2025-09-23T10:00:00'],
    ['from Friday evening to Monday', '2025-09-19T17:00:00', 'PT2H', '2025-09-22T10:00:00'],
    ['a whole day keeps the time of day', '2025-09-23T10:30:00', 'P1D', '2025-09-24T10:30:00'],
    ['a week is five working days', '2025-09-08T10:00:00', 'P1W', '2025-09-15T10:00:00'],
    ['a declared Sunday workday (调休) counts', '2025-09-26T17:00:00', 'PT2H', '2025-09-28T10:00:00'],
    ['the National Day holiday is skipped', '2025-09-30T17:00:00', 'PT2H', '2025-10-09T10:00:00'],
    ['exactly at closing stays at closing', '2025-09-23T09:00:00', 'PT9H', '2025-09-23T18:00:00'],
  ])('%s', (_name, start, duration, expected) => {
    expect(add(start, duration)).toBe(at(expected).toISOString());
  });

  it('refuses units that are not working time', () => {
    expect(() => parseBusinessDuration('P1M')).toThrow(/business-calendar duration/);
    expect(() => parseBusinessDuration('PT')).toThrow();
  });
});
