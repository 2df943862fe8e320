import type { SmtpSettings, SmtpSettingsBody } from '../../../contracts/mail-settings';

/** What the mail server form holds, as typed (TPL-5). */
export interface SmtpDraft {
  host: string;
  port: string;
  security: SmtpSettingsBody['security'];
  username: string;
  /** Empty: keep the stored password (when there is one). */
  password: string;
  fromName: string;
  fromAddress: string;
  replyToMode: SmtpSettingsBody['replyToMode'];
  replyToAddress: string;
}

export type SmtpField = 'host' | 'port' | 'fromName' | 'fromAddress' | 'replyToAddress';

/** The usual port of each security mode: 587 with STARTTLS, 465 with TLS, 25 without. */
export const DEFAULT_PORTS: Record<SmtpDraft['security'], number> = { starttls: 587, tls: 465, none: 25 };

export function draftOf(settings: SmtpSettings | null): SmtpDraft {
  return {
    host: settings?.host ?? '',
    port: String(settings?.port ?? DEFAULT_PORTS.starttls),
    security: settings?.security ?? 'starttls',
    username: settings?.username ?? '',
    password: '',
    fromName: settings?.fromName ?? '',
    fromAddress: settings?.fromAddress ?? '',
    replyToMode: settings?.replyToMode ?? 'user',
    replyToAddress: settings?.replyToAddress ?? '',
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The body of `PUT /api/settings/smtp`, or the fields to fix. An empty password keeps the stored
 * one; `clearPassword` removes it.
 * @example buildSmtpBody({ ...draftOf(null), host: 'smtp.example.com', fromName: 'AR', fromAddress: 'ar@example.com' }, false)
 */
export function buildSmtpBody(
  draft: SmtpDraft,
  clearPassword: boolean,
): { body: SmtpSettingsBody; errors: [] } | { body: null; errors: SmtpField[] } {
  const errors: SmtpField[] = [];
  const host = draft.host.trim();
  if (!/^[A-Za-z0-9.\-:[\]]+$/.test(host)) errors.push('host');
  const port = Number(draft.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) errors.push('port');
  if (draft.fromName.trim() === '') errors.push('fromName');
  if (!EMAIL.test(draft.fromAddress.trim())) errors.push('fromAddress');
  const replyTo = draft.replyToAddress.trim();
  if ((replyTo !== '' || draft.replyToMode === 'company') && !EMAIL.test(replyTo))
    errors.push('replyToAddress');
  if (errors.length > 0) return { body: null, errors };
  return {
    body: {
      host,
      port,
      security: draft.security,
      username: draft.username.trim() || null,
      ...(clearPassword ? { password: null } : draft.password !== '' ? { password: draft.password } : {}),
      fromName: draft.fromName.trim(),
      fromAddress: draft.fromAddress.trim(),
      replyToMode: draft.replyToMode,
      replyToAddress: replyTo || null,
    },
    errors: [],
  };
}
