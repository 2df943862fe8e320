import { z } from 'zod';
import { localeSchema, userRoleSchema } from './auth';
import { pageQuerySchema } from './common';

/** An instant as the API writes it: ISO 8601 with its offset. */
const instantSchema = z.iso.datetime({ offset: true });

const portfolioNamesSchema = z.array(z.string().trim().min(1).max(100)).max(500);

/**
 * COL-5: the customers a user or a viewer follows, by sales representative or collector (a
 * customer of either list is in). `null` means every customer.
 */
export const portfolioSchema = z.object({
  salesReps: portfolioNamesSchema,
  collectors: portfolioNamesSchema,
});
export type Portfolio = z.infer<typeof portfolioSchema>;

/** A portfolio chosen by an admin: an empty one would show nothing, so "no limit" is `null`. */
const chosenPortfolioSchema = portfolioSchema.refine(
  (p) => p.salesReps.length + p.collectors.length > 0,
  'choose at least one sales representative or collector, or no limit',
);

export const USER_STATUSES = ['active', 'invited', 'disabled'] as const;
export const userStatusSchema = z.enum(USER_STATUSES);
export type UserStatus = z.infer<typeof userStatusSchema>;

export const userRowSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: userRoleSchema,
  locale: localeSchema,
  portfolio: portfolioSchema.nullable(),
  /** `invited` until the invitation is accepted (no password yet); `disabled` wins over both. */
  status: userStatusSchema,
  invitedAt: instantSchema.nullable(),
  /** When the newest invitation link stops working; null when none is pending. */
  invitationExpiresAt: instantSchema.nullable(),
  disabledAt: instantSchema.nullable(),
  lastSignInAt: instantSchema.nullable(),
});
export type UserRow = z.infer<typeof userRowSchema>;

export const userListSchema = z.object({ items: z.array(userRowSchema) });
export type UserList = z.infer<typeof userListSchema>;

export const userIdParamsSchema = z.object({ id: z.uuid() });

export const inviteUserBodySchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  name: z.string().trim().min(1).max(200),
  role: userRoleSchema,
  portfolio: chosenPortfolioSchema.nullable().default(null),
  /** The language of the new user and of the invitation email; default: the inviter's. */
  locale: localeSchema.optional(),
});
export type InviteUserBody = z.input<typeof inviteUserBodySchema>;

export const updateUserBodySchema = z
  .object({ role: userRoleSchema.optional(), portfolio: chosenPortfolioSchema.nullable().optional() })
  .refine((b) => b.role !== undefined || b.portfolio !== undefined, 'change the role or the portfolio');
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

/** Where an email went: the outbox (no SMTP), the SMTP server, or refused with the server's reply. */
export const mailOutcomeSchema = z.object({
  id: z.uuid(),
  status: z.enum(['outbox', 'sent', 'failed']),
  error: z.string().nullable(),
});
export type MailOutcomeDto = z.infer<typeof mailOutcomeSchema>;

/** An invitation written (or written again): the user, and what became of the email. */
export const invitationResultSchema = z.object({ user: userRowSchema, mail: mailOutcomeSchema });
export type InvitationResult = z.infer<typeof invitationResultSchema>;

export const userResultSchema = z.object({ user: userRowSchema });

/** The distinct sales representatives and collectors of the organization's customers. */
export const portfolioOptionsSchema = z.object({
  salesReps: z.array(z.string()),
  collectors: z.array(z.string()),
});
export type PortfolioOptions = z.infer<typeof portfolioOptionsSchema>;

// --- Emailed links, used before anyone is signed in (ACC-1) ---

export const PASSWORD_MIN_LENGTH = 12;
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200);
const linkTokenSchema = z.string().trim().min(16).max(200);

export const linkTokenBodySchema = z.object({ token: linkTokenSchema });

/** Who a valid link is for, shown before a password is chosen. */
export const linkPreviewSchema = z.object({
  email: z.string(),
  name: z.string(),
  /** The user's language, so the page speaks it before they choose. */
  locale: localeSchema,
  organizationName: z.string(),
  expiresAt: instantSchema,
});
export type LinkPreview = z.infer<typeof linkPreviewSchema>;

export const acceptInvitationBodySchema = z.object({
  token: linkTokenSchema,
  password: newPasswordSchema,
  name: z.string().trim().min(1).max(200).optional(),
});
export type AcceptInvitationBody = z.infer<typeof acceptInvitationBodySchema>;

export const passwordResetRequestBodySchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
});
export type PasswordResetRequestBody = z.infer<typeof passwordResetRequestBodySchema>;

/** The same answer whether the email is known or not. */
export const passwordResetRequestedSchema = z.object({ accepted: z.literal(true) });

export const passwordResetConfirmBodySchema = z.object({
  token: linkTokenSchema,
  password: newPasswordSchema,
});
export type PasswordResetConfirmBody = z.infer<typeof passwordResetConfirmBodySchema>;

// --- The outbox: every email the app wrote ---

export const MAIL_STATUSES = ['outbox', 'sending', 'deferred', 'sent', 'bounced', 'failed'] as const;
export const mailStatusSchema = z.enum(MAIL_STATUSES);
export type MailStatusDto = z.infer<typeof mailStatusSchema>;

export const mailListQuerySchema = pageQuerySchema.extend({ status: mailStatusSchema.optional() });
export type MailListQuery = z.infer<typeof mailListQuerySchema>;

export const mailSummarySchema = z.object({
  id: z.uuid(),
  createdAt: instantSchema,
  kind: z.string(),
  to: z.string(),
  subject: z.string(),
  status: mailStatusSchema,
  sentAt: instantSchema.nullable(),
  /** The SMTP server's message id once sent, or its reply when it refused the message. */
  transportReply: z.string().nullable(),
});
export type MailSummary = z.infer<typeof mailSummarySchema>;

export const mailListSchema = z.object({
  items: z.array(mailSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Whether emails leave by SMTP; else they wait here for an admin to read. */
  isSmtp: z.boolean(),
});
export type MailList = z.infer<typeof mailListSchema>;

export const mailMessageSchema = mailSummarySchema.extend({
  /** Sent for a person (DUN-11): their name on the From line and their address as Reply-To. */
  fromName: z.string().nullable(),
  replyTo: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable(),
});
export type MailMessageDto = z.infer<typeof mailMessageSchema>;

export const mailIdParamsSchema = z.object({ id: z.uuid() });
