import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ConsolidatedQuery, consolidatedSchema } from '../../../contracts/customer-record';
import { apiRequest } from '../../api/client';

/** `GET /api/consolidated` (VIS-8): per company, per currency, and the group customers. */
export function useConsolidated(query: ConsolidatedQuery) {
  return useQuery({
    queryKey: ['consolidated', query],
    queryFn: ({ signal }) => apiRequest('/api/consolidated', { query, schema: consolidatedSchema, signal }),
    placeholderData: keepPreviousData,
  });
}
