// The demo tenant a visitor signs in as first: `tenant1`, named in the server's start-up banner. Accounts
// are handed out at random while the company is generated, so whoever tenant #1 is may have moved out long
// ago; here the login goes to a resident who has something to show — a lease running today, a bill for the
// current period and a repair still open or filed lately. Only user names change (no record, no draw of the
// generator), so the rest of the company stays exactly as generated.
import { DAY, type DemoContext, isoDate } from './context';
import { type Lease } from './leases';

export const SHOWCASE_TENANT = 'tenant1';
/** A repair filed this many days ago or later is "recent" even when it is closed. */
const RECENT_DAYS = 30;
const DONE = new Set(['closed', 'cancelled']);

/** Gives the user name `tenant1` to a resident with a current lease, a current bill and a recent repair. */
export function assignShowcaseTenant(ctx: DemoContext, leases: Lease[]): void {
  const users = ctx.data._users ?? [];
  const today = isoDate(ctx.today);
  const recent = ctx.today - RECENT_DAYS * DAY;
  // Contracts with a bill whose period holds today.
  const billedNow = new Set(
    (ctx.data.bill ?? [])
      .filter((bill) => String(bill.periodStart) <= today && today <= String(bill.periodEnd))
      .map((bill) => String(bill.contract)),
  );
  // Per requester: 2 for a repair still open, 1 for one filed lately and done.
  const repairs = new Map<string, number>();
  for (const order of ctx.data.workOrder ?? []) {
    if (order.type !== 'repair' || !order.requester) continue;
    const rank = !DONE.has(String(order.status)) ? 2 : Date.parse(String(order.reportedAt)) >= recent ? 1 : 0;
    const requester = String(order.requester);
    repairs.set(requester, Math.max(rank, repairs.get(requester) ?? 0));
  }
  const candidates = leases.filter(
    (lease) =>
      lease.current &&
      lease.tenant.account !== undefined &&
      String(lease.contract.startDate) <= today &&
      today <= String(lease.contract.endDate),
  );
  // A person rather than a company, if one qualifies: the visitor is playing a resident.
  const ranked = [
    ...candidates.filter((lease) => lease.tenant.kind === 'person'),
    ...candidates.filter((lease) => lease.tenant.kind !== 'person'),
  ];
  const billed = ranked.filter((lease) => billedNow.has(lease.contract._key));
  const repairOf = (lease: Lease) => repairs.get(lease.tenant._key) ?? 0;
  const chosen =
    billed.find((lease) => repairOf(lease) === 2) ??
    billed.find((lease) => repairOf(lease) === 1) ??
    billed[0];
  if (!chosen) return;
  const user = users.find((candidate) => candidate._key === chosen.tenant.account);
  if (!user || user.username === SHOWCASE_TENANT) return;
  // Whoever had the name gets the chosen one's, so every name stays unique.
  const holder = users.find((candidate) => candidate.username === SHOWCASE_TENANT);
  if (holder) holder.username = user.username;
  user.username = SHOWCASE_TENANT;
}
