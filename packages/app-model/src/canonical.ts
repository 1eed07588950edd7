// The one serializer of app definitions. Same data → same bytes, whatever order the keys arrived in, so
// export → import → export is byte-identical and git diffs show only real changes.
//
// Key order of objects the format defines ("known" objects): identity first (key, type, label …, see
// LEADING_KEYS), then the rest alphabetically; the top level ends with its sections in reading order.
// Objects the format does not interpret ("open": seed records, JSON-logic, values, ui, chart options) are
// sorted alphabetically all the way down. Arrays keep their order: it is meaningful (form field order).

import { APP_SECTIONS } from './constants';
import { type AppDefinition } from './types';

const LEADING_KEYS = [
  'formatVersion',
  'key',
  'type',
  'version',
  'label',
  'description',
  'entity',
  'from',
  'to',
  'zh-CN',
];

/** Properties of known objects whose values are open. */
const OPEN_PROPERTIES = new Set([
  'ui',
  'values',
  'headers',
  'defaultValue',
  'condition',
  'expression',
  'filter',
  'scope',
  'seed',
]);

type Json = unknown;

/**
 * Like `JSON.stringify(value, null, 2)`, except that a list of plain values (strings, numbers, booleans,
 * null) stays on one line when it fits in 110 columns, as Prettier prints JSON with the repo's settings.
 * So canonical files pass `prettier --check` unchanged and stay easy to read (`"actions": ["read"]`).
 */
const PRINT_WIDTH = 110;

/** Display width as Prettier counts it: East Asian wide and full-width characters take two columns. */
function width(text: string): number {
  let columns = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x1f300;
    columns += wide ? 2 : 1;
  }
  return columns;
}

const size = (value: unknown): number =>
  Array.isArray(value)
    ? value.length
    : value !== null && typeof value === 'object'
      ? Object.keys(value).length
      : 0;

/**
 * One-line text of a value, or undefined when Prettier would never put it on one line: non-empty objects
 * (kept expanded) and lists of two or more lists/objects that each have several entries.
 */
function flatText(value: Json): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (!Array.isArray(value)) return size(value) === 0 ? '{}' : undefined;
  const [first] = value;
  const concise =
    value.length > 1 &&
    value.every(
      (item) =>
        typeof item === 'object' &&
        item !== null &&
        Array.isArray(item) === Array.isArray(first) &&
        size(item) > 1,
    );
  if (concise) return undefined;
  const parts = value.map((item) => flatText(item === undefined ? null : item));
  return parts.every((part) => part !== undefined) ? `[${parts.join(', ')}]` : undefined;
}

/** Prints `value` that starts `column` columns into its line and is followed by `suffix` (`,` or nothing). */
function print(value: Json, indent: string, column: number, suffix: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => (item === undefined ? null : item));
    const flat = flatText(items);
    if (flat !== undefined && column + width(flat) + suffix.length <= PRINT_WIDTH) return flat;
    if (items.every((item) => typeof item === 'number')) return printNumberFill(items as number[], indent);
    const lines = items.map(
      (item, i) => `${inner}${print(item, inner, inner.length, i < items.length - 1 ? ',' : '')}`,
    );
    return `[\n${lines.join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, child]) => child !== undefined);
    if (entries.length === 0) return '{}';
    const lines = entries.map(([key, child], i) => {
      const head = `${inner}${JSON.stringify(key)}: `;
      return `${head}${print(child, inner, width(head), i < entries.length - 1 ? ',' : '')}`;
    });
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** Prettier "fills" long number lists: as many numbers per line as fit. */
function printNumberFill(numbers: number[], indent: string): string {
  const inner = `${indent}  `;
  const lines: string[] = [];
  let line = '';
  for (const text of numbers.map(String)) {
    const next = line === '' ? text : `${line}, ${text}`;
    if (line !== '' && width(inner + next) + 1 > PRINT_WIDTH) {
      lines.push(`${line},`);
      line = text;
    } else line = next;
  }
  lines.push(line);
  return `[\n${lines.map((l) => inner + l).join('\n')}\n${indent}]`;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Code-unit order, independent of the runtime's locale data. */
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function orderOpen(value: Json): Json {
  if (Array.isArray(value)) return value.map(orderOpen);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(byCodeUnit)) out[key] = orderOpen(value[key]);
  return out;
}

function rank(key: string, root: boolean): number {
  const leading = LEADING_KEYS.indexOf(key);
  if (leading >= 0) return leading;
  const section = root ? APP_SECTIONS.indexOf(key) : -1;
  return section >= 0 ? 1000 + section : 100;
}

function orderKnown(value: Json, root = false): Json {
  if (Array.isArray(value)) return value.map((item) => orderKnown(item));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value).sort((a, b) => rank(a, root) - rank(b, root) || byCodeUnit(a, b));
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const child = value[key];
    // `options` is a list of select options (known) on fields but free chart options (open) on reports.
    const open = OPEN_PROPERTIES.has(key) || (key === 'options' && isPlainObject(child));
    out[key] = open ? orderOpen(child) : orderKnown(child);
  }
  return out;
}

const stringify = (value: Json): string => `${print(value, '', 0, '')}\n`;

/**
 * Canonical text of an app definition: fixed key order, two-space indentation, trailing newline.
 * Idempotent: canonicalize(parse(canonicalize(x))) === canonicalize(x).
 */
export function canonicalizeAppDefinition(app: AppDefinition): string {
  return stringify(orderKnown(app, true));
}

/**
 * Canonical text of a part of an app: an entity, a flow … or, with `root`, the top-level `app.json` of the
 * directory form. Also used to compare parts in diffs.
 */
export function canonicalizePart(part: unknown, options: { root?: boolean } = {}): string {
  return stringify(orderKnown(part, options.root ?? false));
}
