import { z } from 'zod';
import { type MailListQuery, mailListQuerySchema } from '../../../contracts/users';
import { parseUrlQuery, toUrlChanges } from '../../lib/url-query';
import { setSearchParams } from '../../router/router';

/** The outbox's filters and the message being read, all in the URL (a link opens that message). */
const outboxQuerySchema = mailListQuerySchema.extend({ message: z.uuid().optional() });
export type OutboxQuery = z.infer<typeof outboxQuerySchema>;
const DEFAULT_QUERY: OutboxQuery = { ...mailListQuerySchema.parse({}), pageSize: 25 };
export const OUTBOX_PAGE_SIZES = [25, 50, 100] as const;

export function readOutboxQuery(params: URLSearchParams): OutboxQuery {
  const parsed = parseUrlQuery(outboxQuerySchema, params);
  return params.has('pageSize') ? parsed : { ...parsed, pageSize: DEFAULT_QUERY.pageSize };
}

/** The list part of the query, as the API takes it. */
export function listQueryOf({ message: _message, ...list }: OutboxQuery): MailListQuery {
  return list;
}

/** Writes changes into the URL; a new filter goes back to page 1. */
export function updateOutboxQuery(changes: Partial<OutboxQuery>): void {
  const withPage = 'status' in changes || 'pageSize' in changes ? { ...changes, page: 1 } : changes;
  setSearchParams(toUrlChanges(withPage, DEFAULT_QUERY));
}
