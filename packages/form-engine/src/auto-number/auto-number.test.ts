import { assertAutoNumberPattern, autoNumberScope, formatAutoNumber } from './auto-number';

const march1 = new Date(2026, 2, 1, 10, 0, 0);

describe('formatAutoNumber', () => {
  it.each([
    ['HT-{YYYY}-{seq:6}', 123, 'HT-2026-000123'],
    ['WO{YY}{MM}{DD}{seq:4}', 7, 'WO2603010007'],
    ['C-{seq:3}', 12345, 'C-12345'],
    ['{YYYY}年{MM}月-{seq:2}', 1, '2026年03月-01'],
  ])('%s with %d → %s', (pattern, sequence, expected) => {
    expect(formatAutoNumber(pattern, { date: march1, sequence })).toBe(expected);
  });

  it('refuses a negative or fractional sequence', () => {
    expect(() => formatAutoNumber('A{seq:3}', { date: march1, sequence: -1 })).toThrow(RangeError);
    expect(() => formatAutoNumber('A{seq:3}', { date: march1, sequence: 1.5 })).toThrow(RangeError);
  });
});

describe('autoNumberScope', () => {
  it.each([
    ['HT-{YYYY}-{seq:6}', 'HT-2026-'],
    ['WO{YYYY}{MM}{seq:4}', 'WO202603'],
    ['WO{YYYY}{MM}{DD}-{seq:4}', 'WO20260301-'],
    ['C-{seq:5}', 'C-'],
  ])('%s → %s', (pattern, scope) => expect(autoNumberScope(pattern, march1)).toBe(scope));

  it('changes with the period the pattern names', () => {
    const pattern = 'HT-{YYYY}-{seq:6}';
    expect(autoNumberScope(pattern, new Date(2026, 11, 31))).toBe(autoNumberScope(pattern, march1));
    expect(autoNumberScope(pattern, new Date(2027, 0, 1))).not.toBe(autoNumberScope(pattern, march1));
  });
});

describe('assertAutoNumberPattern', () => {
  it.each(['HT-{YYYY}', 'A{seq:0}', 'A{seq:13}', 'A{seq:2}{seq:3}', 'A{seq}'])('refuses %s', (pattern) => {
    expect(() => assertAutoNumberPattern(pattern)).toThrow(
      expect.objectContaining({ code: 'autoNumberPattern' }),
    );
  });
});
