// The pure half of auto-numbers (e.g. contract numbers HT-2026-000123): formatting and the counter scope.
// The server owns the counter itself (one row per field and scope, incremented in a transaction).
import { FormDefinitionError } from '../errors';

const TOKEN = /\{(YYYY|YY|MM|DD|seq:(\d+))\}/g;
const MAX_SEQUENCE_DIGITS = 12;

export interface AutoNumberInput {
  /** The moment the record is created, as a Date whose local calendar fields are the workspace's. */
  date: Date;
  /** The counter value for the scope, starting at 1. */
  sequence: number;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Throws FormDefinitionError `autoNumberPattern` unless the pattern has exactly one `{seq:N}`, 1 ≤ N ≤ 12. */
export function assertAutoNumberPattern(pattern: string, where = 'pattern'): void {
  const widths = [...pattern.matchAll(TOKEN)].filter((m) => m[2] !== undefined).map((m) => Number(m[2]));
  const width = widths[0];
  if (widths.length !== 1 || width === undefined || width < 1 || width > MAX_SEQUENCE_DIGITS) {
    throw new FormDefinitionError('autoNumberPattern', where, { pattern });
  }
}

function render(pattern: string, date: Date, sequence: (width: number) => string): string {
  return pattern.replace(TOKEN, (_match, token: string, width: string | undefined) => {
    if (width !== undefined) return sequence(Number(width));
    if (token === 'YYYY') return pad(date.getFullYear(), 4);
    if (token === 'YY') return pad(date.getFullYear() % 100, 2);
    if (token === 'MM') return pad(date.getMonth() + 1, 2);
    return pad(date.getDate(), 2);
  });
}

/**
 * `formatAutoNumber('HT-{YYYY}-{seq:6}', { date, sequence: 123 })` → `HT-2026-000123`. Tokens: {YYYY} {YY}
 * {MM} {DD} {seq:N}; a sequence longer than N digits is printed in full rather than cut.
 */
export function formatAutoNumber(pattern: string, input: AutoNumberInput): string {
  assertAutoNumberPattern(pattern);
  if (!Number.isSafeInteger(input.sequence) || input.sequence < 0) {
    throw new RangeError(`Auto-number sequence must be a non-negative integer, got ${input.sequence}`);
  }
  return render(pattern, input.date, (width) => pad(input.sequence, width));
}

/**
 * The counter's period: the pattern rendered for `date` without its sequence. `HT-{YYYY}-{seq:6}` gives
 * `HT-2026-` (a new counter each year), `WO{YYYY}{MM}{seq:4}` gives `WO202603` (monthly), `C-{seq:5}` gives
 * `C-` (never resets). Keep one counter per (entity, field, scope).
 */
export function autoNumberScope(pattern: string, date: Date): string {
  assertAutoNumberPattern(pattern);
  return render(pattern, date, () => '');
}
