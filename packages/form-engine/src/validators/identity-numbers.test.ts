import {
  creditCodeProblem,
  isEmail,
  isHttpUrl,
  isIsoDate,
  isMainlandMobile,
  isResidentIdNumber,
  isUnifiedSocialCreditCode,
  residentIdProblem,
} from './identity-numbers';

const VALID_IDS = ['11010519491231002X', '440524188001010014', '11010519491231002x'];
const VALID_CREDIT_CODES = ['91350100M000100Y43', '91512081MA62K0260E'];
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Every string that differs from `value` in exactly one character, drawn from `alphabet`. */
function singleCharacterChanges(value: string, alphabet: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i += 1) {
    for (const ch of alphabet) {
      if (ch.toUpperCase() !== value.charAt(i).toUpperCase())
        out.push(value.slice(0, i) + ch + value.slice(i + 1));
    }
  }
  return out;
}

describe('isMainlandMobile', () => {
  it.each([
    '13800138000',
    '19912345678',
    '+8613800138000',
    '+86 13800138000',
    '86-13800138000',
    '8613800138000',
  ])('accepts %s', (value) => expect(isMainlandMobile(value)).toBe(true));
  it.each([
    '12800138000',
    '1380013800',
    '138001380001',
    '+85213800138000',
    '138 0013 8000',
    '',
    'abcdefghijk',
  ])('refuses %s', (value) => expect(isMainlandMobile(value)).toBe(false));
});

describe('isResidentIdNumber (GB 11643)', () => {
  it.each(VALID_IDS)('accepts %s', (value) => expect(isResidentIdNumber(value)).toBe(true));

  it.each(VALID_IDS.slice(0, 2))('refuses every single-character change of %s', (value) => {
    const changes = singleCharacterChanges(value, '0123456789X');
    expect(changes.length).toBeGreaterThan(100);
    expect(changes.filter((changed) => isResidentIdNumber(changed))).toEqual([]);
  });

  it.each([
    ['11010519491231002', 'format'],
    ['1101051949123100200', 'format'],
    ['11010519491231002Y', 'format'],
    ['110105194902300021', 'birthDate'], // 30 February
    ['110105299901010011', 'birthDate'], // born in 2999
    ['110105194912310021', 'checkDigit'],
  ] as const)('explains %s as %s', (value, problem) => expect(residentIdProblem(value)).toBe(problem));

  it('refuses a birth date after "today"', () => {
    expect(residentIdProblem('11010519491231002X', new Date(1949, 11, 30))).toBe('birthDate');
    expect(residentIdProblem('11010519491231002X', new Date(1949, 11, 31))).toBeNull();
  });
});

describe('isUnifiedSocialCreditCode (GB 32100)', () => {
  it.each(VALID_CREDIT_CODES)('accepts %s', (value) => expect(isUnifiedSocialCreditCode(value)).toBe(true));

  it.each(VALID_CREDIT_CODES)('refuses every single-character change of %s', (value) => {
    const changes = singleCharacterChanges(value, CREDIT_ALPHABET);
    expect(changes.filter((changed) => isUnifiedSocialCreditCode(changed))).toEqual([]);
  });

  it.each([
    ['91350100M000100Y4', 'format'],
    ['91350100M000100I43', 'format'], // I is not in the alphabet
    ['91350100m000100y43', 'format'], // lower case
    ['91350100M000100Y44', 'checkDigit'],
  ] as const)('explains %s as %s', (value, problem) => expect(creditCodeProblem(value)).toBe(problem));
});

describe('isEmail', () => {
  it.each(['name@example.com', 'zhang.san+repair@wuye.com.cn', 'a@b.co'])('accepts %s', (value) =>
    expect(isEmail(value)).toBe(true),
  );
  it.each([
    'name',
    'name@',
    '@example.com',
    'a b@example.com',
    'a@example',
    'a@@example.com',
    'a..b@example.com',
  ])('refuses %s', (value) => expect(isEmail(value)).toBe(false));
});

describe('isHttpUrl', () => {
  it.each([
    'https://example.com',
    'http://localhost:3000/a?b=1#c',
    'https://物业.中国/路径',
    'https://[::1]/x',
  ])('accepts %s', (value) => expect(isHttpUrl(value)).toBe(true));
  it.each([
    'javascript:alert(1)',
    'ftp://example.com',
    'example.com',
    'https://',
    'https://exa mple.com',
    '',
  ])('refuses %s', (value) => expect(isHttpUrl(value)).toBe(false));
});

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-3-1', false],
    ['2026-12-31', true],
  ])('%s → %s', (value, expected) => expect(isIsoDate(value)).toBe(expected));
});
