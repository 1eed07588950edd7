// ISO-8601 durations (`PT30M`, `PT4H`, `P3D`, `P1Y2M`, `-P1D`) added to dates in UTC, without a library.
const PATTERN =
  /^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export interface ParsedDuration {
  sign: 1 | -1;
  years: number;
  months: number;
  /** Weeks, days, hours, minutes and seconds in milliseconds. */
  millis: number;
}

/** The parsed duration, or `undefined` when `text` is not an ISO-8601 duration. */
export function parseDuration(text: string): ParsedDuration | undefined {
  const match = PATTERN.exec(text);
  if (!match || text === 'P' || text.endsWith('T') || /^-?P$/.test(text)) return undefined;
  const n = (index: number): number => Number(match[index] ?? 0);
  const millis = n(4) * 7 * 86_400_000 + n(5) * 86_400_000 + n(6) * 3_600_000 + n(7) * 60_000 + n(8) * 1000;
  return { sign: match[1] ? -1 : 1, years: n(2), months: n(3), millis };
}

export const isDuration = (text: unknown): text is string =>
  typeof text === 'string' && parseDuration(text) !== undefined;

/** `start` plus (or, with `direction` -1, minus) the duration. Throws on a malformed duration. */
export function addDuration(start: Date, text: string, direction: 1 | -1 = 1): Date {
  const parsed = parseDuration(text);
  if (!parsed) throw new Error(`"${text}" is not an ISO-8601 duration`);
  const sign = parsed.sign * direction;
  const date = new Date(start.getTime());
  const months = Math.trunc(parsed.years * 12 + parsed.months);
  if (months !== 0) date.setUTCMonth(date.getUTCMonth() + sign * months);
  return new Date(date.getTime() + sign * parsed.millis);
}
