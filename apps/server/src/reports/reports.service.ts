import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type AppDefinition,
  type DashboardDefinition,
  type Locale,
  type ReportDefinition,
  validateAppDefinition,
} from '@lowcode/app-model';
import {
  type CompileOptions,
  type CompiledReport,
  type PivotTotals,
  type ReportDataset,
  type ReportResult,
  type ResultRow,
  ReportError,
  compileReport,
  compileSharedScan,
  defaultPeriodRange,
  pivotTotalReports,
  sharedScanMembers,
  toEChartsOption,
} from '@lowcode/report-engine';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, type ErrorDetail } from '../common/errors/app-error';
import { Clock } from '../jobs/clock';
import { EntityAccess, type Viewer } from '../records/access/entity-access';
import { WORKSPACE_TIME_ZONE } from '../records/record-writer';
import { sqlParams } from '../records/utils/sql';
import { ReportCache } from './utils/report-cache';
import { REPORT_SESSION } from './utils/report-session';
import { reportDataset } from './utils/report-dataset';
import { withUserNames } from './utils/user-names';
import { ZoneOffsetSpans } from './utils/zone-offset-span';

export interface ReportRequest {
  filters?: Record<string, unknown>;
  drill?: Array<{ field: string; value: string | number | boolean | null }>;
  period?: { from: string; to: string };
  compare?: 'previousPeriod' | 'previousYear';
  timeZone?: string;
  locale: Locale;
  /** The dashboard whose card this run draws: its cards that read the same rows are answered by one scan. */
  dashboard?: string;
}

/** Groups a shared scan may build before its cards are better off with their own queries. */
const MAX_SHARED_GRAIN_GROUPS = 50_000;

/** What a report's queries answer: its rows, and the comparison period's when it has one. */
type ReportRows = Pick<ReportResult, 'rows' | 'previousRows'>;

export interface ReportAnswer extends ReportResult {
  option: Record<string, unknown>;
}

interface LoadedApp {
  id: string;
  revision: number;
  schema: string;
  definition: AppDefinition;
  dataset: ReportDataset;
}

/**
 * Runs app reports for a viewer: the engine compiles, this service decides who may read what. Every entity a
 * report reads needs the read permission, no field it names may be hidden or masked for the viewer, and the
 * viewer's row scope is applied to every table, so no aggregate covers a row the viewer could not list.
 */
@Injectable()
export class ReportsService {
  private readonly apps = new Map<string, LoadedApp>();
  private readonly results = new ReportCache<ReportRows>();
  /** Shared scans' results: each member's rows, by scan and data version. */
  private readonly sharedResults = new ReportCache<{ rows: ResultRow[][]; grainGroups: number }>(
    Date.now,
    (value) => value.rows.reduce((total, rows) => total + rows.length, 0),
  );
  /** Shared scans whose grain came out too fine to be worth it: their members run alone from then on. */
  private readonly tooFine = new Set<string>();
  private readonly zoneOffsets = new ZoneOffsetSpans();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async run(
    viewer: Viewer,
    appKey: string,
    reportKey: string,
    request: ReportRequest,
  ): Promise<ReportAnswer> {
    const app = await this.load(viewer.workspaceId, appKey);
    const report = app.definition.reports.find((candidate) => candidate.key === reportKey);
    if (!report) throw new AppError('REPORT_NOT_FOUND', { app: appKey, key: reportKey });
    return this.execute(viewer, app, report, request);
  }

  /** Runs an unsaved definition (the designer's preview), validated as part of the app first. */
  async preview(viewer: Viewer, appKey: string, input: Record<string, unknown>, request: ReportRequest) {
    const app = await this.load(viewer.workspaceId, appKey);
    const candidate = { ...app.definition, reports: [input], dashboards: [] };
    const validation = validateAppDefinition(candidate, { locale: request.locale });
    if (!validation.ok) {
      const details = validation.errors
        .filter((issue) => issue.path.startsWith('$.reports[0]'))
        .map(({ path, message }) => ({ path: `report${path.slice('$.reports[0]'.length)}`, message }));
      if (details.length) throw new AppError('REPORT_INVALID', {}, details);
    }
    // An unsaved definition is no dashboard's card, whatever its key.
    return this.execute(viewer, app, input as unknown as ReportDefinition, {
      ...request,
      dashboard: undefined,
    });
  }

