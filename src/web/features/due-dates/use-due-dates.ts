import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type DueDateListQuery, dueDateListSchema } from '../../../contracts/due-dates';
import { apiRequest } from '../../api/client';

/** `GET /api/due-dates`: one page of open items (VIS-5) and the totals of every match. */
export function useDueDates(query: DueDateListQuery) {
  return useQuery({
    queryKey: ['due-dates', query],
    queryFn: ({ signal }) => apiRequest('/api/due-dates', { query, schema: dueDateListSchema, signal }),
    placeholderData: keepPreviousData,
  });
}
