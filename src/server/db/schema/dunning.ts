import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
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
import type { DunningOptions } from '../../../domain/dunning/planner';
import type { Scenario } from '../../../domain/dunning/scenario';
import { bytes, createdAt, keyText, money, orgId } from './columns';

/**
 * Dunning profiles of an organization (DUN-1), each with its scenario (DUN-2). Exactly one is the
 * default, which customers without a profile follow.
 */
export const dunningProfiles = pgTable(
  'dunning_profiles',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    /** Both variants with their steps, validated by the domain (DUN-3, DUN-4) before it is saved. */
    scenario: jsonb('scenario').$type<Scenario>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('dunning_profiles_name_idx').on(t.orgId, t.name),
    uniqueIndex('dunning_profiles_default_idx').on(t.orgId).where(sql`is_default`),
  ],
);

/** A company's dunning options (DUN-7, DUN-8, DUN-12); the freshness window is on `companies`. */
export const companyDunningSettings = pgTable(
  'company_dunning_settings',
  {
    orgId: orgId(),
    companyId: uuid('company_id').notNull(),
    options: jsonb('options').$type<Omit<DunningOptions, 'freshnessHours'>>().notNull(),
    /** The nightly run starts at this time of day (`HH:MM`, in `timeZone`); `null`: no nightly run. */
    automationTime: text('automation_time'),
    timeZone: text('time_zone').notNull().default('Europe/Paris'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.companyId] })],
);

/** What users decide about a customer, kept by account across syncs: profile, STOP, dispute. */
export const customerDunning = pgTable(
  'customer_dunning',
  {
    orgId: orgId(),
    companyId: uuid('company_id').notNull(),
    customerAccount: text('customer_account').notNull(),
    /** `null`: the organization's default profile. */
    profileId: uuid('profile_id'),
    stopReason: text('stop_reason'),
    disputeReason: text('dispute_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.companyId, t.customerAccount] })],
);

/**
 * The dunning state of an item, keyed by its stable entry key (IMP-7) so it survives re-imports:
 * the level reached (DUN-5), STOP, dispute, collection, thank-you sent (DUN-6). An item without a
 * row is at `none` with nothing set.
 */
export const itemDunning = pgTable(
  'item_dunning',
  {
    orgId: orgId(),
    companyId: uuid('company_id').notNull(),
    entryKey: keyText('entry_key').notNull(),
    level: text('level').notNull().default('none'),
    lastReminderDate: date('last_reminder_date'),
    stopReason: text('stop_reason'),
    disputeReason: text('dispute_reason'),
    isInCollection: boolean('is_in_collection').notNull().default(false),
    thankedOn: date('thanked_on'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.companyId, t.entryKey] })],
);

/** A customer's promise to pay an item (CSH-1); its status is derived (`resolvePromiseStatus`). */
export const itemPromises = pgTable(
  'item_promises',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    entryKey: keyText('entry_key').notNull(),
    amount: money('amount').notNull(),
    promisedFor: date('promised_for').notNull(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('item_promises_item_idx').on(t.orgId, t.companyId, t.entryKey),
  ],
);

/** planned → sending → sent | failed | cancelled (DUN-13). */
/**
 * `deferred`: the server refused for now (4xx) or could not be reached before the message went;
 * tried again at `next_attempt_at`. `bounced`: accepted, then returned by a delivery status
 * notification (RFC 3464).
 */
export const REMINDER_STATUSES = [
  'planned',
  'sending',
  'deferred',
  'sent',
  'bounced',
  'failed',
  'cancelled',
] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/** One item of a reminder, as it was when the reminder was planned (DUN-14). */
export interface ReminderItem {
  entryKey: string;
  pieceRef: string;
  documentDate: string;
  dueDate: string;
  amount: number;
  /** The level the item reaches when the reminder is sent; `null` when it keeps its level. */
  newLevel: string | null;
}

/** Who a reminder went to and what it said, as sent (DUN-14). */
export interface ReminderContent {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string | null;
  language: string;
  /** The invoice PDFs the email carried (DUN-11, DUN-14): absent before they existed, or for none. */
  attachments?: ReminderAttachment[];
  /** Pieces whose document stayed behind (over 15 files or 15 MB): named in the email as on request. */
  attachmentsLeftOut?: string[];
}

export interface ReminderAttachment {
  file: string;
  /** The pieces the invoice PDF serves; empty for the statement of account (TPL-5). */
  pieces: string[];
  sizeBytes: number;
  sha256: string;
}

/**
 * Every reminder, planned or sent, with its unique key (DUN-13): one row per customer, step kind,
 * level and item set. Sending claims the row (`planned` → `sending`) in one statement first, so two
 * runs, two instances or two users never send it twice. The row is also the archive (DUN-14).
 */