  async dashboards(viewer: Viewer, appKey: string): Promise<DashboardDefinition[]> {
    const app = await this.load(viewer.workspaceId, appKey);
    return app.definition.dashboards.filter((dashboard) => mayView(viewer, dashboard));
  }

  async dashboard(viewer: Viewer, appKey: string, key: string) {
    const app = await this.load(viewer.workspaceId, appKey);
    const dashboard = app.definition.dashboards.find((candidate) => candidate.key === key);
    if (!dashboard || !mayView(viewer, dashboard))
      throw new AppError('DASHBOARD_NOT_FOUND', { app: appKey, key });
    const reports = new Map(app.definition.reports.map((report) => [report.key, report]));
    return {
      ...dashboard,
      reports: dashboard.items.flatMap((item) => {
        const report = reports.get(item.report);
        return report
          ? [{ key: report.key, label: report.label, entity: report.entity, chart: report.chart }]
          : [];
      }),
    };
  }

  private async execute(viewer: Viewer, app: LoadedApp, report: ReportDefinition, request: ReportRequest) {
    // A report with a default period reads it when the run names none ("completed this month"), as a
    // calendar period of the workspace's zone unless the run names another.
    const defaulted = request.period === undefined && report.defaultPeriod && report.periodField;
    const timeZone = request.timeZone ?? (defaulted ? WORKSPACE_TIME_ZONE : undefined);
    const options: CompileOptions = {
      filters: request.filters as CompileOptions['filters'],
      drill: request.drill,
      period: defaulted
        ? defaultPeriodRange(report.defaultPeriod!, this.clock.now(), timeZone!)
        : request.period,
      compare: request.compare,
      timeZone,
      // A date bucket holding this instant is still in progress; the chart says so (本月至今).
      now: this.clock.now(),
    };
    // Compiled once without scopes to learn what it reads, checked, then compiled with the viewer's scopes.
    const unscoped = asReportError(() => compileReport(report, app.dataset, options));
    const refused = this.refusals(viewer, app, unscoped);
    if (refused.length) throw new AppError('FORBIDDEN', {}, refused);
    const zoneOffsetSpan = await this.zoneOffsets.spanOf(
      (sql, values) => this.dataSource.query(sql, values),
      timeZone ?? 'UTC',
    );
    const zoned = { ...options, zoneOffsetSpan };
    const scope = this.rowScopes(viewer, app, unscoped.entities);
    const compiled = compileReport(report, app.dataset, { ...zoned, scope });
    // Drills and comparisons are one card's own state; the other cards do not run with them.
    const shared =
      request.dashboard !== undefined && !request.drill?.length && !request.compare
        ? await this.sharedRows(viewer, app, request.dashboard, report, zoned)
        : undefined;
    const { rows, previousRows } = shared ?? (await this.query(app, compiled));
    const totals = await this.pivotTotals(viewer, app, report, zoned);
    const result: ReportResult = await withUserNames(this.dataSource.manager, app.definition, report.entity, {
      columns: compiled.columns,
      rows,
      ...(previousRows ? { previousRows } : {}),
      ...(totals ? { totals } : {}),
    });
    const option = asReportError(() => toEChartsOption(report, result, { locale: request.locale }));
    return { ...result, option };
  }

