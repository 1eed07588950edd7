import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type CalendarExceptions } from '../utils/business-calendar';

const REFRESH_MS = 60_000;

/**
 * The holidays and swapped workdays of business_calendar_day, read at most once a minute per server (the
 * engine asks for due dates synchronously, so the table is loaded before a step runs). Edit the table to
 * add a year's official schedule; servers pick it up within a minute.
 */
@Injectable()
export class BusinessCalendar {
  private loaded: { at: number; exceptions: CalendarExceptions } | undefined;

  async exceptions(manager: EntityManager): Promise<CalendarExceptions> {
    // Real time, not the (possibly manual) clock: this is a cache lifetime, not business time.
    const now = Date.now();
    if (this.loaded && now - this.loaded.at < REFRESH_MS) return this.loaded.exceptions;
    const rows = (await manager.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, workday FROM business_calendar_day`,
    )) as { day: string; workday: boolean }[];
    const exceptions: CalendarExceptions = {
      holidays: new Set(rows.filter((row) => !row.workday).map((row) => row.day)),
      workdays: new Set(rows.filter((row) => row.workday).map((row) => row.day)),
    };
    this.loaded = { at: now, exceptions };
    return exceptions;
  }
}
