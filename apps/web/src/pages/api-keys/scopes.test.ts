import { describe, expect, it } from 'vitest';
import { ALL_APPS, parseScope, permissionLabelKey, scopesOf } from './scopes';

describe('API key scopes', () => {
  it('spells rows the way the server reads them', () => {
    expect(
      scopesOf(
        [
          { app: 'property', permissions: ['records:read', 'flows:run'] },
          { app: ALL_APPS, permissions: ['reports:run'] },
          { app: 'property', permissions: ['records:read'] },
        ],
        false,
      ),
    ).toEqual(['records:read:property', 'flows:run:property', 'reports:run']);
    expect(scopesOf([{ app: 'property', permissions: ['records:write'] }], true)).toEqual(['admin']);
    expect(scopesOf([{ app: ALL_APPS, permissions: [] }], false)).toEqual([]);
  });

  it('reads scopes back for display', () => {
    expect(parseScope('records:write:property')).toEqual({ permission: 'records:write', app: 'property' });
    expect(parseScope('reports:run')).toEqual({ permission: 'reports:run', app: ALL_APPS });
    expect(parseScope('admin')).toEqual({ permission: 'admin', app: ALL_APPS });
    expect(parseScope('records:delete')).toBeUndefined();
  });

  it('names label keys without the colon i18next reads as a namespace', () => {
    expect(permissionLabelKey('records:read')).toBe('apiKeys.permissions.recordsRead');
    expect(permissionLabelKey('flows:run')).toBe('apiKeys.permissions.flowsRun');
  });
});