  /**
   * A pivot's totals where they do not add up from its cells (averages, rates): the report grouped by each
   * of its dimensions alone and not at all, with the same filters, period and row scopes — from the cache
   * like any run.
   */
  private async pivotTotals(
    viewer: Viewer,
    app: LoadedApp,
    report: ReportDefinition,
    options: CompileOptions,
  ): Promise<PivotTotals | undefined> {
    const variants = pivotTotalReports(report, (options.drill?.length ?? 0) > 0);
    if (!variants) return undefined;
    const rowsOf = async (variant: ReportDefinition) => {
      // Scoped like the report, by the entities this grouping reads (fewer, without a dimension's joins):
      // a scope's parameters for an entity the SQL does not read would leave PostgreSQL unable to type them.
      const { entities } = asReportError(() => compileReport(variant, app.dataset, options));
      const scope = this.rowScopes(viewer, app, entities);
      return (await this.query(app, compileReport(variant, app.dataset, { ...options, scope }))).rows;
    };
    return {
      rows: await rowsOf(variants.rows),
      ...(variants.columns ? { columns: await rowsOf(variants.columns) } : {}),
      grand: await rowsOf(variants.grand),
    };
  }

  /**
   * Who may read what a report reads: every entity needs the read permission, and no field it names may be
   * hidden or masked for the viewer. Answers the refusals, each naming its place.
   */
  private refusals(viewer: Viewer, app: LoadedApp, compiled: CompiledReport): ErrorDetail[] {
    return compiled.entities.flatMap((entityKey): ErrorDetail[] => {
      const access = this.access(viewer, app, entityKey);
      if (!access.can('read')) return [{ path: 'entity', message: `your role may not read "${entityKey}"` }];
      return compiled.references
        .filter(
          (reference) =>
            reference.entity === entityKey &&
            (access.hidden(reference.field) || access.masked(reference.field)),
        )
        .map((reference) => ({
          path: reference.path,
          message: `your role may not see field "${reference.field}" of "${entityKey}"`,
        }));
    });
  }

  /** The viewer's row scope on every entity read, so no aggregate covers a row the viewer could not list. */
  private rowScopes(viewer: Viewer, app: LoadedApp, entities: readonly string[]): CompileOptions['scope'] {
    const params = sqlParams();
    const byEntity: Record<string, string> = {};
    for (const entityKey of entities) {
      const scope = this.access(viewer, app, entityKey).scopeSql('read', params);
      if (scope) byEntity[entityKey] = scope;
    }
    return { params: params.values, byEntity };
  }

  private access(viewer: Viewer, app: LoadedApp, entityKey: string): EntityAccess {
    const entity = app.definition.entities.find((candidate) => candidate.key === entityKey)!;
    return EntityAccess.of(viewer, app.definition, entity, app.schema);
  }

  /**
   * The card's rows from the scan it shares with the dashboard's other cards that read the same rows (see
   * compileSharedScan), or undefined when it shares with none the viewer may read. The other cards ask for
   * the same scan a moment later and are answered by the same read.
   */
  private async sharedRows(
    viewer: Viewer,
    app: LoadedApp,
    dashboardKey: string,
    report: ReportDefinition,
    options: CompileOptions,
  ): Promise<ReportRows | undefined> {
    const dashboard = app.definition.dashboards.find((candidate) => candidate.key === dashboardKey);
    if (!dashboard || !mayView(viewer, dashboard))
      throw new AppError('DASHBOARD_NOT_FOUND', { app: app.definition.key, key: dashboardKey });
    const byKey = new Map(app.definition.reports.map((candidate) => [candidate.key, candidate]));
    const cards = [...new Set(dashboard.items.map((item) => item.report))].flatMap(
      (key) => byKey.get(key) ?? [],
    );
    // A card another builder has just taken off the dashboard still draws, on its own.
    const index = cards.findIndex((card) => card.key === report.key);
    if (index < 0) return undefined;
    const candidates = sharedScanMembers(cards, index, app.dataset, options) ?? [];
    const entities = new Set<string>();
    const members = candidates.filter((member) => {
      const compiled = compileReport(cards[member]!, app.dataset, options);
      if (this.refusals(viewer, app, compiled).length) return false;
      compiled.entities.forEach((entity) => entities.add(entity));
      return true;
    });
    if (members.length < 2) return undefined;
    const scan = compileSharedScan(
      members.map((member) => cards[member]!),
      app.dataset,
      { ...options, scope: this.rowScopes(viewer, app, [...entities]) },
    );
    const key = ReportCache.keyOf(['shared', app.id, scan.sql, scan.params]);
    if (this.tooFine.has(key)) return undefined;
    const version = await this.dataVersion(app, scan.entities);
    const result = await this.sharedResults.getOrRead(key, version, () =>
      this.inReportSession(async (manager) => {
        const [row]: [Record<string, unknown>] = await manager.query(scan.sql, scan.params);
        return scan.read(row);
      }),
    );
    // A grain nearly as fine as the rows (cards by day × room × category) costs more to regroup than the
    // cards' own queries: this time's answer stands, the next runs alone.
    if (result.grainGroups > MAX_SHARED_GRAIN_GROUPS) {
      if (this.tooFine.size >= 1000) this.tooFine.clear();
      this.tooFine.add(key);
    }
    return { rows: result.rows[members.indexOf(index)]! };
  }

