import { describe, expect, it } from 'vitest';
import { buildScope, parseScope, type ScopeModel } from './scopeBuilder';

const technician = { '==': [{ var: 'record.technician' }, { var: 'user.id' }] };
const projects = { in: [{ var: 'record.project' }, { var: 'user.projects' }] };
const butler = { or: [{ '==': [{ var: 'record.butler' }, { var: 'user.id' }] }, projects] };

describe('scope builder', () => {
  it.each([
    ['is the current user', technician],
    ['is in a user attribute', projects],
    ['any of several', butler],
    [
      'all of several',
      { and: [projects, { '==': [{ var: 'record.department' }, { var: 'user.department' }] }] },
    ],
    ['one relation hop', { '==': [{ var: 'record.room.butler' }, { var: 'user.id' }] }],
  ])('round-trips the template shape: %s', (_name, scope) => {
    const model = parseScope(scope);
    expect(model).not.toBeNull();
    expect(buildScope(model!)).toEqual(scope);
  });

  it('reads the conditions of a scope', () => {
    expect(parseScope(butler)).toEqual({
      match: 'any',
      conditions: [
        { kind: 'isUser', field: 'butler' },
        { kind: 'inAttribute', field: 'project', attribute: 'projects' },
      ],
    });
    expect(parseScope(undefined)).toEqual({ match: 'any', conditions: [] });
  });

  it.each([
    ['another operator', { '!=': [{ var: 'record.status' }, 'closed'] }],
    ['a constant', { '==': [{ var: 'record.status' }, 'open'] }],
    ['user.id in a list', { in: [{ var: 'record.x' }, { var: 'user.id' }] }],
    ['nested groups', { or: [{ and: [projects] }] }],
    ['not an object', 'x'],
  ])('leaves %s to the raw editor', (_name, scope) => {
    expect(parseScope(scope)).toBeNull();
  });

  it('builds nothing from no or unfinished conditions', () => {
    const model: ScopeModel = {
      match: 'all',
      conditions: [{ kind: 'inAttribute', field: 'project', attribute: '' }],
    };
    expect(buildScope(model)).toBeUndefined();
    expect(buildScope({ match: 'any', conditions: [] })).toBeUndefined();
  });
});
