// The reference runner: the same report semantics as the SQL compiler, in plain TypeScript over arrays of
// records. Only tests use it — they compare its answers with the database's on random reports and rows.
import { type DateBucket } from '@lowcode/app-model';
import { fail, own } from '../errors';
import { columnMeta } from '../columns';
import { pivotTotalReports } from '../charts/echarts';
import {
  type FormulaNode,
  type MetricMeasure,
  type PlannedCondition,
  type PlannedMeasure,
  type ReportPlan,
  type ResolvedPath,
  planReport,
  stripRecord,
} from '../plan';
import {
  type ColumnType,
  type CompileOptions,
  type ReportDataset,
  type ReportDefinition,
  type ReportResult,
  type ResultRow,
} from '../types';
import { isDateOnly, isListType, scalarType } from '../values';
import { localDate, startOfLocalDay, truncateDate } from '../calendar';

export interface MemoryRecord {
  id: string;
  deleted?: boolean;
  /** By field key: numbers, booleans, texts, YYYY-MM-DD dates, ISO date-times, id texts, lists. */
  values: Record<string, unknown>;
}
export type RowsByEntity = Record<string, MemoryRecord[]>;

type Scalar = string | number | boolean | null;

export function runReportInMemory(
  report: ReportDefinition,
  rowsByEntity: RowsByEntity,
  options: CompileOptions & { dataset: ReportDataset },
): ReportResult {
  if (options.scope) fail('invalidOption', 'options.scope', 'the in-memory runner cannot apply SQL scopes');
  const plan = planReport(report, options.dataset, options);
  const live = new Map<string, Map<string, MemoryRecord>>();
  for (const entity of Object.keys(options.dataset.entities)) {
    const rows = (own(rowsByEntity, entity) ?? []).filter((row) => !row.deleted);
    live.set(entity, new Map(rows.map((row) => [row.id, row])));
  }
  const run = (conditions: PlannedCondition[]) => runPlan(plan, live, conditions);
  const period = plan.period;
  // A pivot's non-additive totals, as the server runs them: the same report grouped otherwise.
  const totalReports = pivotTotalReports(report, (options.drill?.length ?? 0) > 0);
  const totalRows = (variant: ReportDefinition) => runReportInMemory(variant, rowsByEntity, options).rows;
  return {
    columns: columnMeta(plan),
    rows: run([...plan.conditions, ...(period ? [period.current] : [])]),
    ...(period?.previous ? { previousRows: run([...plan.conditions, period.previous]) } : {}),
    ...(totalReports
      ? {
          totals: {
            rows: totalRows(totalReports.rows),
            ...(totalReports.columns ? { columns: totalRows(totalReports.columns) } : {}),
            grand: totalRows(totalReports.grand),
          },
        }
      : {}),
  };
}

