import { describe, expect, it } from 'vitest';
import { durationParts, urgencyOf } from './taskTime';

describe('task urgency', () => {
  const now = Date.parse('2026-03-01T08:00:00Z');
  it('classifies due times', () => {
    expect(urgencyOf(null, now)).toBe('none');
    expect(urgencyOf('2026-03-01T07:59:00Z', now)).toBe('overdue');
    expect(urgencyOf('2026-03-01T09:30:00Z', now)).toBe('urgent');
    expect(urgencyOf('2026-03-02T08:00:00Z', now)).toBe('normal');
  });
  it('rounds distances down to the largest unit', () => {
    expect(durationParts(30_000)).toEqual({ value: 1, unit: 'minute' });
    expect(durationParts(-90 * 60_000)).toEqual({ value: 1, unit: 'hour' });
    expect(durationParts(50 * 3600_000)).toEqual({ value: 2, unit: 'day' });
  });
});
