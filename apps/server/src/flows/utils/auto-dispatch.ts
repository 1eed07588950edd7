// Auto-dispatch (自动派单): which member gets a task, from what the record asks for (area, category, skill
// level) and what members offer in their attributes. Pure: the host loads candidates and their loads.

/** What a member offers, read from workspace_member.attributes (docs/architecture.md §Flows on the server). */
export interface DispatchCandidate {
  userId: string;
  attributes: Record<string, unknown>;
  /** Open tasks the member holds now. */
  openTasks: number;
}

/** The values the record asks for; an absent value does not filter. */
export interface DispatchRequest {
  area?: unknown;
  category?: unknown;
  skill?: unknown;
}

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)];

/** Areas a member serves: `areas`, and the project record ids in `projects` (what role scopes use too). */
const areasOf = (attributes: Record<string, unknown>) => [
  ...list(attributes.areas),
  ...list(attributes.projects),
];

function offers(attributes: Record<string, unknown>, request: DispatchRequest): boolean {
  if (attributes.onDuty === false) return false;
  const wanted = (value: unknown) => value !== undefined && value !== null && value !== '';
  if (wanted(request.area) && !areasOf(attributes).includes(String(request.area))) return false;
  if (wanted(request.category) && !list(attributes.skills).includes(String(request.category))) return false;
  if (wanted(request.skill) && !list(attributes.qualifications).includes(String(request.skill))) return false;
  return true;
}

const atCapacity = (candidate: DispatchCandidate) => {
  const limit = Number(candidate.attributes.maxOpenTasks ?? candidate.attributes.maxOpenOrders);
  return Number.isFinite(limit) && limit > 0 && candidate.openTasks >= limit;
};

/** Members who match every requested value, by user id (the order every strategy breaks ties in). */
export function matchingCandidates(
  candidates: DispatchCandidate[],
  request: DispatchRequest,
): DispatchCandidate[] {
  return candidates
    .filter((candidate) => offers(candidate.attributes, request))
    .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

/**
 * `leastLoaded`: the matching member with the fewest open tasks (members at their `maxOpenTasks` only
 * when everyone is); `roundRobin`: the matching member after the one who got this node's previous task.
 */
export function chooseAssignee(
  candidates: DispatchCandidate[],
  request: DispatchRequest,
  strategy: 'leastLoaded' | 'roundRobin',
  previousAssignee?: string,
): string | undefined {
  const matching = matchingCandidates(candidates, request);
  if (matching.length === 0) return undefined;
  if (strategy === 'roundRobin') {
    const next = previousAssignee
      ? matching.find((candidate) => candidate.userId > previousAssignee)
      : undefined;
    return (next ?? matching[0])!.userId;
  }
  const available = matching.filter((candidate) => !atCapacity(candidate));
  const pool = available.length > 0 ? available : matching;
  return pool.reduce((best, candidate) => (candidate.openTasks < best.openTasks ? candidate : best)).userId;
}
