import { describe, expect, it } from 'vitest';
import { formatNumber, fractionDigits } from './numberFormat';

describe('fractionDigits', () => {
  it('gives a column the digits its most precise number needs, at most two', () => {
    expect(fractionDigits([1_111_158, 10_187_393.26])).toBe(2);
    expect(fractionDigits([12, 3.5, null, 'x'])).toBe(1);
    expect(fractionDigits([1691, 1326, 838])).toBe(0);
    expect(fractionDigits([1 / 3, 2])).toBe(2);
    expect(fractionDigits([0.1 + 0.2])).toBe(1);
    expect(fractionDigits([1e14 + 0.5])).toBe(1);
    expect(fractionDigits([], 2)).toBe(0);
  });
});

describe('formatNumber', () => {
  it('shows every number of a column with the same digits', () => {
    expect([1_111_158, 10_187_393.26].map((value) => formatNumber(value, 2))).toEqual([
      (1_111_158).toLocaleString(undefined, { minimumFractionDigits: 2 }),
      (10_187_393.26).toLocaleString(undefined, { minimumFractionDigits: 2 }),
    ]);
    expect(formatNumber(null, 2)).toBe('—');
  });
});
