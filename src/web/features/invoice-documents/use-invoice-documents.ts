import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { invoiceUploadResultSchema, missingDocumentsSchema } from '../../../contracts/invoice-documents';
import { apiRequest, apiUpload } from '../../api/client';

const missingKey = (companyId: string) => ['invoice-documents', 'missing', companyId] as const;

/** `GET /api/companies/:id/invoice-documents/missing`: one page of the open items without a PDF. */
export function useMissingDocuments(companyId: string, page: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...missingKey(companyId), page],
    enabled: companyId !== '',
    queryFn: ({ signal }) =>
      apiRequest(`/api/companies/${encodeURIComponent(companyId)}/invoice-documents/missing`, {
        query: page,
        schema: missingDocumentsSchema,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/**
 * `POST /api/companies/:id/invoice-documents`: sends a ZIP of invoice PDFs with its
 * `metadata.json`; answers what was stored and what was refused. The missing list and the account
 * situations (which link the PDFs) are read again.
 */
export function useUploadInvoiceDocuments() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { companyId: string; file: File; onProgress: (fraction: number) => void }) =>
      apiUpload(`/api/companies/${encodeURIComponent(input.companyId)}/invoice-documents`, {
        file: input.file,
        schema: invoiceUploadResultSchema,
        onProgress: input.onProgress,
      }),
    onSuccess: (_result, input) => {
      void queryClient.invalidateQueries({ queryKey: missingKey(input.companyId) });
      void queryClient.invalidateQueries({ queryKey: ['customer-entries'] });
    },
  });
}
