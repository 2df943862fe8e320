import {
  type CUSTOMER_SORTS,
  type CustomerListQuery,
  customerListQuerySchema,
} from '../../../contracts/customers';
import { parseUrlQuery, toUrlChanges } from '../../lib/url-query';
import { setSearchParams } from '../../router/router';

export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
export type SortDirection = CustomerListQuery['direction'];

export const DEFAULT_CUSTOMER_QUERY: CustomerListQuery = customerListQuerySchema.parse({});
export const PAGE_SIZES = [25, 50, 100, 200] as const;

/** The customers list's filters, read from the URL (VIS-4: every filter lives in the URL). */
export function readCustomerQuery(params: URLSearchParams): CustomerListQuery {
  return parseUrlQuery(customerListQuerySchema, params);
}

/**
 * Writes filter changes into the URL. Any change but the page itself goes back to page 1;
 * typing in the search box replaces the history entry instead of adding one per keystroke.
 */
export function updateCustomerQuery(changes: Partial<CustomerListQuery>, { replace = false } = {}): void {
  const withPage = 'page' in changes ? changes : { ...changes, page: 1 };
  setSearchParams(toUrlChanges(withPage, DEFAULT_CUSTOMER_QUERY), { replace });
}

/** Names read A→Z first; amounts read largest first. */
export function defaultDirection(sort: CustomerSort): SortDirection {
  return sort === 'name' || sort === 'account' ? 'asc' : 'desc';
}

/** Whether the list is narrowed by anything but the company. */
export function isNarrowed(query: CustomerListQuery): boolean {
  return Boolean(query.search) || query.filter !== 'all';
}
