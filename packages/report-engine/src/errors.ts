/**
 * Why a report cannot be compiled. `path` names the offending place (`measures[1].field`,
 * `filter.and[0]`, `options.filters.status`) so the host can answer 400 with it.
 */
export type ReportErrorCode =
  'unknownEntity' | 'unknownField' | 'invalidDefinition' | 'invalidFilter' | 'invalidValue' | 'invalidOption';

export class ReportError extends Error {
  constructor(
    readonly code: ReportErrorCode,
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = 'ReportError';
  }
}

export const fail = (code: ReportErrorCode, path: string, detail: string): never => {
  throw new ReportError(code, path, detail);
};

/** Own-property lookup: `__proto__`, `constructor` … are never found by accident. */
export function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
