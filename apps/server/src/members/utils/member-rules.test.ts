import { attributeProblems, leavesNoAdmin, normalizeAttributes, unknownAppRole } from './member-rules';

describe('member rules', () => {
  it.each([
    [{ projects: ['P01'], department: 'x', level: 2, onCall: false }, []],
    [[], ['attributes']],
    [{ nested: { a: 1 } }, ['attributes.nested']],
    [{ list: ['a', { b: 1 }] }, ['attributes.list[1]']],
    [{ '1bad': 'x' }, ['attributes.1bad']],
    [{ id: 'spoof' }, ['attributes.id']],
    [{ long: 'x'.repeat(201) }, ['attributes.long']],
    [{ many: Array.from({ length: 201 }, (_, i) => i) }, ['attributes.many']],
    [Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, 1])), ['attributes']],
  ])('checks %j', (attributes, paths) => {
    expect(attributeProblems(attributes).map((problem) => problem.path)).toEqual(paths);
  });

  it('drops empty values and trims list items', () => {
    expect(normalizeAttributes({ a: '', b: [], c: [' x ', 'x', ''], d: 0, e: false })).toEqual({
      c: ['x'],
      d: 0,
      e: false,
    });
  });

  it('names the first unknown app role', () => {
    expect(unknownAppRole(['technician', 'ghost', 'other'], new Set(['technician']))).toBe('ghost');
    expect(unknownAppRole(['technician'], new Set(['technician']))).toBeUndefined();
  });

  it('refuses only changes that leave no active admin', () => {
    const admin = { role: 'admin', active: true };
    expect(leavesNoAdmin(admin, { role: 'member', active: true }, 1)).toBe(true);
    expect(leavesNoAdmin(admin, { role: 'admin', active: false }, 1)).toBe(true);
    expect(leavesNoAdmin(admin, 'removed', 1)).toBe(true);
    expect(leavesNoAdmin(admin, 'removed', 2)).toBe(false);
    expect(leavesNoAdmin({ role: 'member', active: true }, 'removed', 1)).toBe(false);
    expect(leavesNoAdmin(admin, { role: 'admin', active: true }, 1)).toBe(false);
  });
});
