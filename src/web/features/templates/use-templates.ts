import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type TemplateContent,
  type TemplateExport,
  type TemplateProblem,
  templateImportResultSchema,
  templateListSchema,
  templatePreviewSchema,
  templateSchema,
} from '../../../contracts/templates';
import { ApiError, apiRequest, apiUrl } from '../../api/client';

/** The scope of the page: the organization (`''`) or one company. */
const query = (companyId: string) => ({ companyId: companyId || undefined });
const templateUrl = (templateId: string, language: string) =>
  `/api/templates/${encodeURIComponent(templateId)}/${encodeURIComponent(language)}`;

/** `GET /api/templates` (every role). */
export function useTemplateList(companyId: string) {
  return useQuery({
    queryKey: ['templates', companyId],
    queryFn: ({ signal }) =>
      apiRequest('/api/templates', { query: query(companyId), schema: templateListSchema, signal }),
  });
}

/** `GET /api/templates/:templateId/:language` (every role). */
export function useTemplate(companyId: string, templateId: string, language: string) {
  return useQuery({
    queryKey: ['templates', companyId, templateId, language],
    enabled: templateId !== '' && language !== '',
    queryFn: ({ signal }) =>
      apiRequest(templateUrl(templateId, language), {
        query: query(companyId),
        schema: templateSchema,
        signal,
      }),
  });
}

/** Save, restore the default, add a language, import (admins). Each refreshes the list. */
export function useTemplateChanges(companyId: string) {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: ['templates', companyId] });
  return {
    save: useMutation({
      mutationFn: (v: { templateId: string; language: string; content: TemplateContent }) =>
        apiRequest(templateUrl(v.templateId, v.language), {
          method: 'PUT',
          query: query(companyId),
          body: v.content,
          schema: templateSchema,
        }),
      onSuccess,
    }),
    restore: useMutation({
      mutationFn: (v: { templateId: string; language: string }) =>
        apiRequest(templateUrl(v.templateId, v.language), { method: 'DELETE', query: query(companyId) }),
      onSuccess,
    }),
    addLanguage: useMutation({
      mutationFn: (v: { from: string; to: string }) =>
        apiRequest('/api/templates/languages', {
          method: 'POST',
          query: query(companyId),
          body: v,
          schema: templateImportResultSchema,
        }),
      onSuccess,
    }),
    importFile: useMutation({
      mutationFn: (file: TemplateExport) =>
        apiRequest('/api/templates/import', {
          method: 'POST',
          query: query(companyId),
          body: file,
          schema: templateImportResultSchema,
        }),
      onSuccess,
    }),
  };
}

export interface PreviewRequest {
  companyId: string;
  customerId: string;
  templateId: string;
  language: string;
  draft: Pick<TemplateContent, 'subject' | 'text' | 'html'>;
}

/** `POST /api/templates/preview` of the editor's text, on a real customer (TPL-1). */
export function useTemplatePreview(request: PreviewRequest | null) {
  return useQuery({
    queryKey: ['template-preview', request],
    enabled: request !== null,
    retry: false,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      apiRequest('/api/templates/preview', {
        method: 'POST',
        body: request,
        schema: templatePreviewSchema,
        signal,
      }),
  });
}

/** The positions of a refused template (TPL-2), from the answer's details. */
export function problemsOf(error: unknown): TemplateProblem[] {
  if (!(error instanceof ApiError)) return [];
  const problems = (error.details as { problems?: TemplateProblem[] } | undefined)?.problems;
  return Array.isArray(problems) ? problems : [];
}

export const exportUrl = (companyId: string) => apiUrl('/api/templates/export', query(companyId));

/**
 * What the catalogue's insert button puts in the text: a loop for the list, `item.x` inside it.
 * @example snippetFor('items[].piece') // "{{ item.piece }}"
 */
export function snippetFor(path: string): string {
  if (path === 'items')
    return '{% for item in items %}- {{ item.piece }} : {{ item.amount | money }}\n{% endfor %}';
  if (path.startsWith('items[].')) return `{{ item.${path.slice('items[].'.length)} }}`;
  if (path === 'customer.customFields') return '{{ customer.customFields.name }}';
  return `{{ ${path} }}`;
}