function runPlan(
  plan: ReportPlan,
  live: Map<string, Map<string, MemoryRecord>>,
  conditions: PlannedCondition[],
): ResultRow[] {
  const zone = plan.timeZone;
  const read = (row: MemoryRecord, path: ResolvedPath): unknown => {
    let current: MemoryRecord | undefined = row;
    for (const [index, step] of path.steps.entries()) {
      if (!current) return null;
      const value: unknown = current.values[step.field] ?? null;
      if (index === path.steps.length - 1) return value;
      current = typeof value === 'string' ? live.get(step.meta.relation!)?.get(value) : undefined;
    }
    return null;
  };
  const instant = (value: unknown, type: ColumnType): number | string | null => {
    if (value === null || value === undefined) return null;
    if (scalarType(type) === 'timestamptz')
      return isDateOnly(value) ? startOfLocalDay(value, zone) : Date.parse(String(value));
    return value as number | string;
  };
  const bucketOf = (value: unknown, type: ColumnType, bucket: DateBucket): string | null => {
    if (value === null || value === undefined) return null;
    const day = type === 'timestamptz' ? localDate(Date.parse(String(value)), zone) : String(value);
    return truncateDate(day, bucket);
  };

  const matches = (row: MemoryRecord): boolean =>
    (plan.filter === undefined || plan.filter === null || evaluate(plan.filter, row)) &&
    conditions.every((condition) => meets(condition, row));

  const meets = (condition: PlannedCondition, row: MemoryRecord): boolean => {
    const type = condition.target.type;
    const value = read(row, condition.target);
    switch (condition.kind) {
      case 'equals':
        if (condition.value === null) return value === null;
        if (condition.bucket) return bucketOf(value, type, condition.bucket) === condition.value;
        return equal(value, condition.value, type);
      case 'in':
        return condition.values.some((item) => equal(value, item, type));
      case 'range': {
        const at = instant(value, type);
        if (at === null) return false;
        if (condition.from !== undefined && !(at >= instant(condition.from, type)!)) return false;
        if (condition.to !== undefined) {
          if (type === 'timestamptz' && isDateOnly(condition.to))
            return (at as number) < startOfLocalDay(nextDay(condition.to), zone);
          if (!(at <= instant(condition.to, type)!)) return false;
        }
        return true;
      }
    }
  };

  const equal = (value: unknown, other: unknown, type: ColumnType): boolean => {
    if (value === null || value === undefined) return false;
    if (isListType(type))
      return Array.isArray(value) && value.some((item) => instant(item, type) === instant(other, type));
    return instant(value, type) === instant(other, type);
  };

  const truthy = (value: unknown): boolean =>
    Array.isArray(value)
      ? value.length > 0
      : value !== null && value !== undefined && value !== false && value !== 0 && value !== '';

  const isVar = (node: unknown): node is { var: string } =>
    node !== null &&
    typeof node === 'object' &&
    !Array.isArray(node) &&
    Object.keys(node).length === 1 &&
    'var' in node;

  const evaluate = (node: unknown, row: MemoryRecord): boolean => {
    if (typeof node === 'boolean') return node;
    const [operator, raw] = Object.entries(node as object)[0]!;
    const args: unknown[] = Array.isArray(raw) ? raw : [raw];
    const pathOf = (arg: { var: string }) => plan.resolve(stripRecord(arg.var), 'filter');
    switch (operator) {
      case 'var':
        return truthy(read(row, pathOf(node as { var: string })));
      case 'and':
        return args.every((arg) => evaluate(arg, row));
      case 'or':
        return args.some((arg) => evaluate(arg, row));
      case '!':
      case '!!': {
        const inner = isVar(args[0]) ? truthy(read(row, pathOf(args[0]))) : evaluate(args[0], row);
        return operator === '!' ? !inner : inner;
      }
      case 'in': {
        const [needle, haystack] = args;
        if (isVar(needle)) {
          const path = pathOf(needle);
          return (haystack as unknown[]).some((item) => equal(read(row, path), item, path.type));
        }
        const path = pathOf(haystack as { var: string });
        return equal(read(row, path), needle, path.type);
      }
      default: {
        let [left, right] = args;
        let op = operator;
        if (!isVar(left)) {
          [left, right] = [right, left];
          op = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[op] ?? op;
        }
        const path = pathOf(left as { var: string });
        const value = read(row, path);
        if (right === null) return op === '==' ? value === null : value !== null;
        if (isListType(path.type))
          return op === '==' ? equal(value, right, path.type) : !equal(value, right, path.type);
        const a = instant(value, path.type);
        const b = isVar(right) ? instant(read(row, pathOf(right)), path.type) : instant(right, path.type);
        if (op === '!=') return a === null || b === null ? a !== b : a !== b;
        if (a === null || b === null) return false;
        switch (op) {
          case '==':
            return a === b;
          case '<':
            return a < b;
          case '<=':
            return a <= b;
          case '>':
            return a > b;
          default:
            return a >= b;
        }
      }
    }
  };

  // ---- group
  const base = [...live.get(plan.entity)!.values()].filter(matches);
  const groups = new Map<string, { key: Scalar[]; labels: Scalar[]; rows: MemoryRecord[] }>();
  for (const row of base) {
    const key = plan.dimensions.map((dimension) => {
      const value = read(row, dimension.path);
      return dimension.bucket
        ? bucketOf(value, dimension.path.type, dimension.bucket)
        : output(value, dimension.path.type);
    });
    const labels = plan.dimensions.map((dimension) => {
      if (!dimension.title) return null;
      const id = read(row, dimension.path);
      const target = typeof id === 'string' ? live.get(dimension.title.entity)?.get(id) : undefined;
      return output(target?.values[dimension.title.field] ?? null, dimension.title.meta.type);
    });
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, labels, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  }
  // An aggregate without dimensions answers one row even over no records (as SQL does).
  if (plan.dimensions.length === 0 && groups.size === 0) groups.set('[]', { key: [], labels: [], rows: [] });

  const rows = [...groups.values()].map((group) => {
    const result: ResultRow = {};
    const hidden: ResultRow = {};
    plan.dimensions.forEach((dimension, index) => {
      result[dimension.key] = group.key[index];
      if (dimension.title) result[dimension.title.key] = group.labels[index];
    });
    const byKey = new Map(plan.measures.map((measure) => [measure.key, measure]));
    const compute = (measure: PlannedMeasure): Scalar => {
      switch (measure.kind) {
        case 'aggregate':
          return aggregate(measure.aggregate, measure.path, measure.fraction, group.rows, read);
        case 'metric':
          return metric(measure, group.rows, read);
        case 'formula':
          return formula(measure.formula, (key) => compute(byKey.get(key)!) as number | null);
      }
    };
    for (const measure of plan.measures) (measure.hidden ? hidden : result)[measure.key] = compute(measure);
    return { result, hidden };
  });

  // ---- sort (nulls last, ties by the dimensions), then the limit
  const compare = (a: unknown, b: unknown): number => {
    if (a === b) return 0;
    if (a === null || a === undefined) return 1;
    if (b === null || b === undefined) return -1;
    return (a as number) < (b as number) ? -1 : 1;
  };
  const order = [
    ...plan.sort,
    ...plan.dimensions.map((dimension) => ({ key: dimension.key, descending: false })),
  ];
  rows.sort((x, y) => {
    for (const { key, descending } of order) {
      const a = key in x.result ? x.result[key] : x.hidden[key];
      const b = key in y.result ? y.result[key] : y.hidden[key];
      const byNulls = a === null || b === null ? compare(a, b) : 0;
      const result = byNulls || (descending ? -compare(a, b) : compare(a, b));
      if (result !== 0) return result;
    }
    return 0;
  });
  return rows.slice(0, plan.limit).map((row) => row.result);
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** A stored value as the SQL compiler reads it: ISO date-times in UTC, everything else as is. */
function output(value: unknown, type: ColumnType): Scalar {
  if (value === null || value === undefined) return null;
  if (type === 'timestamptz') return new Date(Date.parse(String(value))).toISOString();
  return value as Scalar;
}

type Reader = (row: MemoryRecord, path: ResolvedPath) => unknown;

function numbers(rows: MemoryRecord[], path: ResolvedPath, read: Reader): number[] {
  return rows
    .map((row) => read(row, path))
    .filter((value) => value !== null && value !== undefined)
    .map((value) => (typeof value === 'boolean' ? (value ? 1 : 0) : Number(value)));
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const average = (values: number[]) => (values.length ? sum(values) / values.length : null);

/** PostgreSQL's percentile_cont: linear interpolation between the two nearest ranks. */
function percentile(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

function aggregate(
  name: string,
  path: ResolvedPath | undefined,
  fraction: number | undefined,
  rows: MemoryRecord[],
  read: Reader,
): Scalar {
  if (name === 'count')
    return path
      ? rows.filter((row) => read(row, path) !== null && read(row, path) !== undefined).length
      : rows.length;
  const values = rows.map((row) => read(row, path!)).filter((value) => value !== null && value !== undefined);
  switch (name) {
    case 'distinctCount':
      return new Set(
        values.map((value) => (path!.type === 'timestamptz' ? Date.parse(String(value)) : value)),
      ).size;
    case 'sum':
      return values.length ? sum(numbers(rows, path!, read)) : null;
    case 'avg':
      return average(numbers(rows, path!, read));
    case 'min':
    case 'max': {
      if (values.length === 0) return null;
      const keyed = values.map((value) => ({
        value,
        rank: path!.type === 'timestamptz' ? Date.parse(String(value)) : (value as number | string),
      }));
      keyed.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
      const pick = name === 'min' ? keyed[0]! : keyed[keyed.length - 1]!;
      return output(pick.value, path!.type);
    }
    default:
      return percentile(numbers(rows, path!, read), fraction!);
  }
}

function metric(measure: MetricMeasure, rows: MemoryRecord[], read: Reader): number | null {
  const share = (hits: number, of: number) => (of === 0 ? null : (100 * hits) / of);
  switch (measure.metric) {
    case 'nps': {
      const scores = numbers(rows, measure.field!, read);
      return share(scores.filter((s) => s >= 9).length - scores.filter((s) => s <= 6).length, scores.length);
    }
    case 'csat': {
      const ratings = numbers(rows, measure.field!, read);
      return share(ratings.filter((r) => r >= measure.threshold).length, ratings.length);
    }
    case 'ces':
      return average(numbers(rows, measure.field!, read));
    case 'mttr': {
      const hours = rows.flatMap((row) => {
        const start = read(row, measure.startField!);
        const end = read(row, measure.field!);
        if (start === null || start === undefined || end === null || end === undefined) return [];
        return [(Date.parse(String(end)) - Date.parse(String(start))) / 3_600_000];
      });
      return average(hours);
    }
    case 'firstTimeFix': {
      if (measure.field) {
        const flags = rows
          .map((row) => read(row, measure.field!))
          .filter((v) => v !== null && v !== undefined);
        return share(flags.filter((flag) => flag === true).length, flags.length);
      }
      const reopens = numbers(rows, measure.reopenField!, read);
      return share(reopens.filter((count) => count === 0).length, reopens.length);
    }
    case 'occupancy':
      return share(
        rows.filter((row) => measure.values!.includes(read(row, measure.field!) as string)).length,
        rows.length,
      );
    case 'collectionRate': {
      const paid = numbers(rows, measure.field!, read);
      const due = numbers(rows, measure.dueField!, read);
      if (paid.length === 0 || due.length === 0 || sum(due) === 0) return null;
      return (100 * sum(paid)) / sum(due);
    }
  }
}

function formula(node: FormulaNode, measure: (key: string) => number | null): number | null {
  switch (node.op) {
    case 'number':
      return node.value;
    case 'measure':
      return measure(node.key);
    default: {
      const values = node.args.map((arg) => formula(arg, measure));
      if (values.some((value) => value === null)) return null;
      const [first, ...rest] = values as number[];
      if (node.op === '-' && rest.length === 0) return -first!;
      if (node.op === '/') return rest[0] === 0 ? null : first! / rest[0]!;
      return rest.reduce(
        (total, value) => (node.op === '+' ? total + value : node.op === '-' ? total - value : total * value),
        first!,
      );
    }
  }
}
