import { type ZoneOffsetSpan } from '@lowcode/report-engine';

/**
 * How far around today the zone's offsets are probed, a day apart (no offset lasts less than a day). Days
 * are 86,400 seconds, never calendar days, so the session's own zone cannot move a sample.
 */
const DAYS_BACK = 36_525;
const DAYS_AHEAD = 10_957;
const DAY_MS = 24 * 3600_000;
/** Zone rules only change with a new tzdata, so a span is read again after a day, or once it has ended. */
const MAX_AGE_MS = DAY_MS;
/** Zones kept; there are some 600 names, so only a flood of spellings could reach it. */
const MAX_ZONES = 1_000;

type Query = (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;

/**
 * The span around today over which a time zone keeps today's UTC offset, as PostgreSQL's own zone data says:
 * the report engine buckets timestamps inside it by that offset instead of the zone's rules. The zone is
 * sampled once a day, so the span ends at the last sample before a change and starts at the first after
 * one; an instant between the sample and the change is left to the rules, never given the wrong offset.
 */
export class ZoneOffsetSpans {
  private readonly spans = new Map<string, { span: ZoneOffsetSpan | undefined; expires: number }>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async spanOf(query: Query, timeZone: string): Promise<ZoneOffsetSpan | undefined> {
    // Zone names are case-blind (asia/SHANGHAI is Asia/Shanghai) in PostgreSQL and in Intl: one entry and
    // one probe per zone, however a caller spells it.
    const zone = canonicalZone(timeZone);
    if (!zone) return undefined;
    const now = this.now().getTime();
    const known = this.spans.get(zone);
    if (known && known.expires > now) return known.span;
    const span = await readSpan(query, zone, new Date(Math.floor(now / DAY_MS) * DAY_MS));
    const until = span ? Date.parse(span.until) : Infinity;
    this.spans.delete(zone);
    this.spans.set(zone, { span, expires: Math.min(now + MAX_AGE_MS, until) });
    if (this.spans.size > MAX_ZONES) this.spans.delete(this.spans.keys().next().value!);
    return span;
  }
}

function canonicalZone(timeZone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

async function readSpan(query: Query, timeZone: string, today: Date): Promise<ZoneOffsetSpan | undefined> {
  let rows: Array<Record<string, unknown>>;
  try {
    rows = await query(
      `WITH probe AS (
         SELECT t, extract(epoch FROM (t AT TIME ZONE $1::text) - (t AT TIME ZONE 'UTC'))::int AS offset_seconds
           FROM generate_series($2::timestamptz - $3::int * interval '86400 seconds',
                                $2::timestamptz + $4::int * interval '86400 seconds',
                                interval '86400 seconds') AS t
       ), today AS (SELECT offset_seconds FROM probe WHERE t = $2::timestamptz)
       SELECT today.offset_seconds,
              (SELECT min(t) FROM probe WHERE t > coalesce(
                (SELECT max(p.t) FROM probe p WHERE p.t < $2::timestamptz AND p.offset_seconds <> today.offset_seconds),
                '-infinity')) AS "from",
              (SELECT max(t) FROM probe WHERE t < coalesce(
                (SELECT min(p.t) FROM probe p WHERE p.t > $2::timestamptz AND p.offset_seconds <> today.offset_seconds),
                'infinity')) AS "until"
         FROM today`,
      [timeZone, today.toISOString(), DAYS_BACK, DAYS_AHEAD],
    );
  } catch {
    // A zone PostgreSQL does not know: the report itself then says so; the rules path needs no span.
    return undefined;
  }
  const [row] = rows;
  if (!row || !(row.from instanceof Date) || !(row.until instanceof Date) || row.until <= row.from)
    return undefined;
  return {
    from: row.from.toISOString(),
    until: row.until.toISOString(),
    offsetSeconds: Number(row.offset_seconds),
  };
}
