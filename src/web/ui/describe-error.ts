import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/** A sentence the user can act on for any error the app meets. */
export function describeError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'network_error') return t('errors.network');
    if (error.code === 'invalid_response') return t('errors.invalidResponse');
    if (error.status === 429) return t('errors.tooManyRequests');
    if (error.status === 403) return t('errors.forbidden');
    // Error answers carry a code and an English sentence for the user: say it in the user's
    // language when the code is known, else show the sentence as it is.
    if (!error.code.startsWith('http_') && error.message) {
      return t(`errors.codes.${error.code}`, { defaultValue: error.message });
    }
    if (error.status === 404) return t('errors.notFound');
    if (error.status >= 500) return t('errors.server');
  }
  return t('errors.generic');
}
