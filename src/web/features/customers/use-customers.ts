import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type CustomerListQuery, customerListSchema } from '../../../contracts/customers';
import { apiRequest } from '../../api/client';

/** `GET /api/customers`: one page of "who owes what" (VIS-4) and the totals of every match. */
export function useCustomers(query: CustomerListQuery) {
  return useQuery({
    queryKey: ['customers', query],
    queryFn: ({ signal }) => apiRequest('/api/customers', { query, schema: customerListSchema, signal }),
    placeholderData: keepPreviousData,
  });
}
