import { PERMISSION_ACTIONS, type PermissionAction } from '@lowcode/app-model';

/**
 * What an API key may do, as scope strings: a permission for every app (`records:read`) or for one app
 * (`records:read:propertyLite`), or `admin`. The guard checks the scope a route declares; record access
 * (EntityAccess) checks the record actions the scopes grant on the app at hand, so both layers agree.
 */
export const API_KEY_PERMISSIONS = ['records:read', 'records:write', 'reports:run', 'flows:run'] as const;
export type ApiKeyPermission = (typeof API_KEY_PERMISSIONS)[number];

/** Everything a workspace admin may do except managing API keys; implies every other scope on every app. */
export const ADMIN_SCOPE = 'admin';

/** The shape the DTO checks; that the app exists is checked by the service. */
export const SCOPE_PATTERN =
  /^(?:admin|(?:records:read|records:write|reports:run|flows:run)(?::[a-z][a-zA-Z0-9_]{0,62})?)$/;

export interface ParsedScope {
  permission: ApiKeyPermission | typeof ADMIN_SCOPE;
  /** null: every app of the workspace. */
  app: string | null;
}

export function parseScope(scope: string): ParsedScope | undefined {
  if (!SCOPE_PATTERN.test(scope)) return undefined;
  if (scope === ADMIN_SCOPE) return { permission: ADMIN_SCOPE, app: null };
  const [area, action, app] = scope.split(':');
  return { permission: `${area}:${action}` as ApiKeyPermission, app: app ?? null };
}

/** Sorted, without duplicates, and without per-app scopes an all-apps scope already covers. */
export function normalizeScopes(scopes: readonly string[]): string[] {
  const parsed = [...new Set(scopes)].map((scope) => ({ scope, parsed: parseScope(scope) }));
  if (parsed.some((entry) => entry.parsed?.permission === ADMIN_SCOPE)) return [ADMIN_SCOPE];
  return parsed
    .filter(
      ({ parsed: own }) =>
        !own ||
        own.app === null ||
        !parsed.some((other) => other.parsed?.permission === own.permission && other.parsed.app === null),
    )
    .map((entry) => entry.scope)
    .sort();
}

export const hasAdminScope = (scopes: readonly string[]): boolean => scopes.includes(ADMIN_SCOPE);

/** records:write carries records:read: a key that writes a record reads it back. */
const IMPLIED_BY: Record<ApiKeyPermission, readonly ApiKeyPermission[]> = {
  'records:read': ['records:read', 'records:write'],
  'records:write': ['records:write'],
  'reports:run': ['reports:run'],
  'flows:run': ['flows:run'],
};

/**
 * Whether the scopes grant a permission on an app; with `app` undefined, on at least one app (routes that
 * name no app, such as a task, leave the app to the data layer).
 */
export function scopesAllow(
  scopes: readonly string[],
  permission: ApiKeyPermission,
  app: string | undefined,
): boolean {
  if (hasAdminScope(scopes)) return true;
  return scopes.some((scope) => {
    const parsed = parseScope(scope);
    if (!parsed || parsed.permission === ADMIN_SCOPE) return false;
    if (!IMPLIED_BY[permission].includes(parsed.permission)) return false;
    return app === undefined || parsed.app === null || parsed.app === app;
  });
}

/**
 * The record actions a key's scopes grant on one app's entities. A key acts with its creating admin's
 * rights (no app-role limits) cut down to these; routes check the scope first, so `reports:run` and
 * `flows:run` reading records only serves report aggregates and flow starts.
 */
const ACTIONS: Record<ApiKeyPermission, readonly PermissionAction[]> = {
  'records:read': ['read', 'export'],
  'records:write': PERMISSION_ACTIONS,
  'reports:run': ['read'],
  'flows:run': ['read', 'create'],
};

export function recordActionsOf(scopes: readonly string[], app: string): ReadonlySet<PermissionAction> {
  if (hasAdminScope(scopes)) return new Set(PERMISSION_ACTIONS);
  const granted = new Set<PermissionAction>();
  for (const scope of scopes) {
    const parsed = parseScope(scope);
    if (!parsed || parsed.permission === ADMIN_SCOPE) continue;
    if (parsed.app !== null && parsed.app !== app) continue;
    for (const action of ACTIONS[parsed.permission]) granted.add(action);
  }
  return granted;
}

/** The app keys scopes name, for checking that each exists in the workspace. */
export const appsNamed = (scopes: readonly string[]): string[] =>
  scopes.flatMap((scope) => {
    const app = parseScope(scope)?.app;
    return app ? [app] : [];
  });

/** Which API keys may call a route (set by the `@ApiKeyScope` / `@NoApiKey` decorators). */
export type ApiKeyRouteAccess = { scopes: readonly ApiKeyPermission[]; appParam: string } | 'never';

export type RouteRefusal = { code: 'API_KEY_NOT_ALLOWED' } | { code: 'API_KEY_SCOPE_DENIED'; scope: string };

/**
 * Why a key may not call a route, or undefined when it may. Deny by default: a route that declares no
 * scope is for people and `admin` keys only, so a new endpoint is closed to keys until someone opens it.
 */
export function routeRefusal(
  scopes: readonly string[],
  access: ApiKeyRouteAccess | undefined,
  app: string | undefined,
): RouteRefusal | undefined {
  if (access === 'never') return { code: 'API_KEY_NOT_ALLOWED' };
  if (hasAdminScope(scopes)) return undefined;
  if (!access) return { code: 'API_KEY_SCOPE_DENIED', scope: ADMIN_SCOPE };
  if (access.scopes.some((permission) => scopesAllow(scopes, permission, app))) return undefined;
  const wanted = access.scopes[0] ?? ADMIN_SCOPE;
  return { code: 'API_KEY_SCOPE_DENIED', scope: app ? `${wanted}:${app}` : wanted };
}
