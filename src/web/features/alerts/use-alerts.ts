import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type AlertsQuery, alertsSchema } from '../../../contracts/alerts';
import { apiRequest } from '../../api/client';

/** `GET /api/alerts`: counts and first rows of every alert (VIS-9). */
export function useAlerts(query: AlertsQuery) {
  return useQuery({
    queryKey: ['alerts', query],
    queryFn: ({ signal }) => apiRequest('/api/alerts', { query, schema: alertsSchema, signal }),
    placeholderData: keepPreviousData,
  });
}
