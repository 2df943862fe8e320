import { z } from 'zod';
import { type SyncListQuery, syncListQuerySchema } from '../../../contracts/imports';
import { parseUrlQuery, toUrlChanges } from '../../lib/url-query';
import { setSearchParams } from '../../router/router';

/** The history page's URL: the API's filters and page, plus the sync whose details are open. */
export const syncPageQuerySchema = syncListQuerySchema.extend({ sync: z.uuid().optional() });
export type SyncPageQuery = z.infer<typeof syncPageQuerySchema>;

export const DEFAULT_SYNC_QUERY: SyncPageQuery = syncPageQuerySchema.parse({});
export const PAGE_SIZES = [25, 50, 100, 200] as const;

/** The history's filters, read from the URL (IMP-9; every filter of every list lives in the URL). */
export function readSyncQuery(params: URLSearchParams): SyncPageQuery {
  return parseUrlQuery(syncPageQuerySchema, params);
}

/** What the API is asked for: the page's query without the open sync. */
export function toListQuery({ sync: _open, ...query }: SyncPageQuery): SyncListQuery {
  return query;
}

/**
 * Writes filter changes into the URL. A filter change goes back to page 1 and closes the open
 * details; opening details or turning a page keeps the rest.
 */
export function updateSyncQuery(changes: Partial<SyncPageQuery>): void {
  const isFilter = !('page' in changes) && !('sync' in changes);
  const withPage = isFilter ? { ...changes, page: 1, sync: undefined } : changes;
  setSearchParams(toUrlChanges(withPage, DEFAULT_SYNC_QUERY));
}

/** Whether the list is narrowed by a filter. */
export function isNarrowed(query: SyncPageQuery): boolean {
  return Boolean(query.companyId || query.status || query.source);
}
