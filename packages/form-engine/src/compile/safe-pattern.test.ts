import { assertSafePattern, hasNestedQuantifier } from './safe-pattern';

describe('hasNestedQuantifier', () => {
  it.each([
    '(a+)+',
    '(a*)*',
    '(\\d+)*$',
    '(?:x{2,})+',
    '((ab)*c)+',
    '(a+){2,5}',
    '^(([a-z])+.)+[A-Z]([a-z])+$',
  ])('flags %s', (pattern) => expect(hasNestedQuantifier(pattern)).toBe(true));
  it.each([
    '^HT-\\d{6}$',
    '(ab)+',
    '(a+)?',
    '[(a+)+]',
    '\\(a+\\)+',
    '^1[3-9]\\d{9}$',
    '(a|b)*',
    '([a-z]{2})+',
  ])('allows %s', (pattern) => expect(hasNestedQuantifier(pattern)).toBe(false));
});

describe('assertSafePattern', () => {
  it('returns a safe pattern unchanged', () => expect(assertSafePattern('^HT-\\d+$', 'p')).toBe('^HT-\\d+$'));
  it.each([
    ['a'.repeat(201), 'patternTooLong'],
    ['(a+)+', 'patternNestedQuantifier'],
    ['(unclosed', 'patternInvalid'],
    ['\\p{Nope}', 'patternInvalid'],
  ])('refuses %s with %s', (pattern, code) => {
    expect(() => assertSafePattern(pattern, 'p')).toThrow(expect.objectContaining({ code }));
  });
});
