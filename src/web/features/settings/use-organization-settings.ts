import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type OrganizationSettingsPatch, organizationSettingsSchema } from '../../../contracts/organization';
import { apiRequest } from '../../api/client';

const KEY = ['organization-settings'] as const;

export function useOrganizationSettings() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) =>
      apiRequest('/api/organization/settings', { schema: organizationSettingsSchema, signal }),
  });
}

/** Saves settings; every figure may change shape (aging buckets), so every cached answer is refetched. */
export function useSaveOrganizationSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: OrganizationSettingsPatch) =>
      apiRequest('/api/organization/settings', {
        method: 'PATCH',
        body: patch,
        schema: organizationSettingsSchema,
      }),
    onSuccess: (settings) => {
      client.setQueryData(KEY, settings);
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== KEY[0] && q.queryKey[0] !== 'me' });
    },
  });
}
