import type { Locale } from '@lowcode/app-model';
import cronstrue from 'cronstrue';
import 'cronstrue/locales/zh_CN';

/**
 * The schedule picker's presets and the 5-field cron they stand for (`m h dom mon dow`, the wall clock of
 * the workspace). Anything the presets cannot say stays a custom cron.
 */
export type SchedulePreset =
  | { kind: 'daily'; time: string }
  | { kind: 'weekdays'; time: string }
  | { kind: 'weekly'; weekday: number; time: string }
  | { kind: 'monthly'; day: number; time: string }
  | { kind: 'hourly'; every: number }
  | { kind: 'custom'; cron: string };

export type SchedulePresetKind = SchedulePreset['kind'];
export const PRESET_KINDS: SchedulePresetKind[] = [
  'daily',
  'weekdays',
  'weekly',
  'monthly',
  'hourly',
  'custom',
];

/** Hours that divide the day evenly, so "every N hours" runs at the same times every day. */
export const HOUR_STEPS = [1, 2, 3, 4, 6, 8, 12];

function splitTime(time: string): [number, number] {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!match) return [9, 0];
  return [Math.min(23, Number(match[1])), Math.min(59, Number(match[2]))];
}

const pad = (n: number) => String(n).padStart(2, '0');

export function presetToCron(preset: SchedulePreset): string {
  if (preset.kind === 'custom') return preset.cron.trim();
  if (preset.kind === 'hourly') return preset.every <= 1 ? '0 * * * *' : `0 */${preset.every} * * *`;
  const [hour, minute] = splitTime(preset.time);
  const at = `${minute} ${hour}`;
  switch (preset.kind) {
    case 'daily':
      return `${at} * * *`;
    case 'weekdays':
      return `${at} * * 1-5`;
    case 'weekly':
      return `${at} * * ${preset.weekday}`;
    case 'monthly':
      return `${at} ${preset.day} * *`;
  }
}

const NUMBER = /^\d{1,2}$/;

/** The preset a cron was made from, or `custom` when it is anything else. */
export function cronToPreset(cron: string): SchedulePreset {
  const parts = cron.trim().split(/\s+/);
  const custom: SchedulePreset = { kind: 'custom', cron: cron.trim() };
  if (parts.length !== 5) return custom;
  const [minute, hour, dom, month, dow] = parts as [string, string, string, string, string];
  if (month !== '*') return custom;
  if (minute === '0' && dom === '*' && dow === '*') {
    if (hour === '*') return { kind: 'hourly', every: 1 };
    const step = /^\*\/(\d{1,2})$/.exec(hour);
    if (step && HOUR_STEPS.includes(Number(step[1]))) return { kind: 'hourly', every: Number(step[1]) };
  }
  if (!NUMBER.test(minute) || !NUMBER.test(hour) || Number(minute) > 59 || Number(hour) > 23) return custom;
  const time = `${pad(Number(hour))}:${pad(Number(minute))}`;
  if (dom === '*' && dow === '*') return { kind: 'daily', time };
  if (dom === '*' && dow === '1-5') return { kind: 'weekdays', time };
  if (dom === '*' && /^[0-7]$/.test(dow)) return { kind: 'weekly', weekday: Number(dow) % 7, time };
  if (dow === '*' && NUMBER.test(dom) && Number(dom) >= 1 && Number(dom) <= 31)
    return { kind: 'monthly', day: Number(dom), time };
  return custom;
}

export function defaultPreset(kind: SchedulePresetKind, previous?: SchedulePreset): SchedulePreset {
  const time = previous && 'time' in previous ? previous.time : '09:00';
  switch (kind) {
    case 'daily':
    case 'weekdays':
      return { kind, time };
    case 'weekly':
      return { kind, weekday: 1, time };
    case 'monthly':
      return { kind, day: 1, time };
    case 'hourly':
      return { kind, every: 4 };
    case 'custom':
      return { kind, cron: previous ? presetToCron(previous) : '0 9 * * *' };
  }
}

export type CronText = { ok: true; text: string } | { ok: false; error: string };

/** The cron in words in the UI language ("在09:00, 星期一至星期五" / "At 09:00, Monday through Friday"). */
export function describeCron(cron: string, locale: Locale): CronText {
  try {
    const text = cronstrue.toString(cron, {
      locale: locale === 'zh-CN' ? 'zh_CN' : 'en',
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true,
      verbose: false,
    });
    return { ok: true, text };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
