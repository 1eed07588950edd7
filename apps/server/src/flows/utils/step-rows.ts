// The rows one flow step adds beside its state: the transitions it recorded and the deciders of the tasks
// people acted on. Pure, so the runner can store them with the state in one statement.
import { type FlowInstanceState, type Transition } from '@lowcode/flow-engine';
import { isUuid } from '../../common/ids';

/** A flow_transition row as `jsonb_to_recordset` reads it (columns: TRANSITION_RECORD). */
export interface TransitionRow {
  seq: number;
  at: string;
  actor_id: string | null;
  from_node: string | null;
  to_node: string | null;
  action: string;
  data: Record<string, unknown>;
  comment: string | null;
}

/** The record type of TransitionRow for `jsonb_to_recordset(…) AS t (…)`. */
export const TRANSITION_RECORD =
  'seq int, at timestamptz, actor_id uuid, from_node text, to_node text, action text, data jsonb, comment text';

/** Transitions as rows: timers and triggers act as no user (actor_id null); a decision's comment is kept apart. */
export function transitionRows(entries: Transition[]): TransitionRow[] {
  return entries.map((entry) => ({
    seq: entry.seq,
    at: entry.at,
    actor_id: isUuid(entry.actor) ? entry.actor : null,
    from_node: entry.fromNode ?? null,
    to_node: entry.toNode ?? null,
    action: entry.action,
    data: entry.data ?? {},
    comment: typeof entry.data?.comment === 'string' ? entry.data.comment : null,
  }));
}

/**
 * Tasks whose deciders changed in a step, with everyone who has decided now (user ids only): a countersign
 * leaves the inbox of who has acted while it stays open for the others, and a done task is in its deciders'.
 */
export function decisionRows(
  before: FlowInstanceState,
  after: FlowInstanceState,
): { id: string; deciders: string[] }[] {
  const previous = new Map(
    before.tasks.map((task) => [task.id, Object.keys(task.decisions).sort().join(',')]),
  );
  const rows: { id: string; deciders: string[] }[] = [];
  for (const task of after.tasks) {
    const deciders = Object.keys(task.decisions).sort();
    if (deciders.length === 0 || previous.get(task.id) === deciders.join(',')) continue;
    rows.push({ id: task.id, deciders: deciders.filter(isUuid) });
  }
  return rows;
}
