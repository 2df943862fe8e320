import { z } from 'zod';
import { type ActivityListQuery, activityListQuerySchema } from '../../../contracts/activities';
import { parseUrlQuery, toUrlChanges } from '../../lib/url-query';
import { setSearchParams } from '../../router/router';

/** The Activities page's URL: the API's filters and page, plus the activity whose content is open. */
export const activityPageQuerySchema = activityListQuerySchema.extend({ open: z.uuid().optional() });
export type ActivityPageQuery = z.infer<typeof activityPageQuerySchema>;

export const DEFAULT_ACTIVITY_QUERY: ActivityPageQuery = activityPageQuerySchema.parse({});
export const PAGE_SIZES = [25, 50, 100, 200] as const;

export function readActivityQuery(params: URLSearchParams): ActivityPageQuery {
  return parseUrlQuery(activityPageQuerySchema, params);
}

/** What the API is asked for: the page's query without the open activity. */
export function toListQuery({ open: _open, ...query }: ActivityPageQuery): ActivityListQuery {
  return query;
}

/** Writes changes into the URL; a filter change goes back to page 1 and closes the open content. */
export function updateActivityQuery(changes: Partial<ActivityPageQuery>): void {
  const isFilter = !('page' in changes) && !('open' in changes) && !('pageSize' in changes);
  const withPage = isFilter ? { ...changes, page: 1, open: undefined } : changes;
  setSearchParams(toUrlChanges(withPage, DEFAULT_ACTIVITY_QUERY));
}

export const FILTER_KEYS = ['status', 'channel', 'actor', 'companyId', 'from', 'to', 'search'] as const;

export function isNarrowed(query: ActivityPageQuery): boolean {
  return FILTER_KEYS.some((key) => Boolean(query[key]));
}

export function clearedFilters(): Partial<ActivityPageQuery> {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined]));
}
