/** What a key may do, as the server spells it: `admin`, or a permission for every app or `:<appKey>`. */
export const KEY_PERMISSIONS = ['records:read', 'records:write', 'reports:run', 'flows:run'] as const;
export type KeyPermission = (typeof KEY_PERMISSIONS)[number];

export const ALL_APPS = '*';

/** The i18n key of a permission's label (`apiKeys.permissions.<key>`): i18next reads `:` as a namespace. */
export const permissionLabelKey = (permission: KeyPermission): string =>
  `apiKeys.permissions.${permission.replace(/:(\w)/, (_, letter: string) => letter.toUpperCase())}`;

/** One row of the form: an app (or every app) and the permissions on it. */
export interface ScopeRow {
  app: string;
  permissions: KeyPermission[];
}

/** The rows as scope strings, without duplicates; `admin` alone when it is chosen. */
export function scopesOf(rows: ScopeRow[], admin: boolean): string[] {
  if (admin) return ['admin'];
  const scopes = rows.flatMap((row) =>
    row.permissions.map((permission) => (row.app === ALL_APPS ? permission : `${permission}:${row.app}`)),
  );
  return [...new Set(scopes)];
}

/** A scope string read back for display; undefined for one this page does not know. */
export function parseScope(scope: string): { permission: KeyPermission | 'admin'; app: string } | undefined {
  if (scope === 'admin') return { permission: 'admin', app: ALL_APPS };
  const [area, action, app, ...rest] = scope.split(':');
  const permission = `${area}:${action}`;
  if (rest.length || !(KEY_PERMISSIONS as readonly string[]).includes(permission)) return undefined;
  return { permission: permission as KeyPermission, app: app || ALL_APPS };
}
