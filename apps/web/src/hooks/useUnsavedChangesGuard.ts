import { App as AntApp } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router-dom';

/**
 * Asks before a designer with unsaved changes is left — by a link in the app (a confirm dialog) or by
 * closing or reloading the tab (the browser's own prompt). `release()` lets the navigation that follows a
 * save through: its `dirty` is still true until the next render.
 */
export function useUnsavedChangesGuard(dirty: boolean): { release(): void } {
  const { t } = useTranslation();
  const { modal } = AntApp.useApp();
  const released = useRef(false);
  if (!dirty) released.current = false;
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !released.current && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('unsaved.title'),
      content: t('unsaved.content'),
      okText: t('unsaved.leave'),
      okButtonProps: { danger: true, 'data-testid': 'unsaved-leave' },
      cancelText: t('unsaved.stay'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return { release: () => (released.current = true) };
}
