// Checksum validators for the identifiers Chinese forms ask for. Pure functions with no dependencies so the
// browser and the server reject exactly the same values (definitions: shared/product/METRICS.md).

/** Why a resident ID number was refused; `null` means it is valid. */
export type ResidentIdProblem = 'format' | 'birthDate' | 'checkDigit';

const MOBILE = /^(?:(?:\+86|86)[ -]?)?1[3-9]\d{9}$/;

/** Mainland mobile number: 11 digits starting with 1[3-9], optionally prefixed by +86 / 86 and a space or dash. */
export function isMainlandMobile(value: string): boolean {
  return MOBILE.test(value);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** GB 11643 check: shape, a real birth date that is not in the future, and the check character. */
export function residentIdProblem(value: string, today: Date = new Date()): ResidentIdProblem | null {
  if (!/^\d{17}[\dXx]$/.test(value)) return 'format';
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (!isRealDate(year, month, day)) return 'birthDate';
  const birth = year * 10000 + month * 100 + day;
  const now = today.getFullYear() * 10000 + (today.getMonth() + 1) * 100 + today.getDate();
  if (year < 1800 || birth > now) return 'birthDate';
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(value[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_CHARS[sum % 11] === value[17]?.toUpperCase() ? null : 'checkDigit';
}

/** 18-character resident ID number (GB 11643); a lower-case `x` check character is accepted. */
export function isResidentIdNumber(value: string, today?: Date): boolean {
  return residentIdProblem(value, today) === null;
}

// GB 32100 alphabet: the position of a character is its value (0–30); I, O, S, V and Z are not used.
const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Why a unified social credit code was refused; `null` means it is valid. */
export function creditCodeProblem(value: string): 'format' | 'checkDigit' | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(value)) return 'format';
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += CREDIT_CODE_CHARS.indexOf(value.charAt(i)) * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARS.charAt(check) === value.charAt(17) ? null : 'checkDigit';
}

/** 18-character unified social credit code (GB 32100), upper case, with its check character. */
export function isUnifiedSocialCreditCode(value: string): boolean {
  return creditCodeProblem(value) === null;
}

// Deliberately simpler than RFC 5322: one @, a dotted domain, no spaces. Matches what mail servers accept
// in practice and what users mistype (missing @, spaces, trailing dot).
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value) && !value.includes('..');
}

// http(s) only: other schemes (javascript:, data:, file:) are never useful in a record and can be dangerous
// when rendered as a link. Host is a name, IPv4 or bracketed IPv6; the rest has no spaces.
const HTTP_URL =
  /^https?:\/\/(?:[^\s/?#@]+@)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\u00a1-\uffff](?:[A-Za-z0-9\u00a1-\uffff-]*[A-Za-z0-9\u00a1-\uffff])?(?:\.[A-Za-z0-9\u00a1-\uffff](?:[A-Za-z0-9\u00a1-\uffff-]*[A-Za-z0-9\u00a1-\uffff])?)*)(?::\d{1,5})?(?:[/?#]\S*)?$/;

export function isHttpUrl(value: string): boolean {
  return value.length <= 2048 && HTTP_URL.test(value);
}

/** True when year-month-day names a day that exists in the proleptic Gregorian calendar. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** `YYYY-MM-DD` naming a real day. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}
