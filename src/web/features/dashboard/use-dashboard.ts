import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type DashboardQuery, dashboardSchema } from '../../../contracts/dashboard';
import { apiRequest } from '../../api/client';

/** `GET /api/dashboard` (VIS-3). */
export function useDashboard(query: DashboardQuery) {
  return useQuery({
    queryKey: ['dashboard', query],
    queryFn: ({ signal }) => apiRequest('/api/dashboard', { query, schema: dashboardSchema, signal }),
    placeholderData: keepPreviousData,
  });
}