  /** The compiled report's rows, from the cache while the entities it reads have not changed since. */
  private async query(app: LoadedApp, compiled: CompiledReport) {
    const version = await this.dataVersion(app, compiled.entities);
    const key = ReportCache.keyOf([app.id, compiled.sql, compiled.params, compiled.previous ?? null]);
    return this.results.getOrRead(key, version, () =>
      this.inReportSession(async (manager) => {
        const rows: Record<string, unknown>[] = await manager.query(compiled.sql, compiled.params);
        const previousRows: Record<string, unknown>[] | undefined = compiled.previous
          ? await manager.query(compiled.previous.sql, compiled.previous.params)
          : undefined;
        return { rows, ...(previousRows ? { previousRows } : {}) };
      }),
    );
  }

  /**
   * The version of the data a report reads: the app's revision and the newest change of those entities.
   * Read before the query, so the rows then reflect at least this version, never older data; one index probe
   * per entity.
   */
  private async dataVersion(app: LoadedApp, entities: readonly string[]): Promise<string> {
    const [{ change }]: [{ change: string }] = await this.dataSource.query(
      `SELECT coalesce(max(newest), 0)::text AS change
         FROM unnest($2::text[]) AS entity (key),
              LATERAL (SELECT max(id) AS newest FROM record_change WHERE app_id = $1 AND entity_key = entity.key) c`,
      [app.id, entities],
    );
    return `${app.revision}:${change}`;
  }

  private inReportSession<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      // One round trip: the settings carry no parameters, so they go as one simple-protocol string.
      await manager.query(REPORT_SESSION.map((setting) => `SET LOCAL ${setting}`).join('; '));
      return work(manager);
    });
  }

  private async load(workspaceId: string, appKey: string): Promise<LoadedApp> {
    const [row]: Array<{ id: string; revision: number; storage_schema: string | null }> =
      await this.dataSource.query(
        'SELECT id, revision, storage_schema FROM app WHERE workspace_id = $1 AND key = $2',
        [workspaceId, appKey],
      );
    if (!row || !row.storage_schema) throw new AppError('APP_NOT_FOUND', { key: appKey });
    const cacheKey = `${row.id}:${row.revision}`;
    const cached = this.apps.get(cacheKey);
    if (cached) return cached;
    const [{ definition }]: [{ definition: AppDefinition }] = await this.dataSource.query(
      'SELECT definition FROM app WHERE id = $1',
      [row.id],
    );
    const loaded = {
      id: row.id,
      revision: row.revision,
      schema: row.storage_schema,
      definition,
      dataset: reportDataset(definition, row.storage_schema),
    };
    if (this.apps.size > 200) this.apps.clear();
    this.apps.set(cacheKey, loaded);
    return loaded;
  }
}

/** A dashboard without roles is for everyone with access to the app; workspace admins see them all. */
function mayView(viewer: Viewer, dashboard: DashboardDefinition): boolean {
  return (
    viewer.role === 'admin' ||
    !dashboard.roles ||
    dashboard.roles.some((role) => viewer.appRoles.includes(role))
  );
}

/** The engine's typed error becomes the API's 400, naming the place. */
function asReportError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ReportError) {
      const details: ErrorDetail[] = [{ path: error.path, message: error.detail }];
      throw new AppError('REPORT_INVALID', {}, details);
    }
    throw error;
  }
}
