// The issue shape shared by the structural and semantic checks. Checks record a code and params only;
// messages are rendered once at the end (messages.ts) in the locale the caller asked for.

export interface AppModelIssue {
  /** JSON path such as `$.entities[2].fields[0].type`. */
  path: string;
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

/** Names an owner of a problem, e.g. `[{ kind: 'flow', key: 'repair' }, { kind: 'node', key: 'dispatch' }]`. */
export interface OwnerPart {
  kind: OwnerKind;
  key: string | number;
}
export type Owner = OwnerPart[];

export type OwnerKind =
  | 'entity'
  | 'field'
  | 'validation'
  | 'document'
  | 'option'
  | 'flow'
  | 'node'
  | 'edge'
  | 'rule'
  | 'action'
  | 'report'
  | 'measure'
  | 'dimension'
  | 'dashboard'
  | 'item'
  | 'filter'
  | 'role'
  | 'permission'
  | 'attribute'
  | 'seed'
  | 'record';

export interface RawIssue {
  path: string;
  code: string;
  params?: Record<string, unknown>;
}

export type PathPart = string | number;

/** Renders path parts as `$.a[0].b`; keys that are not identifiers are quoted as `['odd key']`. */
export function formatPath(parts: readonly PathPart[]): string {
  let out = '$';
  for (const part of parts) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(part).replace(/^"|"$/g, "'")}]`;
  }
  return out;
}

/** Collects issues for one validation run; errors and warnings are kept apart. */
export class IssueSink {
  readonly errors: RawIssue[] = [];
  readonly warnings: RawIssue[] = [];

  error(path: readonly PathPart[], code: string, params?: Record<string, unknown>): void {
    this.errors.push(params ? { path: formatPath(path), code, params } : { path: formatPath(path), code });
  }

  warn(path: readonly PathPart[], code: string, params?: Record<string, unknown>): void {
    this.warnings.push(params ? { path: formatPath(path), code, params } : { path: formatPath(path), code });
  }
}
