import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type InviteUserBody,
  invitationResultSchema,
  type MailListQuery,
  mailListSchema,
  mailMessageSchema,
  portfolioOptionsSchema,
  type UpdateUserBody,
  userListSchema,
  userResultSchema,
} from '../../../contracts/users';
import { apiRequest } from '../../api/client';

const USERS_KEY = ['users'] as const;
const MAIL_KEY = ['mail-messages'] as const;

/** `GET /api/users` (admins only). */
export function useUsers(isEnabled: boolean) {
  return useQuery({
    queryKey: USERS_KEY,
    queryFn: ({ signal }) => apiRequest('/api/users', { schema: userListSchema, signal }),
    enabled: isEnabled,
  });
}

/** The sales reps and collectors of the organization's customers, to pick a portfolio (COL-5). */
export function usePortfolioOptions(isEnabled: boolean) {
  return useQuery({
    queryKey: ['users', 'portfolio-options'],
    queryFn: ({ signal }) =>
      apiRequest('/api/users/portfolio-options', { schema: portfolioOptionsSchema, signal }),
    enabled: isEnabled,
    staleTime: 5 * 60_000,
  });
}

/** Users changed, and an email may have been written: both lists are out of date. */
function useRefreshUsers() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: USERS_KEY });
    void queryClient.invalidateQueries({ queryKey: MAIL_KEY });
  };
}

export function useInviteUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: (body: InviteUserBody) =>
      apiRequest('/api/users', { method: 'POST', body, schema: invitationResultSchema }),
    onSuccess: refresh,
  });
}

export function useResendInvitation() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: (userId: string) =>
      apiRequest(`/api/users/${userId}/invitation`, { method: 'POST', schema: invitationResultSchema }),
    onSuccess: refresh,
  });
}

export function useUpdateUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: UpdateUserBody }) =>
      apiRequest(`/api/users/${userId}`, { method: 'PATCH', body, schema: userResultSchema }),
    onSuccess: refresh,
  });
}

export function useSetUserDisabled() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: ({ userId, isDisabled }: { userId: string; isDisabled: boolean }) =>
      apiRequest(`/api/users/${userId}/${isDisabled ? 'disable' : 'enable'}`, {
        method: 'POST',
        schema: userResultSchema,
      }),
    onSuccess: refresh,
  });
}

/** `GET /api/mail-messages`: one page of the outbox. */
export function useMailMessages(query: MailListQuery, isEnabled: boolean) {
  return useQuery({
    queryKey: [...MAIL_KEY, query],
    queryFn: ({ signal }) => apiRequest('/api/mail-messages', { query, schema: mailListSchema, signal }),
    placeholderData: keepPreviousData,
    enabled: isEnabled,
  });
}

/** One message with both bodies. */
export function useMailMessage(id: string | undefined) {
  return useQuery({
    queryKey: [...MAIL_KEY, 'one', id],
    queryFn: ({ signal }) => apiRequest(`/api/mail-messages/${id}`, { schema: mailMessageSchema, signal }),
    enabled: Boolean(id),
  });
}
