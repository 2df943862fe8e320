import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  type ImportSource,
  importStatusSchema,
  type StartImportBody,
  uploadSchema,
} from '../../../contracts/imports';
import { apiRequest, apiUpload } from '../../api/client';

/** `POST /api/uploads?companyId&source`: sends the file, answers what it looks like. */
export function useUploadFile() {
  return useMutation({
    mutationFn: (input: {
      companyId: string;
      source: ImportSource;
      file: File;
      onProgress: (fraction: number) => void;
    }) =>
      apiUpload('/api/uploads', {
        query: { companyId: input.companyId, source: input.source },
        file: input.file,
        schema: uploadSchema,
        onProgress: input.onProgress,
      }),
  });
}

const startedSchema = z.object({ importId: z.uuid() });

/** `POST /api/imports`: queues the import of an uploaded file (202 `{ importId }`). */
export function useStartImport() {
  return useMutation({
    mutationFn: (body: StartImportBody) =>
      apiRequest('/api/imports', { method: 'POST', body, schema: startedSchema }),
  });
}

const POLL_MS = 500;

/** `GET /api/imports/:id`, polled every 500 ms while the import is queued or running. */
export function useImportStatus(importId: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['imports', importId],
    enabled: importId !== null,
    queryFn: async ({ signal }) => {
      const status = await apiRequest(`/api/imports/${encodeURIComponent(importId ?? '')}`, {
        schema: importStatusSchema,
        signal,
      });
      if (status.status === 'succeeded' || status.status === 'failed') {
        // The ledger changed (or a failure was recorded): lists and history must be read again.
        void queryClient.invalidateQueries({ queryKey: ['syncs'] });
        if (status.status === 'succeeded') void queryClient.invalidateQueries({ queryKey: ['customers'] });
      }
      return status;
    },
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'succeeded' || status === 'failed' ? false : POLL_MS;
    },
    staleTime: 0,
  });
}
