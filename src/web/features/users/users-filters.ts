import { z } from 'zod';
import { USER_STATUSES } from '../../../contracts/users';
import { parseUrlQuery, toUrlChanges } from '../../lib/url-query';
import { setSearchParams } from '../../router/router';

export const USER_FILTERS = ['all', ...USER_STATUSES] as const;
export type UserFilter = (typeof USER_FILTERS)[number];

const usersQuerySchema = z.object({ status: z.enum(USER_FILTERS).default('all') });
type UsersQuery = z.infer<typeof usersQuerySchema>;
const DEFAULT_QUERY: UsersQuery = usersQuerySchema.parse({});

/** The users list's filter, read from the URL (every list keeps its filters there). */
export function readUsersQuery(params: URLSearchParams): UsersQuery {
  return parseUrlQuery(usersQuerySchema, params);
}

export function updateUsersQuery(changes: Partial<UsersQuery>): void {
  setSearchParams(toUrlChanges(changes, DEFAULT_QUERY), { replace: true });
}
