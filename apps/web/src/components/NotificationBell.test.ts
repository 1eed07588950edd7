import { describe, expect, it } from 'vitest';
import type { NotificationDto } from '../api/types';
import { notificationPath } from './NotificationBell';

const notification = (link: NotificationDto['link']) => ({ link }) as NotificationDto;
const apps = new Map([['contract', 'property']]);

describe('notificationPath', () => {
  it('opens a task on its page', () => {
    expect(notificationPath(notification({ kind: 'task', id: 't-1' }), apps)).toBe('/tasks/t-1');
  });

  it('opens a record in its list, by the app the link names or the app that has the entity', () => {
    expect(
      notificationPath(notification({ kind: 'record', app: 'crm', entity: 'lead', id: 'r-1' }), apps),
    ).toBe('/apps/crm/e/lead?record=r-1');
    expect(notificationPath(notification({ kind: 'record', entity: 'contract', id: 'r-2' }), apps)).toBe(
      '/apps/property/e/contract?record=r-2',
    );
  });

  it('leads nowhere for what has no page', () => {
    expect(notificationPath(notification({ kind: 'flowInstance', id: 'i-1' }), apps)).toBeUndefined();
    expect(notificationPath(notification(null), apps)).toBeUndefined();
  });
});
