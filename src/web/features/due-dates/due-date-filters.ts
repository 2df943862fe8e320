import {
  type DUE_DATE_SORTS,
  type DueDateFilter,
  type DueDateListQuery,
  dueDateListQuerySchema,
} from '../../../contracts/due-dates';
import { apiUrl } from '../../api/client';
import { parseUrlQuery, toUrlChanges } from '../../lib/url-query';
import { setSearchParams } from '../../router/router';

export type DueDateSort = (typeof DUE_DATE_SORTS)[number];
export type SortDirection = DueDateListQuery['direction'];

export const DEFAULT_DUE_DATE_QUERY: DueDateListQuery = dueDateListQuerySchema.parse({});
export const PAGE_SIZES = [25, 50, 100, 200] as const;

/** The due-date list's filters, read from the URL (every filter lives in the URL). */
export function readDueDateQuery(params: URLSearchParams): DueDateListQuery {
  return parseUrlQuery(dueDateListQuerySchema, params);
}

/**
 * Writes filter changes into the URL. Any change but the page itself goes back to page 1; typing
 * (search, amount) replaces the history entry instead of adding one per keystroke.
 */
export function updateDueDateQuery(changes: Partial<DueDateListQuery>, { replace = false } = {}): void {
  const withPage = 'page' in changes ? changes : { ...changes, page: 1 };
  setSearchParams(toUrlChanges(withPage, DEFAULT_DUE_DATE_QUERY), { replace });
}

/** Dates and customers read oldest / A→Z first; lateness and amounts largest first. */
export function defaultDirection(sort: DueDateSort): SortDirection {
  return sort === 'dueDate' || sort === 'customer' ? 'asc' : 'desc';
}

/** Filters that narrow the list, the company aside: what "clear filters" resets. */
export const CLEARED_FILTERS: Partial<DueDateListQuery> = {
  status: 'all',
  side: 'all',
  dueFrom: undefined,
  dueTo: undefined,
  daysLateMin: undefined,
  daysLateMax: undefined,
  search: undefined,
  minAmount: undefined,
};

/** Whether the list is narrowed by anything but the company. */
export function isNarrowed(query: DueDateListQuery): boolean {
  return Object.keys(CLEARED_FILTERS).some((key) => {
    const value = query[key as keyof DueDateListQuery];
    return value !== undefined && value !== 'all' && value !== '';
  });
}

/** How many of the filters kept behind "More filters" are set. */
export function countMoreFilters(query: DueDateListQuery): number {
  return [
    query.side !== 'all',
    query.dueFrom !== undefined || query.dueTo !== undefined,
    query.daysLateMin !== undefined || query.daysLateMax !== undefined,
    query.minAmount !== undefined,
  ].filter(Boolean).length;
}

export interface DaysLateRange {
  /** `min-max` (max empty for the last range), the value of the select. */
  value: string;
  min: number;
  max: number | undefined;
}

/**
 * Days-late ranges from the organization's aging bounds (VIS-2): [30, 60, 90] gives 1–30, 31–60,
 * 61–90 and over 90. They filter on the days late shown (VIS-1).
 */
export function daysLateRanges(bounds: readonly number[]): DaysLateRange[] {
  const ranges: DaysLateRange[] = [];
  let min = 1;
  for (const bound of bounds) {
    ranges.push({ value: `${min}-${bound}`, min, max: bound });
    min = bound + 1;
  }
  ranges.push({ value: `${min}-`, min, max: undefined });
  return ranges;
}

/** The value of the range select for the query: a preset, `custom`, or '' for none. */
export function daysLateRangeValue(query: DueDateFilter, ranges: readonly DaysLateRange[]): string {
  if (query.daysLateMin === undefined && query.daysLateMax === undefined) return '';
  const found = ranges.find((r) => r.min === query.daysLateMin && r.max === query.daysLateMax);
  return found ? found.value : 'custom';
}

/** The export's address: the list's filters and order, without the page. */
export function exportUrl(query: DueDateListQuery, format: 'csv' | 'xlsx'): string {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  return apiUrl('/api/due-dates/export', { ...filters, format });
}