export const reminders = pgTable(
  'reminders',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    /** SHA-256 of the customer, kind, level and sorted item keys. */
    key: text('key').notNull(),
    customerAccount: text('customer_account').notNull(),
    kind: text('kind').notNull(),
    stepIndex: integer('step_index').notNull(),
    level: text('level'),
    channel: text('channel').notNull(),
    templateId: text('template_id'),
    items: jsonb('items').$type<ReminderItem[]>().notNull(),
    total: money('total').notNull(),
    currency: text('currency').notNull(),
    isDisputed: boolean('is_disputed').notNull().default(false),
    /** The day the planner found it due. */
    plannedFor: date('planned_for').notNull(),
    status: text('status', { enum: REMINDER_STATUSES }).notNull(),
    /** `automatic` (the nightly run, DUN-12) or `user`. */
    actor: text('actor').notNull(),
    userId: uuid('user_id'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    /** The email's Message-ID, written before the message is handed to the server. */
    messageId: text('message_id'),
    mailId: uuid('mail_id'),
    content: jsonb('content').$type<ReminderContent>(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    error: text('error'),
    /** Deliveries tried; a `deferred` reminder is tried again at `next_attempt_at`. */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('reminders_key_idx').on(t.orgId, t.companyId, t.key),
    // What the retry tick reads, across organizations: the few reminders waiting for a retry.
    index('reminders_retry_idx').on(t.nextAttemptAt).where(sql`status = 'deferred'`),
    index('reminders_message_idx').on(t.messageId),
    index('reminders_status_idx').on(t.orgId, t.companyId, t.status),
    index('reminders_customer_idx').on(t.orgId, t.companyId, t.customerAccount, t.createdAt),
  ],
);

/** The PDF of a letter reminder, as produced (DUN-14). */
export const reminderDocuments = pgTable(
  'reminder_documents',
  {
    orgId: orgId(),
    reminderId: uuid('reminder_id').notNull(),
    pdf: bytes('pdf').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.reminderId] })],
);

/** The letters of one run or one send in a single PDF to print (issue 4 point 5). */
export const letterBatches = pgTable(
  'letter_batches',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    reminderIds: jsonb('reminder_ids').$type<string[]>().notNull(),
    pdf: bytes('pdf').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('letter_batches_company_idx').on(t.orgId, t.companyId, t.createdAt),
  ],
);

export const ACTION_KINDS = [
  'call',
  'email',
  'letter',
  'other',
  'level',
  'stop',
  'dispute',
  'promise',
] as const;

/**
 * What a person did on a customer or some of its items (DUN-11): a call with its outcome, a
 * manual email or letter, another action, or a change of level, STOP, dispute or promise. The
 * customer's timeline and the audit read it.
 */
export const dunningActions = pgTable(
  'dunning_actions',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    customerAccount: text('customer_account').notNull(),
    kind: text('kind', { enum: ACTION_KINDS }).notNull(),
    itemKeys: jsonb('item_keys').$type<string[]>().notNull(),
    /** Moved the items one level up (DUN-11), or was one-off. */
    countsForScenario: boolean('counts_for_scenario').notNull().default(false),
    outcome: text('outcome'),
    comment: text('comment'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    userId: uuid('user_id'),
    actedOn: date('acted_on').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('dunning_actions_customer_idx').on(t.orgId, t.companyId, t.customerAccount, t.createdAt),
  ],
);

export const TASK_STATUSES = ['open', 'done', 'skipped'] as const;

/** A step a person does (DUN-3, DUN-9): a call, an "other" action, a manual email or letter. */
export const dunningTasks = pgTable(
  'dunning_tasks',
  {
    orgId: orgId(),
    id: uuid('id').notNull().defaultRandom(),
    companyId: uuid('company_id').notNull(),
    /** The planned reminder's key: the same task is created once. */
    key: text('key').notNull(),
    customerAccount: text('customer_account').notNull(),
    channel: text('channel').notNull(),
    level: text('level'),
    itemKeys: jsonb('item_keys').$type<string[]>().notNull(),
    dueDate: date('due_date').notNull(),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('open'),
    comment: text('comment'),
    doneBy: uuid('done_by'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('dunning_tasks_key_idx').on(t.orgId, t.companyId, t.key),
    index('dunning_tasks_open_idx').on(t.orgId, t.status, t.dueDate),
  ],
);

/**
 * One row per company and day the nightly run ran (DUN-12): inserting it is how an instance
 * takes the night's run, so two instances never both run it.
 */
export const dunningRuns = pgTable(
  'dunning_runs',
  {
    orgId: orgId(),
    companyId: uuid('company_id').notNull(),
    day: date('day').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** `stale` when the freshness gate held everything back. */
    outcome: text('outcome'),
    report: jsonb('report').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.companyId, t.day] })],
);
