import { useCallback } from 'react';
import { api } from '../api';
import type { DepartmentDto } from '../api/memberTypes';
import { useAsyncData } from './useAsyncData';

/** The workspace's departments, as every member may read them (for pickers; names by key). */
export function useDepartments(): { departments: DepartmentDto[] | undefined; loading: boolean } {
  const load = useCallback(() => api.listDepartments(), []);
  const { data, loading } = useAsyncData(load);
  return { departments: data, loading };
}
