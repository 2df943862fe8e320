/**
 * Errors the server raises on purpose carry a code; one Fastify handler (`http-errors.ts`) maps
 * each code to a status and a message the user can act on.
 */
export const APP_ERROR_CODES = [
  'not_found',
  'invalid_input',
  'invalid_credentials',
  'unauthenticated',
  'forbidden',
  'csrf_mismatch',
  'conflict',
  'import_rejected',
  'too_large',
  'rate_limited',
  // ACC-1: an emailed link (invitation, password reset) unknown, past its time, or already followed.
  'token_invalid',
  'token_expired',
  'token_used',
  // COL-5: the change would leave the organization without an active admin.
  'last_admin',
  // ACC-1: the right password of a user an admin disabled.
  'account_disabled',
  // DUN-1: another profile has the name; customers still use the profile; the default stays.
  'profile_name_taken',
  'profile_in_use',
  'default_profile',
  // DUN-7: the grouping cannot change once a reminder was sent for the company.
  'grouping_locked',
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The object exists in no organization the caller belongs to: say "not found", never "forbidden". */
export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
