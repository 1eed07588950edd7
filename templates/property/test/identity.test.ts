import { isMainlandMobile, isResidentIdNumber, isUnifiedSocialCreditCode } from '@lowcode/form-engine';
import { creditCode, creditCodeCheck, mobile, residentId, residentIdCheck } from '../src/demo/identity';
import { Rng } from '../src/demo/random';

describe('identifiers', () => {
  it('computes the GB 11643 check digit of the METRICS.md examples', () => {
    expect(residentIdCheck('11010519491231002')).toBe('X');
    expect(residentIdCheck('44052418800101001')).toBe('4');
  });

  it('computes the GB 32100 check character of the METRICS.md examples', () => {
    expect(creditCodeCheck('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheck('91512081MA62K0260')).toBe('E');
  });

  it('generates numbers the form engine accepts', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 2000; i += 1) {
      const id = residentId(rng, '1988-02-29', i % 2 === 0);
      expect(isResidentIdNumber(id)).toBe(true);
      expect(Number(id[16]) % 2).toBe(i % 2 === 0 ? 1 : 0);
      expect(isUnifiedSocialCreditCode(creditCode(rng))).toBe(true);
      const phone = mobile(rng);
      expect(phone).toMatch(/^1[3-9]\d{9}$/);
      expect(isMainlandMobile(phone)).toBe(true);
    }
  });

  it('draws the same numbers from the same seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });
});
