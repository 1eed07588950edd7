import { useCallback, useMemo } from 'react';
import { api } from '../../api';
import type { DeclaredAttribute } from '../../api/memberTypes';
import { useAsyncData } from '../../hooks/useAsyncData';
import { declarationsByKey } from './attributes';

/** The member attributes the workspace's apps declare, one per key, in the apps' order. */
export function useDeclaredAttributes() {
  const load = useCallback(() => api.memberAttributes(), []);
  const { data, error } = useAsyncData<DeclaredAttribute[]>(load);
  const declared = useMemo(() => declarationsByKey(data ?? []), [data]);
  return { declared, error, loaded: data !== undefined || error !== undefined };
}
