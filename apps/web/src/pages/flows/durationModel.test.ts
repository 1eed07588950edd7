import { describe, expect, it } from 'vitest';
import { durationParts, durationText } from './durationModel';

describe('durationModel', () => {
  it('reads one-part durations as an amount and a unit, and writes them back', () => {
    const cases: [string, ReturnType<typeof durationParts>][] = [
      ['PT30M', { amount: 30, unit: 'minutes', negative: false }],
      ['PT4H', { amount: 4, unit: 'hours', negative: false }],
      ['PT1.5H', { amount: 1.5, unit: 'hours', negative: false }],
      ['P2D', { amount: 2, unit: 'days', negative: false }],
      ['P1W', { amount: 1, unit: 'weeks', negative: false }],
      ['P3M', { amount: 3, unit: 'months', negative: false }],
      ['-P1D', { amount: 1, unit: 'days', negative: true }],
    ];
    for (const [text, parts] of cases) {
      expect(durationParts(text)).toEqual(parts);
      expect(durationText(parts!)).toBe(text);
    }
  });

  it('leaves durations of several parts, and text that is no duration, to the text box', () => {
    for (const text of ['P1DT2H', 'PT1H30M', 'P1Y', '4 hours', '', 'P', 'PT'])
      expect(durationParts(text)).toBeUndefined();
    expect(durationParts(undefined)).toBeUndefined();
  });

  it('writes nothing for no amount', () => {
    expect(durationText({ amount: 0, unit: 'hours', negative: false })).toBeUndefined();
    expect(durationText({ amount: Number.NaN, unit: 'hours', negative: false })).toBeUndefined();
  });
});
