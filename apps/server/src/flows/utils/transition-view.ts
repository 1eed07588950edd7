// What one viewer may read of a flow's track. The track keeps what each step was given — a task's form
// values, a decision's comment — and its readers are wider than the task's assignees: the requester, anyone
// who may read the record. Pure, so the rules are tested without a database.

/** How the viewer's roles limit the fields of the flow's entity, and whether they are outside the company. */
export interface TrackViewer {
  hidden(field: string): boolean;
  masked(field: string): boolean;
  /** A member of external roles only (a tenant): internal notes are kept from them. */
  external: boolean;
}

export interface TrackEntry {
  data: Record<string, unknown>;
  comment: string | null;
}

/**
 * A transition as this viewer may read it: the form values a step was given keep only the fields the viewer
 * may see on the record (a technician's labour cost stays hidden from the tenant here too), masked ones
 * masked; an internal note is left out for an external viewer.
 */
export function trackEntryFor(
  entry: TrackEntry,
  viewer: TrackViewer,
  mask: (value: unknown) => unknown,
): TrackEntry {
  let { data, comment } = entry;
  const values = data.data;
  if (values && typeof values === 'object' && !Array.isArray(values)) {
    const shown: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(values as Record<string, unknown>)) {
      if (viewer.hidden(field)) continue;
      shown[field] = viewer.masked(field) ? mask(value) : value;
    }
    data = { ...data, data: shown };
  }
  if (viewer.external && data.commentAudience === 'internal') {
    const { comment: _note, commentAudience: _audience, ...rest } = data;
    data = rest;
    comment = null;
  }
  return { data, comment };
}

/** What the company's own machinery records: routing, joins, automatic actions, timers, reminders, escalations. */
const MACHINERY_ACTIONS = new Set(['join', 'timer', 'remind', 'escalate', 'error']);
/** The nodes a person acts at, or where the flow ends: what a requester follows. */
const PEOPLE_NODES = new Set(['userTask', 'approval', 'end']);

/**
 * Whether a transition is part of the track an external viewer (a tenant) reads: the steps people took and
 * are taking for him (受理 → 派发 → 接单 → 完工 → 回访), not the company's routing (按类型分流), its automatic
 * stamps (标记已派单), its reminders and escalations. `nodeType` tells a node's type by its key.
 */
export function shownOnExternalTrack(
  entry: { action: string; to_node: string | null },
  nodeType: (key: string) => string | undefined,
): boolean {
  if (MACHINERY_ACTIONS.has(entry.action)) return false;
  if (entry.action !== 'enter') return true;
  const type = entry.to_node ? nodeType(entry.to_node) : undefined;
  return type !== undefined && PEOPLE_NODES.has(type);
}
