import { z } from 'zod';

export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;
export const REPLY_TO = ['user', 'company'] as const;

/** An organization's mail server as admins see it (TPL-5): the password never comes back. */
export const smtpSettingsSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  security: z.enum(SMTP_SECURITY),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  fromName: z.string(),
  fromAddress: z.string(),
  replyToMode: z.enum(REPLY_TO),
  replyToAddress: z.string().nullable(),
  updatedAt: z.string(),
});
export type SmtpSettings = z.infer<typeof smtpSettingsSchema>;

export const smtpSettingsViewSchema = z.object({
  /** The organization's own server; `null`: the server's (`ENCOURS_SMTP_URL`) or the outbox. */
  settings: smtpSettingsSchema.nullable(),
  /** Whether the server has a mail server of its own to fall back on. */
  hasServerDefault: z.boolean(),
});
export type SmtpSettingsView = z.infer<typeof smtpSettingsViewSchema>;

const hostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'a host name or an IP address');

export const smtpSettingsBodySchema = z
  .object({
    host: hostSchema,
    port: z.number().int().min(1).max(65535),
    security: z.enum(SMTP_SECURITY),
    username: z.string().trim().max(200).nullable(),
    /** Absent: keep the stored one; `null`: none. */
    password: z.string().max(500).nullable().optional(),
    fromName: z.string().trim().min(1).max(200),
    fromAddress: z.email(),
    replyToMode: z.enum(REPLY_TO),
    replyToAddress: z.email().nullable(),
  })
  .refine((b) => b.replyToMode !== 'company' || b.replyToAddress !== null, {
    path: ['replyToAddress'],
    message: 'required when answers go to the company',
  });
export type SmtpSettingsBody = z.infer<typeof smtpSettingsBodySchema>;

export const smtpTestBodySchema = z.object({ to: z.email() });
export const smtpTestResultSchema = z.object({
  delivered: z.boolean(),
  /** The server's message id once accepted, or its reply / the connection error. */
  reply: z.string(),
});
export type SmtpTestResult = z.infer<typeof smtpTestResultSchema>;
