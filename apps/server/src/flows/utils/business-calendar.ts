// Working time for SLAs whose calendar is "business": weekdays 09:00-18:00 in Asia/Shanghai, minus public
// holidays, plus the weekend days declared workdays in exchange (调休) — both listed in the
// business_calendar_day table. China has no daylight saving time, so the zone is a fixed UTC+8.

const ZONE_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const OPENS_MS = 9 * 3_600_000;
const CLOSES_MS = 18 * 3_600_000;
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Exceptions to "Monday to Friday": days off on weekdays and workdays on weekends, as `YYYY-MM-DD`. */
export interface CalendarExceptions {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

/** A business-time span: whole working days first, then working hours. */
interface BusinessSpan {
  days: number;
  millis: number;
}

/** `P2D`, `PT4H`, `P1W` (5 working days) … Years and months are not working-time units and are refused. */
export function parseBusinessDuration(text: string): BusinessSpan {
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T'))
    throw new Error(`"${text}" is not a business-calendar duration (use W, D, H, M, S)`);
  const n = (index: number) => Number(match[index] ?? 0);
  return {
    days: n(1) * 5 + n(2),
    millis: n(3) * 3_600_000 + n(4) * 60_000 + Math.round(n(5) * 1000),
  };
}

const dayKey = (localDay: number) => new Date(localDay * DAY_MS).toISOString().slice(0, 10);

export function isWorkday(localDay: number, calendar: CalendarExceptions): boolean {
  const key = dayKey(localDay);
  if (calendar.workdays.has(key)) return true;
  if (calendar.holidays.has(key)) return false;
  const weekday = new Date(localDay * DAY_MS).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

function nextWorkday(localDay: number, calendar: CalendarExceptions): number {
  let day = localDay + 1;
  // A year without a single workday would be a broken table; stop rather than spin.
  for (let guard = 0; guard < 400 && !isWorkday(day, calendar); guard += 1) day += 1;
  return day;
}

/** `start` plus `durationIso` counted in working time only. */
export function addBusinessTime(start: Date, durationIso: string, calendar: CalendarExceptions): Date {
  const span = parseBusinessDuration(durationIso);
  const local = start.getTime() + ZONE_OFFSET_MS;
  let day = Math.floor(local / DAY_MS);
  let time = local - day * DAY_MS;
  // Outside working hours the clock starts at the next opening.
  if (!isWorkday(day, calendar) || time >= CLOSES_MS) {
    day = nextWorkday(day, calendar);
    time = OPENS_MS;
  } else if (time < OPENS_MS) {
    time = OPENS_MS;
  }
  for (let index = 0; index < span.days; index += 1) day = nextWorkday(day, calendar);
  let remaining = span.millis;
  while (remaining > CLOSES_MS - time) {
    remaining -= CLOSES_MS - time;
    day = nextWorkday(day, calendar);
    time = OPENS_MS;
  }
  return new Date(day * DAY_MS + time + remaining - ZONE_OFFSET_MS);
}
