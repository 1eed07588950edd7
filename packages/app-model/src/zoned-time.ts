// Wall-clock time in an IANA time zone with Intl only (no Node built-ins, no date library), shared by the
// engines: a workspace's calendar dates (`YYYY-MM-DD`) are read in its zone, and a date without a time means
// its midnight there. Arithmetic goes through UTC so it never meets a DST jump.

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time of `instant` in `timeZone`. */
export function wallTime(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const wallAsUtc = (wall: WallTime): number =>
  Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);

/** The instant a wall-clock time happens in `timeZone`; null when it does not exist (a DST gap). */
export function instantOf(wall: WallTime, timeZone: string): Date | null {
  const target = wallAsUtc(wall);
  let guess = target;
  for (let i = 0; i < 2; i += 1) {
    const offset = wallAsUtc(wallTime(new Date(guess), timeZone)) - guess;
    guess = target - offset;
  }
  return wallAsUtc(wallTime(new Date(guess), timeZone)) === target ? new Date(guess) : null;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

export function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The calendar date of `instant` in `timeZone`. */
export function dateIn(instant: Date, timeZone: string): string {
  const wall = wallTime(instant, timeZone);
  return formatDate(wall.year, wall.month, wall.day);
}
