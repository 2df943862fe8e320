import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isUnauthorized } from './client';

export const ME_KEY = ['me'] as const;

/** Any 401 outside of `/api/auth/me` means the session ended: ask again who is signed in. */
function onError(error: unknown, queryKey?: readonly unknown[]): void {
  if (!isUnauthorized(error)) return;
  if (queryKey && queryKey[0] === ME_KEY[0]) return;
  void queryClient.invalidateQueries({ queryKey: ME_KEY });
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onError(error, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (error) => onError(error) }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will answer the same again; retry only network trouble and server errors, twice.
      retry: (failureCount, error) =>
        failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});
