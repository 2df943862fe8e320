import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type SyncListQuery, syncDetailSchema, syncListSchema } from '../../../contracts/imports';
import { apiRequest } from '../../api/client';

/** While a sync is running, the list is read again this often to show its outcome. */
const RUNNING_POLL_MS = 2000;

/**
 * `GET /api/syncs`: one page of the organization's syncs (IMP-9). Its key starts with `syncs`, so
 * a finished import (which invalidates `['syncs']`) refreshes it.
 */
export function useSyncList(query: SyncListQuery) {
  return useQuery({
    queryKey: ['syncs', 'list', query],
    queryFn: ({ signal }) => apiRequest('/api/syncs', { query, schema: syncListSchema, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: (q) =>
      q.state.data?.syncs.some((sync) => sync.status === 'running') ? RUNNING_POLL_MS : false,
  });
}

/** `GET /api/syncs/:id`: one sync with its refused lines, fetched when its details are opened. */
export function useSyncDetail(syncId: string | null) {
  return useQuery({
    queryKey: ['syncs', 'detail', syncId],
    enabled: syncId !== null,
    queryFn: ({ signal }) =>
      apiRequest(`/api/syncs/${encodeURIComponent(syncId ?? '')}`, { schema: syncDetailSchema, signal }),
  });
}
