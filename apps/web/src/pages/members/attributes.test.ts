import { describe, expect, it } from 'vitest';
import { attributesFromRows, emptyRow, rowsFromAttributes } from './attributes';

describe('member attribute rows', () => {
  it('round-trips every kind of value', () => {
    const attributes = {
      projects: ['P01', 'P02'],
      department: 'maintenance',
      level: 3,
      onCall: true,
      codes: [7, 9],
    };
    const rows = rowsFromAttributes(attributes);
    expect(rows.map((row) => row.kind)).toEqual(['list', 'text', 'number', 'boolean', 'list']);
    expect(attributesFromRows(rows)).toEqual({ ok: true, attributes });
  });

  it('drops empty values and blank rows, trims and de-duplicates list items', () => {
    const rows = [
      { ...emptyRow('projects'), list: [' P01', 'P01', ''] },
      { ...emptyRow('department'), text: '  ' },
      emptyRow(),
    ];
    expect(attributesFromRows(rows)).toEqual({ ok: true, attributes: { projects: ['P01'] } });
  });

  it('suggests the list kind for known list attributes', () => {
    expect(emptyRow('skills').kind).toBe('list');
    expect(emptyRow('department').kind).toBe('text');
  });

  it('names the rows with a bad, reserved or repeated key', () => {
    const rows = [
      { ...emptyRow('bad key'), text: 'x' },
      { ...emptyRow('id'), text: 'x' },
      { ...emptyRow('skills'), list: ['a'] },
      { ...emptyRow('skills'), list: ['b'] },
    ];
    expect(attributesFromRows(rows)).toEqual({
      ok: false,
      problems: [
        { index: 0, reason: 'key' },
        { index: 1, reason: 'reserved' },
        { index: 3, reason: 'duplicate' },
      ],
    });
  });
});
