// Semantic checks of reports and dashboards.
import { DATE_FIELD_TYPES, NUMERIC_AGGREGATES } from '../constants';
import { type PathPart } from '../issues';
import {
  type Context,
  type Obj,
  checkDuplicateKeys,
  checkExpression,
  entityRef,
  fieldRef,
  items,
  owner,
  str,
  strings,
} from './context';
import { isNumericField } from './entities';

const DATE_TYPES = new Set<string>(DATE_FIELD_TYPES);
const NUMERIC_AGG = new Set<string>(NUMERIC_AGGREGATES);

function checkReport(ctx: Context, report: Obj, path: PathPart[]) {
  const who = owner(['report', str(report.key) ?? path[1]]);
  const entity = entityRef(ctx, report.entity, [...path, 'entity'], who);
  const sortable = new Set<string>();

  for (const [index, dimension] of items(report.dimensions)) {
    const at = [...path, 'dimensions', index];
    const field = fieldRef(ctx, entity, dimension.field, [...at, 'field'], who);
    const fieldKey = str(dimension.field);
    if (fieldKey !== undefined) sortable.add(fieldKey);
    if (field && dimension.bucket !== undefined && !DATE_TYPES.has(String(field.type))) {
      ctx.sink.error([...at, 'bucket'], 'bucketNeedsDate', {
        owner: who,
        field: fieldKey,
        bucket: dimension.bucket,
        fieldType: field.type,
      });
    }
  }

  checkDuplicateKeys(ctx, report.measures, [...path, 'measures'], 'measure', who);
  for (const [index, measure] of items(report.measures)) {
    const at = [...path, 'measures', index];
    const measureWho = [...who, { kind: 'measure' as const, key: str(measure.key) ?? index }];
    const key = str(measure.key);
    if (key !== undefined) sortable.add(key);
    const aggregate = str(measure.aggregate);
    if (measure.field === undefined) {
      if (aggregate !== undefined && aggregate !== 'count') {
        ctx.sink.error(at, 'aggregateNeedsField', { owner: measureWho, aggregate });
      }
      continue;
    }
    const field = fieldRef(ctx, entity, measure.field, [...at, 'field'], measureWho);
    if (field && aggregate !== undefined && NUMERIC_AGG.has(aggregate) && !isNumericField(field)) {
      ctx.sink.error([...at, 'field'], 'aggregateNeedsNumber', {
        owner: measureWho,
        aggregate,
        field: measure.field,
        fieldType: field.type,
      });
    }
  }

  for (const [index, sort] of items(report.sort)) {
    const by = str(sort.by);
    if (by !== undefined && !sortable.has(by)) {
      ctx.sink.error([...path, 'sort', index, 'by'], 'unknownSortKey', { owner: who, by });
    }
  }
  checkExpression(ctx, report.filter, [...path, 'filter'], who, { entity });
}

function checkDashboard(ctx: Context, dashboard: Obj, path: PathPart[]) {
  const who = owner(['dashboard', str(dashboard.key) ?? path[1]]);
  for (const [index, role] of strings(dashboard.roles)) {
    if (ctx.readable.roles && !ctx.roles.has(role))
      ctx.sink.error([...path, 'roles', index], 'unknownRole', { owner: who, role });
  }
  checkDuplicateKeys(ctx, dashboard.items, [...path, 'items'], 'item', who);
  const entities = new Set<string>();
  for (const [index, item] of items(dashboard.items)) {
    const report = str(item.report);
    if (report === undefined) continue;
    const target = ctx.reports.get(report);
    if (!target) {
      if (ctx.readable.reports)
        ctx.sink.error([...path, 'items', index, 'report'], 'unknownReport', {
          owner: [...who, { kind: 'item', key: str(item.key) ?? index }],
          report,
        });
    } else if (typeof target.entity === 'string') entities.add(target.entity);
  }
  checkDuplicateKeys(ctx, dashboard.filters, [...path, 'filters'], 'filter', who);
  for (const [index, filter] of items(dashboard.filters)) {
    const field = str(filter.field);
    if (field === undefined || entities.size === 0 || !ctx.readable.entities) continue;
    // A dashboard filter applies to every item whose report's entity has the field; it must fit at least one.
    const fits = [...entities].some((key) => ctx.entities.get(key)?.fields.has(field));
    if (!fits) {
      ctx.sink.error([...path, 'filters', index, 'field'], 'dashboardFilterField', {
        owner: [...who, { kind: 'filter', key: str(filter.key) ?? index }],
        field,
      });
    }
  }
}

export function checkReports(ctx: Context, app: Obj) {
  checkDuplicateKeys(ctx, app.reports, ['reports'], 'report');
  for (const [index, report] of items(app.reports)) checkReport(ctx, report, ['reports', index]);
  checkDuplicateKeys(ctx, app.dashboards, ['dashboards'], 'dashboard');
  for (const [index, dashboard] of items(app.dashboards))
    checkDashboard(ctx, dashboard, ['dashboards', index]);
}
