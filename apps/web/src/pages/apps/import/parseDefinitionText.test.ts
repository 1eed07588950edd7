import { describe, expect, it } from 'vitest';
import { lineColumnAt, parseDefinitionText } from './parseDefinitionText';

describe('parseDefinitionText', () => {
  it('accepts a JSON object', () => {
    expect(parseDefinitionText('{"key":"pm"}')).toEqual({ ok: true, definition: { key: 'pm' } });
  });

  it('ignores a byte-order mark', () => {
    expect(parseDefinitionText('\uFEFF{"key":"pm"}')).toMatchObject({ ok: true });
  });

  it('reports empty input', () => {
    expect(parseDefinitionText('  \n ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('rejects JSON that is not an object', () => {
    expect(parseDefinitionText('[1,2]')).toEqual({ ok: false, reason: 'notObject' });
    expect(parseDefinitionText('"pm"')).toEqual({ ok: false, reason: 'notObject' });
  });

  it('reports a syntax error with its line and column', () => {
    const result = parseDefinitionText('{\n  "key": "pm",\n  oops\n}');
    expect(result).toMatchObject({ ok: false, reason: 'syntax', line: 3 });
  });
});

describe('lineColumnAt', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColumnAt('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
