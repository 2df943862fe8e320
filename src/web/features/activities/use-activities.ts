import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  type ActivityListQuery,
  activityDetailSchema,
  activityListSchema,
} from '../../../contracts/activities';
import { apiRequest } from '../../api/client';

/** `GET /api/activities`: one page of the organization's activities (DUN-14). */
export function useActivities(query: ActivityListQuery) {
  return useQuery({
    queryKey: ['activities', 'list', query],
    queryFn: ({ signal }) => apiRequest('/api/activities', { query, schema: activityListSchema, signal }),
    placeholderData: keepPreviousData,
  });
}

/** `GET /api/activities/:id`: the archived content, fetched when an activity is opened. */
export function useActivity(id: string | undefined) {
  return useQuery({
    queryKey: ['activities', 'detail', id],
    enabled: id !== undefined,
    queryFn: ({ signal }) =>
      apiRequest(`/api/activities/${encodeURIComponent(id ?? '')}`, { schema: activityDetailSchema, signal }),
  });
}
