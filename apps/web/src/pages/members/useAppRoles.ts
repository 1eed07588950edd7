import { useCallback, useMemo } from 'react';
import { api } from '../../api';
import type { AppRoleOption } from '../../api/memberTypes';
import { useAsyncData } from '../../hooks/useAsyncData';
import { localize, useLocale } from '../../hooks/useLocale';

export interface RoleChoice {
  key: string;
  label: string;
  /** The apps defining this key (one role key may be defined by several apps). */
  apps: string[];
}

/** The app roles of the workspace, one choice per key, labelled in the UI language. */
export function useAppRoles() {
  const { locale } = useLocale();
  const load = useCallback(() => api.memberAppRoles(), []);
  const { data, error } = useAsyncData<AppRoleOption[]>(load);
  const choices = useMemo(() => {
    const byKey = new Map<string, RoleChoice>();
    for (const role of data ?? []) {
      const existing = byKey.get(role.key);
      const appLabel = localize(role.appLabel, locale);
      if (existing) existing.apps.push(appLabel);
      else byKey.set(role.key, { key: role.key, label: localize(role.label, locale), apps: [appLabel] });
    }
    return [...byKey.values()];
  }, [data, locale]);
  const labelOf = useCallback(
    (key: string) => choices.find((choice) => choice.key === key)?.label ?? key,
    [choices],
  );
  return { choices, labelOf, error, loaded: data !== undefined };
}
