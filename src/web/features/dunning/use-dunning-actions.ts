import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  type Criteria,
  type criteriaPreviewSchema,
  criteriaResultSchema,
  type criteriaSendSchema,
  type customerDunningPatchSchema,
  customerDunningSchema,
  type itemsPatchSchema,
  type manualActionSchema,
  previewSchema,
  type promiseBodySchema,
  sendResultSchema,
  type Task,
  type taskPatchSchema,
  tasksSchema,
} from '../../../contracts/dunning';
import { ApiError, apiRequest } from '../../api/client';

/**
 * What a person does on one customer (DUN-11, CSH-1), the mass reminder by criteria (DUN-10)
 * and the action list: one hook per user action, each reading again what it changed.
 */

const customerPath = (id: string) => `/api/customers/${encodeURIComponent(id)}/dunning`;
const customerKey = (id: string) => ['customer-dunning', id] as const;

/** A 4xx answers the same when asked again: no retry for it. */
function retryServerErrors(count: number, error: unknown): boolean {
  return count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500);
}

/** `GET /api/customers/:id/dunning`: STOP, dispute, profile, open items with their level and promises, actions. */
export function useCustomerDunning(customerId: string) {
  return useQuery({
    queryKey: customerKey(customerId),
    queryFn: ({ signal }) => apiRequest(customerPath(customerId), { schema: customerDunningSchema, signal }),
    enabled: customerId !== '',
    retry: retryServerErrors,
  });
}

/** After an action the customer's state, its reminders, the to-do and the action list may have moved. */
function useRefreshCustomer(customerId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: customerKey(customerId) });
    void queryClient.invalidateQueries({ queryKey: ['customer-reminders', customerId] });
    void queryClient.invalidateQueries({ queryKey: ['dunning-todo'] });
    void queryClient.invalidateQueries({ queryKey: ['dunning-tasks'] });
    void queryClient.invalidateQueries({ queryKey: ['mail-messages'] });
  };
}

/** `PATCH /api/customers/:id/dunning`: STOP, dispute or profile of the customer (DUN-8, DUN-1). */
export function usePatchCustomerDunning(customerId: string) {
  const refresh = useRefreshCustomer(customerId);
  return useMutation({
    mutationFn: (body: z.input<typeof customerDunningPatchSchema>) =>
      apiRequest(customerPath(customerId), { method: 'PATCH', body }),
    onSettled: refresh,
  });
}

/** `PATCH /api/customers/:id/dunning/items`: STOP, dispute, collection or level of selected items. */
export function usePatchItems(customerId: string) {
  const refresh = useRefreshCustomer(customerId);
  return useMutation({
    mutationFn: (body: z.input<typeof itemsPatchSchema>) =>
      apiRequest(`${customerPath(customerId)}/items`, { method: 'PATCH', body }),
    onSettled: refresh,
  });
}

/** `POST /api/customers/:id/dunning/actions`: a call, email, letter or other action (DUN-11). */
export function useRecordAction(customerId: string) {
  const refresh = useRefreshCustomer(customerId);
  return useMutation({
    mutationFn: (body: z.input<typeof manualActionSchema>) =>
      apiRequest(`${customerPath(customerId)}/actions`, { method: 'POST', body }),
    onSettled: refresh,
  });
}

/** `POST /api/customers/:id/dunning/promises`: a promise of payment on one item (CSH-1). */
export function useAddPromise(customerId: string) {
  const refresh = useRefreshCustomer(customerId);
  return useMutation({
    mutationFn: (body: z.input<typeof promiseBodySchema>) =>
      apiRequest(`${customerPath(customerId)}/promises`, { method: 'POST', body }),
    onSettled: refresh,
  });
}

/** `DELETE /api/customers/:id/dunning/promises/:promiseId`: the promise is kept, as cancelled. */
export function useCancelPromise(customerId: string) {
  const refresh = useRefreshCustomer(customerId);
  return useMutation({
    mutationFn: (promiseId: string) =>
      apiRequest(`${customerPath(customerId)}/promises/${encodeURIComponent(promiseId)}`, {
        method: 'DELETE',
      }),
    onSettled: refresh,
  });
}

/** `GET /api/dunning/criteria`: the customers whose open debits match (DUN-10); off until asked. */
export function useCriteriaSearch(criteria: Criteria | null) {
  return useQuery({
    queryKey: ['dunning-criteria', criteria],
    queryFn: ({ signal }) =>
      apiRequest('/api/dunning/criteria', {
        query: { ...criteria },
        schema: criteriaResultSchema,
        signal,
      }),
    enabled: criteria !== null,
    retry: retryServerErrors,
    staleTime: 0,
  });
}

/** `POST /api/dunning/criteria/preview`: what one customer of the result would receive (DUN-10). */
export function useCriteriaPreview(body: z.input<typeof criteriaPreviewSchema> | null) {
  return useQuery({
    queryKey: ['dunning-criteria-preview', body],
    queryFn: () =>
      apiRequest('/api/dunning/criteria/preview', { method: 'POST', body: body!, schema: previewSchema }),
    enabled: body !== null,
    retry: retryServerErrors,
  });
}

/** `POST /api/dunning/criteria/send`: one reminder per chosen customer, once (DUN-13). */
export function useSendByCriteria() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof criteriaSendSchema>) =>
      apiRequest('/api/dunning/criteria/send', { method: 'POST', body, schema: sendResultSchema }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['dunning-criteria'] });
      void queryClient.invalidateQueries({ queryKey: ['dunning-todo'] });
      void queryClient.invalidateQueries({ queryKey: ['customer-reminders'] });
      void queryClient.invalidateQueries({ queryKey: ['customer-dunning'] });
      void queryClient.invalidateQueries({ queryKey: ['mail-messages'] });
    },
  });
}

/** `GET /api/dunning/tasks`: the calls and manual steps of the caller's portfolio. */
export function useTasks(status: Task['status']) {
  return useQuery({
    queryKey: ['dunning-tasks', status],
    queryFn: ({ signal }) =>
      apiRequest('/api/dunning/tasks', { query: { status }, schema: tasksSchema, signal }),
    staleTime: 0,
  });
}

/** `PATCH /api/dunning/tasks/:id`: done or skipped, with a comment. */
export function usePatchTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: z.input<typeof taskPatchSchema> }) =>
      apiRequest(`/api/dunning/tasks/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['dunning-tasks'] });
    },
  });
}
