// Shared state and helpers of the demo-data generator. Times are Beijing wall-clock times kept as epoch
// milliseconds of the same UTC wall clock, so formatting never depends on the machine's time zone.
import { DEMO_DRAWINGS, type DemoDrawing } from './files';
import { type Rng } from './random';

export type DemoRecord = Record<string, unknown> & { _key: string };
/**
 * Demo records per entity key. Relation values are `_key`s of other records; user fields name records of
 * the reserved `_users` list (people to create as platform users first). The reserved `_flows` list plans
 * flows to run once the records are in: `{ flow, entity, record, startedBy?, steps: [{ node, data }] }`
 * (record and startedBy are `_key`s; each step completes the open task at `node` as its assignee). The
 * reserved `_departments` list is the company's organisation (see organisation.ts).
 */
export type DemoData = { [entityKey: string]: DemoRecord[] };

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export interface DemoContext {
  rng: Rng;
  /**
   * A second stream, seeded from the same seed, for the property-fee bills and their payments: added later,
   * they draw from it so that everything else the main stream draws stays as it was.
   */
  feeRng: Rng;
  /** Midnight (Beijing) of the generation day. */
  today: number;
  /**
   * The generation instant, on the same Beijing-shifted clock as `today`: nothing the demo says has happened
   * may be later (a flow stamping the real time on a report filed "at 10:00" at 02:30 would be refused).
   */
  now: number;
  scale: number;
  data: DemoData;
  /** Per-name counters for generated keys, so two runs never share state. */
  seq: Record<string, number>;
}

export function nextSeq(ctx: DemoContext, name: string): number {
  ctx.seq[name] = (ctx.seq[name] ?? 0) + 1;
  return ctx.seq[name];
}

export function push(ctx: DemoContext, entity: string, record: DemoRecord): DemoRecord {
  (ctx.data[entity] ??= []).push(record);
  return record;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function isoDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function isoDateTime(ms: number): string {
  const d = new Date(ms);
  return `${isoDate(ms)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

export function yearMonth(ms: number): string {
  return isoDate(ms).slice(0, 7);
}

/** Same day of month `months` later (clamped to the month's last day). */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), last));
}

export function startOfMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export function daysInMonth(ms: number): number {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * A money amount: cents, but whole yuan from 100,000 up. The form engine's `multipleOf 0.01` check (ajv,
 * multipleOfPrecision 9) refuses some larger amounts with cents (111848.18 is the first), so the demo keeps
 * large commercial amounts whole until that is fixed.
 */
export const money = (n: number): number => (Math.abs(n) >= 100_000 ? Math.round(n) : round2(n));

/**
 * A file object as attachment/image fields store it, standing for one of the template's drawings: the
 * install stores the drawing and replaces the id, size and type with the stored file's.
 */
export function file(drawing: DemoDrawing, key: string, name: string): Record<string, unknown> {
  return { id: `demo/${drawing}/${key}`, name, size: 0, mimeType: DEMO_DRAWINGS[drawing] };
}
