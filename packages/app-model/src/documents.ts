// Document templates (printable contracts, dispatch slips): the placeholders of a body and the fields they
// name. The web fills them; validation checks each names a field.
import { type EntityDefinition, type FieldDefinition } from './types';

/** `{租金}`, `{rent}`, `{租金|大写}`: a placeholder, one line, no braces inside. */
const PLACEHOLDER = /\{([^{}\n]+)\}/g;

/** How a placeholder's value is written: as the reader sees it, or a money amount in Chinese capitals. */
export type DocumentFormat = 'amountInWords';

/** The names a body may give a format after `|`. */
const FORMATS: Record<string, DocumentFormat> = { 大写: 'amountInWords', upper: 'amountInWords' };

export type DocumentPart =
  | { text: string }
  /** `format` is the name after `|` as written; `documentFormat` tells what it means. */
  | { placeholder: string; format?: string }
  /**
   * `{#免租天数}` … `{/免租天数}`: what is between prints only when the field has a value (`when: 'filled'`);
   * `{^押金}` … `{/押金}` only when it has none (`when: 'empty'`). A clause that does not apply is left out,
   * not printed with blanks.
   */
  | { section: string; when: 'filled' | 'empty' }
  | { sectionEnd: string };

/** The body cut into text, placeholders and section marks, in order. */
export function documentParts(body: string): DocumentPart[] {
  const parts: DocumentPart[] = [];
  let at = 0;
  for (const match of body.matchAll(PLACEHOLDER)) {
    if (match.index > at) parts.push({ text: body.slice(at, match.index) });
    const inner = match[1]!.trim();
    const mark = inner[0];
    if (mark === '#' || mark === '^')
      parts.push({ section: inner.slice(1).trim(), when: mark === '#' ? 'filled' : 'empty' });
    else if (mark === '/') parts.push({ sectionEnd: inner.slice(1).trim() });
    else {
      const [name, format] = inner.split('|', 2).map((piece) => piece.trim());
      parts.push(format === undefined ? { placeholder: name! } : { placeholder: name!, format });
    }
    at = match.index + match[0].length;
  }
  if (at < body.length) parts.push({ text: body.slice(at) });
  return parts;
}

export type SectionProblem = 'unclosedSection' | 'unopenedSection';

/**
 * Section marks that do not pair up: a section never closed, or a close that ends no open section (a
 * `{/x}` while `{#y}` is the innermost open one). Sections nest; each close ends the innermost.
 */
export function sectionProblems(parts: readonly DocumentPart[]): { name: string; problem: SectionProblem }[] {
  const open: string[] = [];
  const problems: { name: string; problem: SectionProblem }[] = [];
  for (const part of parts) {
    if ('section' in part) open.push(part.section);
    else if ('sectionEnd' in part) {
      if (open.at(-1) === part.sectionEnd) open.pop();
      else problems.push({ name: part.sectionEnd, problem: 'unopenedSection' });
    }
  }
  for (const name of open) problems.push({ name, problem: 'unclosedSection' });
  return problems;
}

/**
 * Whether a section's field counts as having a value: not empty, not an empty list, not false or 0 — a
 * contract with 0 rent-free days has no rent-free clause.
 */
export function sectionShown(value: unknown, when: 'filled' | 'empty'): boolean {
  const filled = !(
    value === undefined ||
    value === null ||
    value === '' ||
    value === false ||
    value === 0 ||
    (Array.isArray(value) && value.length === 0)
  );
  return when === 'filled' ? filled : !filled;
}

/** What a format name after `|` means; undefined for a name no format has. */
export function documentFormat(name: string): DocumentFormat | undefined {
  return Object.hasOwn(FORMATS, name) ? FORMATS[name] : undefined;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES = ['', '拾', '佰', '仟'];
const SECTIONS = ['', '万', '亿', '万亿'];

/** 0 … 9999 in capitals, with 零 for the zeros between digits ("壹仟零肆"). */
function sectionInWords(section: number): string {
  let words = '';
  let zero = false;
  for (let place = 3; place >= 0; place -= 1) {
    const digit = Math.floor(section / 10 ** place) % 10;
    if (digit === 0) {
      zero = words !== '';
      continue;
    }
    if (zero) words += '零';
    words += DIGITS[digit]! + PLACES[place]!;
    zero = false;
  }
  return words;
}

/** A whole number of yuan in capitals: sections of four digits, 零 where a section or its head is empty. */
function yuanInWords(yuan: number): string {
  const sections: number[] = [];
  for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) sections.push(rest % 10_000);
  let words = '';
  let skipped = false;
  for (let index = sections.length - 1; index >= 0; index -= 1) {
    const section = sections[index]!;
    if (section === 0) {
      skipped = words !== '';
      continue;
    }
    if (words !== '' && (skipped || section < 1000)) words += '零';
    words += sectionInWords(section) + SECTIONS[index]!;
    skipped = false;
  }
  return words;
}

/**
 * A money amount in Chinese capitals as receipts and contracts write it (人民币大写): 1,680.32 →
 * 壹仟陆佰捌拾元叁角贰分, 1.05 → 壹元零伍分, 3,500 → 叁仟伍佰元整; rounded to the fen, 负 before a negative
 * amount. Amounts of 10¹⁶ yuan and more have no capitals here and are written in digits.
 */
export function amountInWords(amount: number): string {
  if (!Number.isFinite(amount)) return String(amount);
  const fen = Math.round(Math.abs(amount) * 100);
  const yuan = Math.floor(fen / 100);
  if (yuan >= 1e16) return String(amount);
  const [jiao, cent] = [Math.floor(fen / 10) % 10, fen % 10];
  let words = yuan > 0 ? `${yuanInWords(yuan)}元` : '';
  if (jiao > 0) words += `${DIGITS[jiao]}角`;
  else if (cent > 0 && yuan > 0) words += '零';
  if (cent > 0) words += `${DIGITS[cent]}分`;
  else words = words === '' ? '零元整' : `${words}整`;
  return fen > 0 && amount < 0 ? `负${words}` : words;
}

/** The field a placeholder names: by key, else by its label in either language. */
export function documentField(
  entity: Pick<EntityDefinition, 'fields'>,
  name: string,
): FieldDefinition | undefined {
  return (
    entity.fields.find((field) => field.key === name) ??
    entity.fields.find((field) =>
      Object.values(field.label ?? {}).some((label) => typeof label === 'string' && label.trim() === name),
    )
  );
}

/** Fields whose value is an amount, which a document may write in capitals (`{租金|大写}`). */
const AMOUNT_TYPES = new Set(['money', 'number', 'formula', 'rollup', 'lookup']);

export type PlaceholderProblem = 'unknownField' | 'unknownFormat' | 'formatNotAmount';

/**
 * Why a placeholder cannot be filled from the entity's records, if it cannot: it names no field, its format
 * is none, or it asks capitals of a field that is no amount. Validation and the template editor both ask.
 */
export function placeholderProblem(
  entity: Pick<EntityDefinition, 'fields'>,
  placeholder: { placeholder: string; format?: string },
): PlaceholderProblem | undefined {
  const field = documentField(entity, placeholder.placeholder);
  if (!field) return 'unknownField';
  if (placeholder.format === undefined) return undefined;
  if (!documentFormat(placeholder.format)) return 'unknownFormat';
  return AMOUNT_TYPES.has(field.type) ? undefined : 'formatNotAmount';
}
