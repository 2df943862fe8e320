import { type AccountSituationQuery, accountSituationQuerySchema } from '../../../contracts/customer-record';
import { parseUrlQuery, toUrlChanges } from '../../lib/url-query';
import { setSearchParams } from '../../router/router';

export const DEFAULT_SITUATION_QUERY: AccountSituationQuery = accountSituationQuerySchema.parse({});
export const SITUATION_PAGE_SIZES = [50, 100, 200] as const;

/** The account situation's filter, view and page, read from the URL. */
export function readSituationQuery(params: URLSearchParams): AccountSituationQuery {
  return parseUrlQuery(accountSituationQuerySchema, params);
}

/** Writes changes into the URL; any change but the page itself goes back to page 1. */
export function updateSituationQuery(changes: Partial<AccountSituationQuery>): void {
  const withPage = 'page' in changes ? changes : { ...changes, page: 1 };
  setSearchParams(toUrlChanges(withPage, DEFAULT_SITUATION_QUERY));
}
