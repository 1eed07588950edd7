import { describe, expect, it } from 'vitest';
import { defaultChoices, findConflicts, mergedPatch } from './mergeModel';

const base = { name: 'A', rent: 100, kind: 'person', phone: '13800000000' };

describe('findConflicts', () => {
  it('lists only fields both sides changed to different values', () => {
    const mine = { name: 'B', rent: 200, kind: 'company' };
    const theirs = { ...base, name: 'C', rent: 200, phone: '13900000000' };
    expect(findConflicts(base, mine, theirs)).toEqual([{ field: 'name', base: 'A', mine: 'B', theirs: 'C' }]);
  });

  it('treats structured values by content', () => {
    const mine = { lines: [{ item: 'x' }] };
    expect(findConflicts({ lines: [] }, mine, { lines: [{ item: 'x' }] })).toEqual([]);
    expect(findConflicts({ lines: [] }, mine, { lines: [{ item: 'y' }] })).toHaveLength(1);
  });
});

describe('mergedPatch', () => {
  it('keeps mine by default and drops fields taken from theirs', () => {
    const mine = { name: 'B', rent: 200 };
    const conflicts = findConflicts(base, mine, { ...base, name: 'C', rent: 300 });
    const choices = defaultChoices(conflicts);
    expect(mergedPatch(mine, choices)).toEqual({ name: 'B', rent: 200 });
    expect(mergedPatch(mine, { ...choices, rent: 'theirs' })).toEqual({ name: 'B' });
  });
});
