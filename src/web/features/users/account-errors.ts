import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { describeError } from '../../ui/describe-error';

/** Error codes of users and emailed links that this feature explains in its own words. */
const ACCOUNT_CODES = new Set([
  'token_invalid',
  'token_expired',
  'token_used',
  'last_admin',
  'account_disabled',
  'conflict',
]);

/** The code of an API error, or null. */
export function errorCode(error: unknown): string | null {
  return error instanceof ApiError ? error.code : null;
}

/** A sentence for an error met on the users, outbox and link pages. */
export function describeAccountError(t: TFunction, error: unknown): string {
  const code = errorCode(error);
  if (code && ACCOUNT_CODES.has(code)) return t(`account.errors.${code}`);
  return describeError(t, error);
}
