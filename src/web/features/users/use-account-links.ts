import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { type Me, meSchema } from '../../../contracts/auth';
import {
  type AcceptInvitationBody,
  linkPreviewSchema,
  type PasswordResetConfirmBody,
  type PasswordResetRequestBody,
  passwordResetRequestedSchema,
} from '../../../contracts/users';
import { apiRequest, setCsrfToken } from '../../api/client';
import { ME_KEY } from '../../api/query-client';
import { applyLocale, localeForUser } from '../../i18n';

export type LinkPurpose = 'invitation' | 'password-reset';

/**
 * Who an emailed link is for; fails with `token_invalid` / `token_expired` / `token_used`. The
 * page then speaks the user's language (they may still switch), unless someone is signed in here.
 */
export function useLinkPreview(purpose: LinkPurpose, token: string | null) {
  const queryClient = useQueryClient();
  const preview = useQuery({
    queryKey: ['link-preview', purpose, token],
    queryFn: () =>
      apiRequest(`/api/auth/${purpose}/preview`, {
        method: 'POST',
        body: { token },
        schema: linkPreviewSchema,
      }),
    enabled: Boolean(token),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const locale = preview.data?.locale;
  useEffect(() => {
    if (locale && !queryClient.getQueryData<Me | null>(ME_KEY)) applyLocale(locale);
  }, [locale, queryClient]);
  return preview;
}

/** The session opened by a link replaces whatever this browser had: forget it, adopt the new one. */
function useAdoptSession() {
  const queryClient = useQueryClient();
  return (me: Me) => {
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
    setCsrfToken(me.csrfToken);
    applyLocale(localeForUser(me.user.id, me.user.locale));
    queryClient.setQueryData(ME_KEY, me);
  };
}

/** ACC-1: the invitee chooses a password and is signed in. */
export function useAcceptInvitation() {
  const adopt = useAdoptSession();
  return useMutation({
    mutationFn: (body: AcceptInvitationBody) =>
      apiRequest('/api/auth/invitation/accept', { method: 'POST', body, schema: meSchema }),
    onSuccess: adopt,
  });
}

/** ACC-1: asks for a reset link; the answer is the same whether the address is known or not. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (body: PasswordResetRequestBody) =>
      apiRequest('/api/auth/password-reset/request', {
        method: 'POST',
        body,
        schema: passwordResetRequestedSchema,
      }),
  });
}

/** ACC-1: a new password from a reset link; signs in and ends the other sessions. */
export function useConfirmPasswordReset() {
  const adopt = useAdoptSession();
  return useMutation({
    mutationFn: (body: PasswordResetConfirmBody) =>
      apiRequest('/api/auth/password-reset/confirm', { method: 'POST', body, schema: meSchema }),
    onSuccess: adopt,
  });
}
