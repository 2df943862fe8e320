import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type AccountSituationQuery,
  accountSituationSchema,
  type ContactField,
  type ContactPatch,
  customerRecordSchema,
} from '../../../contracts/customer-record';
import { ApiError, apiRequest, apiUrl } from '../../api/client';

const recordKey = (id: string) => ['customer-record', id] as const;

/** `GET /api/customers/:id`: the customer record (VIS-6). */
export function useCustomerRecord(id: string) {
  return useQuery({
    queryKey: recordKey(id),
    queryFn: ({ signal }) =>
      apiRequest(`/api/customers/${encodeURIComponent(id)}`, { schema: customerRecordSchema, signal }),
    enabled: id !== '',
    // A customer that does not exist (or is out of reach) will not appear by asking again.
    retry: (count, error) =>
      count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
  });
}

/** `GET /api/customers/:id/entries`: one page of the account situation. */
export function useAccountSituation(id: string, query: AccountSituationQuery) {
  return useQuery({
    queryKey: ['customer-entries', id, query],
    queryFn: ({ signal }) =>
      apiRequest(`/api/customers/${encodeURIComponent(id)}/entries`, {
        query,
        schema: accountSituationSchema,
        signal,
      }),
    enabled: id !== '',
    placeholderData: keepPreviousData,
  });
}

/** The download address of the account situation under the current filter (VIS-7). */
export function accountSituationExportUrl(
  id: string,
  query: Pick<AccountSituationQuery, 'status' | 'currency'>,
  format: 'csv' | 'xlsx',
): string {
  return apiUrl(`/api/customers/${encodeURIComponent(id)}/entries/export`, {
    format,
    status: query.status,
    currency: query.currency,
  });
}

/** `PATCH /api/customers/:id/contact` (IMP-8): the answer is the record as it now is. */
export function useUpdateContact(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactPatch) =>
      apiRequest(`/api/customers/${encodeURIComponent(id)}/contact`, {
        method: 'PATCH',
        body,
        schema: customerRecordSchema,
      }),
    onSuccess: (record) => {
      queryClient.setQueryData(recordKey(id), record);
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}

/** `POST /api/customers/:id/contact/restore` (IMP-8): back to the synchronized data. */
export function useRestoreContact(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fields?: ContactField[]) =>
      apiRequest(`/api/customers/${encodeURIComponent(id)}/contact/restore`, {
        method: 'POST',
        body: fields ? { fields } : {},
        schema: customerRecordSchema,
      }),
    onSuccess: (record) => {
      queryClient.setQueryData(recordKey(id), record);
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}
