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
  type ReportDataset,
  type ReportResult,
  ReportError,
  compileReport,
  defaultPeriodRange,
  toEChartsOption,
} from '@lowcode/report-engine';
import { DataSource } from 'typeorm';
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
}

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
  private readonly results = new ReportCache<{
    rows: Record<string, unknown>[];
    previousRows?: Record<string, unknown>[];
  }>();
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
    return this.execute(viewer, app, input as unknown as ReportDefinition, request);
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
    };
    // Compiled once without scopes to learn what it reads, checked, then compiled with the viewer's scopes.
    const unscoped = asReportError(() => compileReport(report, app.dataset, options));
    const params = sqlParams();
    const byEntity: Record<string, string> = {};
    for (const entityKey of unscoped.entities) {
      const entity = app.definition.entities.find((candidate) => candidate.key === entityKey)!;
      const access = EntityAccess.of(viewer, app.definition, entity, app.schema);
      if (!access.can('read'))
        throw new AppError('FORBIDDEN', {}, [
          { path: 'entity', message: `your role may not read "${entityKey}"` },
        ]);
      const refused = unscoped.references.filter(
        (reference) =>
          reference.entity === entityKey &&
          (access.hidden(reference.field) || access.masked(reference.field)),
      );
      if (refused.length)
        throw new AppError(
          'FORBIDDEN',
          {},
          refused.map((reference) => ({
            path: reference.path,
            message: `your role may not see field "${reference.field}" of "${entityKey}"`,
          })),
        );
      const scope = access.scopeSql('read', params);
      if (scope) byEntity[entityKey] = scope;
    }
    const zoneOffsetSpan = await this.zoneOffsets.spanOf(
      (sql, values) => this.dataSource.query(sql, values),
      timeZone ?? 'UTC',
    );
    const compiled = compileReport(report, app.dataset, {
      ...options,
      zoneOffsetSpan,
      scope: { params: params.values, byEntity },
    });
    const { rows, previousRows } = await this.query(app, compiled);
    const result: ReportResult = await withUserNames(this.dataSource.manager, app.definition, report.entity, {
      columns: compiled.columns,
      rows,
      ...(previousRows ? { previousRows } : {}),
    });
    const option = asReportError(() => toEChartsOption(report, result, { locale: request.locale }));
    return { ...result, option };
  }

  /** The compiled report's rows, from the cache while the entities it reads have not changed since. */
  private async query(app: LoadedApp, compiled: CompiledReport) {
    // Read before the query: the rows then reflect at least this version, never older data. One index probe
    // per entity the report reads (its own and those its paths join).
    const [{ change }]: [{ change: string }] = await this.dataSource.query(
      `SELECT coalesce(max(newest), 0)::text AS change
         FROM unnest($2::text[]) AS entity (key),
              LATERAL (SELECT max(id) AS newest FROM record_change WHERE app_id = $1 AND entity_key = entity.key) c`,
      [app.id, compiled.entities],
    );
    const version = `${app.revision}:${change}`;
    const key = ReportCache.keyOf([app.id, compiled.sql, compiled.params, compiled.previous ?? null]);
    return this.results.getOrRead(key, version, () =>
      this.dataSource.transaction(async (manager) => {
        for (const setting of REPORT_SESSION) await manager.query(`SET LOCAL ${setting}`);
        const rows: Record<string, unknown>[] = await manager.query(compiled.sql, compiled.params);
        const previousRows: Record<string, unknown>[] | undefined = compiled.previous
          ? await manager.query(compiled.previous.sql, compiled.previous.params)
          : undefined;
        return { rows, ...(previousRows ? { previousRows } : {}) };
      }),
    );
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
