import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  customerRemindersSchema,
  type DunningSettings,
  dunningSettingsSchema,
  type ProfileBody,
  previewSchema,
  profileSchema,
  profilesSchema,
  sendResultSchema,
  todoSchema,
} from '../../../contracts/dunning';
import { ApiError, apiRequest } from '../../api/client';

const TODO_KEY = ['dunning-todo'] as const;
const PROFILES_KEY = ['dunning-profiles'] as const;
const SETTINGS_KEY = ['dunning-settings'] as const;

/** A 4xx answers the same when asked again: no retry for it. */
function retryServerErrors(count: number, error: unknown): boolean {
  return count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500);
}

/** `GET /api/dunning/todo`: the reminders due today for a company, by scenario (DUN-9). */
export function useTodo(companyId: string) {
  return useQuery({
    queryKey: [...TODO_KEY, companyId],
    queryFn: ({ signal }) =>
      apiRequest('/api/dunning/todo', { query: { companyId }, schema: todoSchema, signal }),
    // What is due changes when someone sends: always ask again on a visit.
    staleTime: 0,
  });
}

/** `GET /api/dunning/preview`: what one line of the to-do would send. */
export function usePreview(companyId: string, key: string | null) {
  return useQuery({
    queryKey: ['dunning-preview', companyId, key],
    queryFn: ({ signal }) =>
      apiRequest('/api/dunning/preview', {
        query: { companyId, key: key ?? '' },
        schema: previewSchema,
        signal,
      }),
    enabled: key !== null && companyId !== '',
    retry: retryServerErrors,
  });
}

/** `POST /api/dunning/send`: sends the chosen lines once each (DUN-13), then reads the to-do again. */
export function useSendReminders() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { companyId: string; keys: string[] }) =>
      apiRequest('/api/dunning/send', { method: 'POST', body, schema: sendResultSchema }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: TODO_KEY });
      void queryClient.invalidateQueries({ queryKey: ['customer-reminders'] });
      void queryClient.invalidateQueries({ queryKey: ['mail-messages'] });
    },
  });
}

/** The download address of a batch of letters to print. */
export function letterBatchUrl(id: string): string {
  return `/api/dunning/letter-batches/${encodeURIComponent(id)}`;
}

/** `GET /api/customers/:id/reminders`: the customer's reminders, newest first (DUN-14). */
export function useCustomerReminders(customerId: string) {
  return useQuery({
    queryKey: ['customer-reminders', customerId],
    queryFn: ({ signal }) =>
      apiRequest(`/api/customers/${encodeURIComponent(customerId)}/reminders`, {
        schema: customerRemindersSchema,
        signal,
      }),
    enabled: customerId !== '',
    retry: retryServerErrors,
    select: (data) => data.items,
  });
}

/** `GET /api/dunning/profiles`: the profiles with their scenario (DUN-1, DUN-2). */
export function useProfiles() {
  return useQuery({
    queryKey: PROFILES_KEY,
    queryFn: ({ signal }) => apiRequest('/api/dunning/profiles', { schema: profilesSchema, signal }),
    select: (data) => data.items,
  });
}

/** `POST /api/dunning/profiles` (admins). */
export function useCreateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileBody) =>
      apiRequest('/api/dunning/profiles', { method: 'POST', body, schema: profileSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PROFILES_KEY }),
  });
}

/** `PUT /api/dunning/profiles/:id` (admins): name, scenario and default flag at once. */
export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ProfileBody }) =>
      apiRequest(`/api/dunning/profiles/${encodeURIComponent(id)}`, {
        method: 'PUT',
        body,
        schema: profileSchema,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: PROFILES_KEY });
      void queryClient.invalidateQueries({ queryKey: TODO_KEY });
    },
  });
}

/** `DELETE /api/dunning/profiles/:id` (admins); `moveTo` takes its customers elsewhere (DUN-1). */
export function useDeleteProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, moveTo }: { id: string; moveTo: string | null }) =>
      apiRequest(`/api/dunning/profiles/${encodeURIComponent(id)}`, {
        method: 'DELETE',
        query: { moveTo },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: PROFILES_KEY });
      void queryClient.invalidateQueries({ queryKey: TODO_KEY });
    },
  });
}

/** `GET /api/dunning/settings`: a company's dunning options (DUN-7, DUN-8, DUN-12). */
export function useDunningSettings(companyId: string) {
  return useQuery({
    queryKey: [...SETTINGS_KEY, companyId],
    queryFn: ({ signal }) =>
      apiRequest('/api/dunning/settings', { query: { companyId }, schema: dunningSettingsSchema, signal }),
    enabled: companyId !== '',
  });
}

/** `PUT /api/dunning/settings` (admins); the answer is the options as they now are. */
export function useSaveDunningSettings(companyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<DunningSettings, 'isGroupingLocked'>) =>
      apiRequest('/api/dunning/settings', {
        method: 'PUT',
        query: { companyId },
        body,
        schema: dunningSettingsSchema,
      }),
    onSuccess: (settings) => {
      queryClient.setQueryData([...SETTINGS_KEY, companyId], settings);
      void queryClient.invalidateQueries({ queryKey: TODO_KEY });
    },
  });
}
