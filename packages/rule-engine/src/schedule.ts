// Public scheduling helpers: when scheduled rules run, and which records a date-relative run selects.
import { type RuleTrigger } from '@lowcode/app-model';
import { DEFAULT_RUN_LIMIT, plannedRuns, triggerSpec } from './time/cron';

export type ScheduledTrigger = Extract<RuleTrigger, { type: 'schedule' | 'dateRelative' }>;

/**
 * The instants in (from, to] when a scheduled trigger runs, oldest first, at most `limit`. A `schedule` runs
 * on its cron in its own `timezone` (else `timeZone`); a `dateRelative` runs daily at `at` (default 00:00).
 */
export function nextRuns(
  trigger: ScheduledTrigger,
  from: Date,
  to: Date,
  timeZone: string,
  limit: number = DEFAULT_RUN_LIMIT,
): Date[] {
  const zone = trigger.type === 'schedule' ? (trigger.timezone ?? timeZone) : timeZone;
  return plannedRuns(triggerSpec(trigger), from, to, zone, limit);
}
