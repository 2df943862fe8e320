import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type LetterheadBody, letterheadSchema } from '../../../contracts/letterhead';
import { apiRequest, apiUpload } from '../../api/client';

const keyOf = (companyId: string) => ['letterhead', companyId] as const;
const urlOf = (companyId: string) => `/api/companies/${encodeURIComponent(companyId)}/letterhead`;

/** `GET /api/companies/:id/letterhead` (admins). */
export function useLetterhead(companyId: string) {
  return useQuery({
    queryKey: keyOf(companyId),
    enabled: companyId !== '',
    queryFn: ({ signal }) => apiRequest(urlOf(companyId), { schema: letterheadSchema, signal }),
  });
}

/** Saves the text, uploads or removes the logo; each answers the whole letterhead. */
export function useLetterheadChanges(companyId: string) {
  const client = useQueryClient();
  const onSuccess = (data: Awaited<ReturnType<typeof letterheadSchema.parse>>) =>
    client.setQueryData(keyOf(companyId), data);
  return {
    save: useMutation({
      mutationFn: (body: LetterheadBody) =>
        apiRequest(urlOf(companyId), { method: 'PUT', body, schema: letterheadSchema }),
      onSuccess,
    }),
    uploadLogo: useMutation({
      mutationFn: (file: File) =>
        apiUpload(`${urlOf(companyId)}/logo`, { method: 'PUT', file, schema: letterheadSchema }),
      onSuccess,
    }),
    removeLogo: useMutation({
      mutationFn: () =>
        apiRequest(`${urlOf(companyId)}/logo`, { method: 'DELETE', schema: letterheadSchema }),
      onSuccess,
    }),
  };
}

/** Where the browser shows the logo and the sample letter. */
export const logoUrl = (companyId: string, version: string | null) =>
  `${urlOf(companyId)}/logo${version ? `?v=${encodeURIComponent(version)}` : ''}`;
export const previewUrl = (companyId: string, language: 'fr' | 'en') =>
  `${urlOf(companyId)}/preview.pdf?language=${language}`;

/**
 * "50 000,00" or "50000.5" → cents; '' → null; anything else → undefined (not an amount).
 * @example parseCapital('50 000,00') // 5000000
 */
export function parseCapital(text: string): number | null | undefined {
  const compact = text.replace(/[\s\u00A0\u202F€]/g, '').replace(',', '.');
  if (compact === '') return null;
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(compact);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Cents → "50000.00"-like text for the field, in the user's decimal separator. */
export function formatCapital(cents: number | null, locale: string): string {
  if (cents === null) return '';
  const text = `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  return locale === 'fr' ? text.replace('.', ',') : text;
}
