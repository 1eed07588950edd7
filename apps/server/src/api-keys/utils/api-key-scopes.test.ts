import {
  normalizeScopes,
  parseScope,
  recordActionsOf,
  routeRefusal,
  scopesAllow,
  SCOPE_PATTERN,
} from './api-key-scopes';

describe('API key scopes', () => {
  it.each([
    ['admin', true],
    ['records:read', true],
    ['records:write:propertyLite', true],
    ['reports:run:a_1', true],
    ['flows:run', true],
    ['records:delete', false],
    ['admin:propertyLite', false],
    ['records:read:', false],
    ['records:read:Upper', false],
    ['records:read:a:b', false],
    ['', false],
  ])('%j is a scope: %s', (scope, valid) => {
    expect(SCOPE_PATTERN.test(scope)).toBe(valid);
    expect(parseScope(scope) !== undefined).toBe(valid);
  });

  it('normalizes: sorted, deduplicated, per-app scopes covered by all-app ones dropped, admin alone', () => {
    expect(normalizeScopes(['reports:run:b', 'records:read:a', 'records:read', 'reports:run:b'])).toEqual([
      'records:read',
      'reports:run:b',
    ]);
    expect(normalizeScopes(['records:read:a', 'admin'])).toEqual(['admin']);
  });

  it('grants a permission on the app it names, on every app without one; write carries read', () => {
    const scopes = ['records:write:a', 'reports:run'];
    expect(scopesAllow(scopes, 'records:read', 'a')).toBe(true);
    expect(scopesAllow(scopes, 'records:write', 'a')).toBe(true);
    expect(scopesAllow(scopes, 'records:read', 'b')).toBe(false);
    expect(scopesAllow(scopes, 'reports:run', 'b')).toBe(true);
    expect(scopesAllow(scopes, 'flows:run', 'a')).toBe(false);
    expect(scopesAllow(['records:read:a'], 'records:write', 'a')).toBe(false);
    // A route naming no app needs the permission on some app; the data layer checks the app itself.
    expect(scopesAllow(['flows:run:a'], 'flows:run', undefined)).toBe(true);
    expect(scopesAllow(['admin'], 'flows:run', 'z')).toBe(true);
  });

  it('maps scopes to the record actions record access allows on one app', () => {
    expect([...recordActionsOf(['records:read:a'], 'a')].sort()).toEqual(['export', 'read']);
    expect([...recordActionsOf(['records:read:a'], 'b')]).toEqual([]);
    expect([...recordActionsOf(['flows:run'], 'b')].sort()).toEqual(['create', 'read']);
    expect(recordActionsOf(['records:write:a'], 'a').size).toBe(6);
    expect(recordActionsOf(['admin'], 'x').size).toBe(6);
  });

  it('refuses routes by default, and key management always', () => {
    const route = { scopes: ['records:read'] as const, appParam: 'app' };
    expect(routeRefusal(['records:read:a'], route, 'a')).toBeUndefined();
    expect(routeRefusal(['records:read:a'], route, 'b')).toEqual({
      code: 'API_KEY_SCOPE_DENIED',
      scope: 'records:read:b',
    });
    expect(routeRefusal(['records:write'], undefined, undefined)).toEqual({
      code: 'API_KEY_SCOPE_DENIED',
      scope: 'admin',
    });
    expect(routeRefusal(['admin'], undefined, undefined)).toBeUndefined();
    expect(routeRefusal(['admin'], 'never', undefined)).toEqual({ code: 'API_KEY_NOT_ALLOWED' });
  });
});
