// Chinese identifiers that pass their checksums: resident ID (GB 11643), unified social credit code
// (GB 32100) and mainland mobile numbers. Definitions: shared/product/METRICS.md.
import { type Rng } from './random';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The 18th character of a resident ID from its first 17 digits. */
export function residentIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '0';
}

/** Area codes of districts where the demo's residents come from (valid county-level codes). */
const AREAS = [
  '440304',
  '440305',
  '440306',
  '310115',
  '310104',
  '510104',
  '510107',
  '430102',
  '420106',
  '360102',
  '350102',
  '410105',
  '320106',
  '370102',
  '130102',
  '500103',
  '610113',
  '440106',
  '330106',
  '450103',
];

/** A resident ID for someone born on `birthday` (`YYYY-MM-DD`); an odd sequence digit means male. */
export function residentId(rng: Rng, birthday: string, male: boolean): string {
  const seq = rng.int(0, 49) * 20 + rng.int(0, 9) * 2 + (male ? 1 : 0);
  const first17 = `${rng.pick(AREAS)}${birthday.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + residentIdCheck(first17);
}

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The 18th character of a unified social credit code from its first 17. */
export function creditCodeCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += CODE_CHARS.indexOf(first17[i] ?? '0') * (CODE_WEIGHTS[i] ?? 0);
  return CODE_CHARS[(31 - (sum % 31)) % 31] ?? '0';
}

/** A company's code: `91` (enterprise) + area + organisation code + check character. */
export function creditCode(rng: Rng): string {
  let org = '';
  for (let i = 0; i < 9; i += 1)
    org += i < 2 && rng.chance(0.5) ? rng.pick([...'MAHJKL']) : rng.pick([...CODE_CHARS]);
  const first17 = `91${rng.pick(AREAS)}${org}`;
  return first17 + creditCodeCheck(first17);
}

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '157',
  '158',
  '159',
  '166',
  '176',
  '177',
  '180',
  '181',
  '182',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
];

/** A mainland mobile number: `^1[3-9]\d{9}$`. */
export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}
