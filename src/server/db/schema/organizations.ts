import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, orgId } from './columns';

export const USER_ROLES = ['admin', 'user', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Organization-wide options an admin sets; absent keys take their defaults (`organization-settings.ts`). */
export interface OrganizationSettingsJson {
  /** Aging bucket upper bounds in days past due (VIS-2), e.g. [30, 60, 90]. */
  agingBounds?: number[];
  /** Average payment delay measured from the document date or the due date (VIS-11). */
  paymentDelayFrom?: 'document' | 'due';
  /** How the same customer is recognised across companies (VIS-8). */
  groupMatchKey?: 'externalId' | 'registrationNumber';
  /** The language of reminders to customers whose language has no template (TPL-1). */
  templateLanguage?: string;
}

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  settings: jsonb('settings').$type<OrganizationSettingsJson>().notNull().default({}),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    orgId: orgId().references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    role: text('role', { enum: USER_ROLES }).notNull(),
    locale: text('locale').notNull().default('fr'),
    /** Portfolio scope (COL-5): null = every customer; else sales reps and collectors followed. */
    portfolio: jsonb('portfolio').$type<{ salesReps: string[]; collectors: string[] } | null>(),
    /** Set when an admin invited the user; the invitation is pending while `password_hash` is null. */
    invitedAt: timestamp('invited_at', { withTimezone: true }),
    invitedBy: uuid('invited_by'),
    /** A disabled user cannot sign in; their actions stay attributed to them. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // Sign-in happens before we know the organization: an email names one user in the whole instance.
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
  ],
);

export const sessions = pgTable('sessions', {
  /** SHA-256 of the cookie token: a stolen database does not give working cookies. */
  tokenHash: text('token_hash').primaryKey(),
  orgId: orgId(),
  userId: uuid('user_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export const USER_TOKEN_PURPOSES = ['invitation', 'password_reset'] as const;
export type UserTokenPurpose = (typeof USER_TOKEN_PURPOSES)[number];

/** One-use links sent by email (ACC-1): an invitation or a password reset. */
export const userTokens = pgTable(
  'user_tokens',
  {
    /** SHA-256 of the token in the link: the database alone does not give a working link. */
    tokenHash: text('token_hash').primaryKey(),
    orgId: orgId(),
    userId: uuid('user_id').notNull(),
    purpose: text('purpose', { enum: USER_TOKEN_PURPOSES }).notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('user_tokens_user_idx').on(t.orgId, t.userId)],
);

export const MAIL_STATUSES = ['outbox', 'sending', 'deferred', 'sent', 'bounced', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * Every email the app writes. Without SMTP settings it stays here with status `outbox`, and
 * admins read it in the web app; with SMTP it is sent and its outcome recorded.
 */
export const mailMessages = pgTable(
  'mail_messages',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    createdAt: createdAt(),
    /** What the message is for: `invitation`, `password_reset`, later reminders and reports. */
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    /** Copies, comma-separated; `null` for none. */
    ccAddresses: text('cc_addresses'),
    /** The person the message is sent for (DUN-11: the user): the From name and the Reply-To. */
    fromName: text('from_name'),
    replyTo: text('reply_to'),
    /** The Message-ID header, when the feature chose it before sending (reminders, DUN-13). */
    messageId: text('message_id'),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    status: text('status', { enum: MAIL_STATUSES }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** The SMTP server's reply on failure, or the transport's message id once sent. */
    transportReply: text('transport_reply'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('mail_messages_created_idx').on(t.orgId, t.createdAt),
  ],
);

export const SMTP_SECURITY_MODES = ['starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY_MODES)[number];
export const REPLY_TO_MODES = ['user', 'company'] as const;
export type ReplyToMode = (typeof REPLY_TO_MODES)[number];

/**
 * An organization's own mail server (TPL-5): without a row, the server's `ENCOURS_SMTP_URL`, or
 * the outbox. The password is kept encrypted (`secret-box.ts`), never sent back.
 */
export const orgSmtpSettings = pgTable('org_smtp_settings', {
  orgId: orgId()
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  host: text('host').notNull(),
  port: integer('port').notNull(),
  security: text('security', { enum: SMTP_SECURITY_MODES }).notNull(),
  username: text('username'),
  passwordSealed: text('password_sealed'),
  fromName: text('from_name').notNull(),
  fromAddress: text('from_address').notNull(),
  /** Answers to reminders go to the user who sent them, or to the company's address. */
  replyToMode: text('reply_to_mode', { enum: REPLY_TO_MODES }).notNull(),
  replyToAddress: text('reply_to_address'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});
