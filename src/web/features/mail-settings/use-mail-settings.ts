import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  type smtpSettingsBodySchema,
  smtpSettingsSchema,
  smtpSettingsViewSchema,
  smtpTestResultSchema,
} from '../../../contracts/mail-settings';
import { apiRequest } from '../../api/client';

const KEY = ['smtp-settings'] as const;

/** `GET /api/settings/smtp`: the organization's own mail server (TPL-5), admins only. */
export function useSmtpSettings() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => apiRequest('/api/settings/smtp', { schema: smtpSettingsViewSchema, signal }),
  });
}

export function useSaveSmtpSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof smtpSettingsBodySchema>) =>
      apiRequest('/api/settings/smtp', { method: 'PUT', body, schema: smtpSettingsSchema }),
    onSuccess: () => void client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDeleteSmtpSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest('/api/settings/smtp', { method: 'DELETE' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: KEY }),
  });
}

/** Sends a test email with the saved settings; answers with the server's reply. */
export function useSendTestEmail() {
  return useMutation({
    mutationFn: (to: string) =>
      apiRequest('/api/settings/smtp/test', { method: 'POST', body: { to }, schema: smtpTestResultSchema }),
  });
}
