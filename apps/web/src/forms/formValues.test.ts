import type { EntityDefinition } from '@lowcode/app-model';
import { describe, expect, it } from 'vitest';
import { initialValues } from './formValues';

const label = { 'zh-CN': '字段' };
const entity = {
  key: 'ticket',
  label,
  fields: [
    { key: 'reportedAt', type: 'datetime', label, defaultValue: '$now' },
    { key: 'day', type: 'date', label, defaultValue: '$now' },
    { key: 'reporter', type: 'user', label, defaultValue: '$me' },
    { key: 'watchers', type: 'user', label, multiple: true, defaultValue: '$me' },
    { key: 'status', type: 'select', label, defaultValue: 'open', options: [{ value: 'open', label }] },
  ],
} as EntityDefinition;

describe('initial values of a new record', () => {
  it('shows dynamic defaults resolved: this moment, today, the signed-in person', () => {
    const now = new Date(2026, 10, 30, 9, 15); // local time
    expect(initialValues(entity, { userId: 'u1', now })).toEqual({
      reportedAt: now.toISOString(),
      day: '2026-11-30',
      reporter: 'u1',
      watchers: ['u1'],
      status: 'open',
    });
  });

  it('leaves $me for the server when nobody is signed in', () => {
    expect(initialValues(entity, { now: new Date() })).not.toHaveProperty('reporter');
  });
});
