import { displayPrefix, issueApiKey, parseApiKey, secretMatches } from './api-key-secret';

describe('API key secrets', () => {
  it('issues lck_<id>_<secret>, parses it back and matches only its own secret', () => {
    const issued = issueApiKey();
    expect(issued.token).toMatch(/^lck_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseApiKey(issued.token)!;
    expect(parsed.id).toBe(issued.id);
    expect(secretMatches(parsed.secret, issued.secretHash)).toBe(true);
    expect(secretMatches(parseApiKey(issueApiKey().token)!.secret, issued.secretHash)).toBe(false);
    expect(issued.secretHash).not.toContain(parsed.secret);
    expect(displayPrefix(issued.id)).toBe(issued.token.slice(0, 12));
  });

  it.each([
    '',
    'lck_',
    'lck_abc_def',
    `lck_${'0'.repeat(32)}_short`,
    `LCK_${'0'.repeat(32)}_${'a'.repeat(43)}`,
  ])('refuses %j', (token) => expect(parseApiKey(token)).toBeUndefined());

  it('treats a malformed stored hash as no match rather than throwing', () => {
    expect(secretMatches('x', 'abc')).toBe(false);
  });
});
