import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type CreateCompanyBody, companyListSchema, companySchema } from '../../../contracts/companies';
import { apiRequest } from '../../api/client';

export const COMPANIES_KEY = ['companies'] as const;

/** `GET /api/companies`: the organization's companies. */
export function useCompanies() {
  return useQuery({
    queryKey: COMPANIES_KEY,
    queryFn: () => apiRequest('/api/companies', { schema: companyListSchema }),
    select: (data) => data.companies,
  });
}

/** `POST /api/companies` (admins). */
export function useCreateCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCompanyBody) =>
      apiRequest('/api/companies', { method: 'POST', body, schema: companySchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: COMPANIES_KEY }),
  });
}
