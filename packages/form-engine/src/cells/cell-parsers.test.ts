import {
  excelSerialParts,
  parseBooleanCell,
  parseDateCell,
  parseNumberCell,
  splitListCell,
  splitRangeCell,
} from './cell-parsers';

describe('spreadsheet cell parsers', () => {
  it.each([
    ['是', true],
    ['否', false],
    ['Yes', true],
    ['no', false],
    ['TRUE', true],
    ['1', true],
    ['0', false],
    ['√', true],
    ['maybe', undefined],
    [2, undefined],
  ])('boolean %p → %p', (cell, expected) => expect(parseBooleanCell(cell)).toBe(expected));

  it.each([
    ['¥1,234.50', 1234.5],
    ['￥1,234.50', 1234.5],
    ['RMB 20', 20],
    ['1.5e3', 1500],
    ['-0.5', -0.5],
    ['1,2,3', 123],
    ['12%', undefined],
    ['1.2.3', undefined],
    [Infinity, undefined],
    [true, undefined],
  ])('number %p → %p', (cell, expected) => expect(parseNumberCell(cell)).toBe(expected));

  it('reads a percent sign only when asked', () => expect(parseNumberCell('12%', true)).toBe(12));

  it.each([
    [45352, '2024-03-01'],
    [46082, '2026-03-01'],
    [61, '1900-03-01'],
    [60, undefined],
    ['2026.3.1', '2026-03-01'],
    ['2026-3-1 08:00', '2026-03-01'],
    ['２０２６／３／１', '2026-03-01'],
    ['2026-13-01', undefined],
    ['March 1', undefined],
  ])('date %p → %p', (cell, expected) => expect(parseDateCell(cell)).toBe(expected));

  it('splits Excel serial time of day', () =>
    expect(excelSerialParts(46082.75)).toEqual({ date: '2026-03-01', seconds: 64800 }));

  it('splits lists and ranges', () => {
    expect(splitListCell('a, b，c、d;e；f\ng')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(splitRangeCell('2026-03-01 - 2026-04-01')).toEqual(['2026-03-01', '2026-04-01']);
    expect(splitRangeCell('2026-03-01')).toBeUndefined();
  });
});
