/** How pressing a task's due time is: overdue, due within the urgent window (default 2 h), or not. */
export type Urgency = 'overdue' | 'urgent' | 'normal' | 'none';

export const URGENT_WINDOW_MS = 2 * 60 * 60 * 1000;

export function urgencyOf(dueAt: string | null | undefined, now: number, window = URGENT_WINDOW_MS): Urgency {
  if (!dueAt) return 'none';
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return 'none';
  if (due <= now) return 'overdue';
  return due - now <= window ? 'urgent' : 'normal';
}

/** "3 小时" / "2 天" style distance between two instants, in the largest whole unit (minutes at least). */
export function durationParts(ms: number): { value: number; unit: 'minute' | 'hour' | 'day' } {
  const minutes = Math.max(1, Math.floor(Math.abs(ms) / 60_000));
  if (minutes < 60) return { value: minutes, unit: 'minute' };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { value: hours, unit: 'hour' };
  return { value: Math.floor(hours / 24), unit: 'day' };
}
