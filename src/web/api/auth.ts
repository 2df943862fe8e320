import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { type Locale, type Me, meSchema, type SignInBody } from '../../contracts/auth';
import { applyLocale, chooseLocale, localeForUser } from '../i18n';
import { apiRequest, isUnauthorized, setCsrfToken } from './client';
import { ME_KEY } from './query-client';

/** Adopts a signed-in session: CSRF token for later writes, and the user's language. */
function adoptSession(me: Me): Me {
  setCsrfToken(me.csrfToken);
  applyLocale(localeForUser(me.user.id, me.user.locale));
  return me;
}

/** Who is signed in, or `null` when nobody is (the API answers 401). */
async function fetchMe(): Promise<Me | null> {
  try {
    return adoptSession(await apiRequest('/api/auth/me', { schema: meSchema }));
  } catch (error) {
    if (isUnauthorized(error)) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** The signed-in user; only for pages rendered inside the authenticated shell. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside of the signed-in shell');
  return data;
}

/**
 * Drops every cached answer of the previous session. The session query itself stays (and is then
 * overwritten): removing it would detach the components that observe it.
 */
function forgetEverythingButTheSession(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignInBody) =>
      apiRequest('/api/auth/sign-in', { method: 'POST', body, schema: meSchema }),
    onSuccess: (me) => {
      forgetEverythingButTheSession(queryClient);
      queryClient.setQueryData(ME_KEY, adoptSession(me));
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest('/api/auth/sign-out', { method: 'POST' }),
    // Forget the session locally even if the server could not be reached.
    onSettled: () => {
      setCsrfToken(null);
      forgetEverythingButTheSession(queryClient);
      queryClient.setQueryData(ME_KEY, null);
    },
  });
}

const healthSchema = z.object({ demo: z.boolean().optional() });

/** `GET /api/health`; only its optional `demo` flag matters to the web app. */
export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: async () => {
      try {
        return await apiRequest('/api/health', { schema: healthSchema });
      } catch {
        return { demo: false };
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** ACC-4: the language is kept in the user's profile, so it follows them to another browser. */
export function useChooseLocale() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (locale: Locale) =>
      apiRequest('/api/auth/me', { method: 'PATCH', body: { locale }, schema: meSchema }),
    onMutate: (locale: Locale) => {
      const me = queryClient.getQueryData<Me | null>(ME_KEY);
      chooseLocale(locale, me?.user.id);
    },
    onSuccess: (me) => queryClient.setQueryData(ME_KEY, me),
  });
}
