import { useEffect, useRef } from 'react';
import { io } from 'socket.io-client';
import { api, tokenStore } from './index';
import { reconnectWhenTokenRenewed } from './socketRenewal';
import type { TaskChangedEvent, TaskCreatedEvent } from './flowTypes';
import type { AppChangedEvent, NotificationDto } from './types';

/** A record was written (ids only: pages fetch what their user may see). */
export interface RecordChangedEvent {
  app: string;
  entity: string;
  ids: string[];
  type: 'created' | 'updated' | 'deleted' | 'restored';
}

export interface WorkspaceEventHandlers {
  onAppChanged?: (event: AppChangedEvent) => void;
  onRecordChanged?: (event: RecordChangedEvent) => void;
  /** A notification for the signed-in user (sent to the user's room only). */
  onNotificationCreated?: (notification: NotificationDto) => void;
  /** A task was offered to the signed-in user (user's room only). */
  onTaskCreated?: (event: TaskCreatedEvent) => void;
  /** A task of the signed-in user was decided, transferred, claimed or released. */
  onTaskChanged?: (event: TaskChangedEvent) => void;
}

/**
 * Subscribes to the workspace room for as long as the component is mounted. The server picks the room from the
 * token, so the socket reconnects when the workspace changes; handlers may change on every render.
 */
export function useWorkspaceEvents(workspaceId: string | undefined, handlers: WorkspaceEventHandlers): void {
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    if (!workspaceId) return;
    const socket = io({
      // A function, not a value: a reconnect after a token refresh must send the new token.
      auth: (cb) => cb({ token: tokenStore.get()?.accessToken ?? '' }),
      transports: ['websocket', 'polling'],
    });
    reconnectWhenTokenRenewed(socket, api.me);
    socket.on('app.changed', (event: AppChangedEvent) => handlersRef.current.onAppChanged?.(event));
    socket.on('record.changed', (event: RecordChangedEvent) => handlersRef.current.onRecordChanged?.(event));
    socket.on('notification.created', (notification: NotificationDto) =>
      handlersRef.current.onNotificationCreated?.(notification),
    );
    socket.on('task.created', (event: TaskCreatedEvent) => handlersRef.current.onTaskCreated?.(event));
    socket.on('task.changed', (event: TaskChangedEvent) => handlersRef.current.onTaskChanged?.(event));
    return () => {
      socket.disconnect();
    };
  }, [workspaceId]);
}
