// The demo company: three communities, ~1,500 rooms, ~2,000 tenants and owners, a year of bills and
// ~10,000 work orders. Deterministic: the same seed and `now` give the same data.
import { type DemoContext, type DemoData, DAY } from './context';
import { generateInspections, generateMeters, generatePlans } from './assets';
import {
  generateArrearsCare,
  generateLogs,
  generateStock,
  generateVendorEstimates,
  markConsecutiveBadRatings,
} from './follow-up';
import { generateLeases } from './leases';
import { planLiveApplications, planLiveFlows } from './live';
import { generateSuppliers, generateTechnicians } from './people';
import { generatePlaces } from './places';
import { Rng } from './random';
import { generateParts, generatePeriodicSurveys, generateWorkOrders } from './service';
import { generateOrganisation } from './organisation';
import { assignShowcaseTenant } from './showcase';

export interface DemoOptions {
  /** PRNG seed; default 20240601. */
  seed?: number;
  /** The generation day ("today"); default the current time. Only its Beijing calendar day matters. */
  now?: Date;
  /** 1 = the full company; 0.1 gives about a tenth (for quick tests). */
  scale?: number;
}

/** The order the server inserts entities in: every relation points at an earlier entity (or itself). */
export const DEMO_ENTITY_ORDER = [
  'project',
  'building',
  'supplier',
  'tenant',
  'room',
  'lateFeePolicy',
  'contract',
  'bill',
  'payment',
  'feeAdjustment',
  'technician',
  'sparePart',
  'workOrder',
  'stockMovement',
  'vendorEstimate',
  'rating',
  'careTask',
  'communicationLog',
  'meter',
  'meterReading',
  'maintenancePlan',
  'inspection',
  'depositRecord',
  'leaseApplication',
  'leaseNotice',
] as const;

export function generateDemoData(options: DemoOptions = {}): DemoData {
  const now = options.now ?? new Date();
  const beijing = now.getTime() + 8 * 3_600_000;
  const ctx: DemoContext = {
    rng: new Rng(options.seed ?? 20240601),
    feeRng: new Rng(((options.seed ?? 20240601) ^ 0x5bd1e995) >>> 0),
    today: beijing - (beijing % DAY),
    now: beijing,
    scale: Math.max(0.01, options.scale ?? 1),
    data: { _users: [] },
    seq: {},
  };
  const places = generatePlaces(ctx);
  const suppliers = generateSuppliers(ctx);
  const leases = generateLeases(ctx, places);
  const techs = generateTechnicians(ctx, places, suppliers);
  const parts = generateParts(ctx, suppliers);
  const service = generateWorkOrders(ctx, places, leases, techs, parts, suppliers);
  generatePeriodicSurveys(ctx, leases);
  const care = markConsecutiveBadRatings(ctx, places, leases, service);
  generateArrearsCare(ctx, places);
  generateStock(
    ctx,
    service,
    parts.map((p) => p.record),
  );
  generateVendorEstimates(ctx, service);
  generateLogs(ctx, places, care);
  generateMeters(ctx, places);
  generatePlans(ctx, places);
  generateInspections(ctx, places, leases.leases);
  planLiveFlows(ctx);
  planLiveApplications(ctx);
  assignShowcaseTenant(ctx, leases.leases);
  generateOrganisation(ctx);
  const ordered: DemoData = { _users: ctx.data._users ?? [], _departments: ctx.data._departments ?? [] };
  for (const key of DEMO_ENTITY_ORDER) ordered[key] = ctx.data[key] ?? [];
  ordered._flows = ctx.data._flows ?? [];
  return ordered;
}
