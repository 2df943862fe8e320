import { z } from 'zod';
import { DUNNING_LEVELS } from '../domain/dunning/levels';
import { EXCLUSION_REASONS, GROUPING_MODES } from '../domain/dunning/planner';
import { CHANNELS, REMINDER_BASES, STEP_KINDS } from '../domain/dunning/scenario';
import { calendarDateSchema, centsSchema } from './common';

/** Where a reminder row is (DUN-13, TPL-5): `deferred` waits for a retry, `bounced` came back. */
export const REMINDER_ROW_STATUSES = [
  'planned',
  'sending',
  'deferred',
  'sent',
  'bounced',
  'failed',
  'cancelled',
] as const;

/** A reminder row's key (DUN-13): 64 hex characters. */
export const reminderKeySchema = z.string().regex(/^[0-9a-f]{64}$/, 'a reminder key');

export const todoQuerySchema = z.object({ companyId: z.uuid().optional() });

/** One line of the to-do by scenario (DUN-9): a reminder due today, or one held back (DUN-8). */
export const todoLineSchema = z.object({
  key: reminderKeySchema,
  customerId: z.uuid(),
  account: z.string(),
  name: z.string(),
  kind: z.enum(STEP_KINDS),
  /** 1-based position of the step in the customer's variant. */
  step: z.number().int(),
  level: z.enum(DUNNING_LEVELS).nullable(),
  channel: z.enum(CHANNELS),
  isAutomatic: z.boolean(),
  /** The customer is in dispute: shown "(D)", checked by default (DUN-8). */
  isDisputed: z.boolean(),
  /** The customer's dunning profile and portfolio, what the to-do filters on (DUN-9). */
  profileId: z.uuid(),
  salesRep: z.string().nullable(),
  collector: z.string().nullable(),
  pieces: z.array(z.string()),
  total: centsSchema,
  /** Why the line is unchecked (threshold, ceiling); `null`: checked. */
  exclusion: z.enum(EXCLUSION_REASONS).nullable(),
  /** A row already exists for this key: `failed` shows why it did not go. */
  rowStatus: z.enum(REMINDER_ROW_STATUSES).nullable(),
  error: z.string().nullable(),
});
export type TodoLine = z.infer<typeof todoLineSchema>;

/** Items or customers left out with their reason, not selectable (DUN-8). */
export const todoExclusionSchema = z.object({
  customerId: z.uuid(),
  account: z.string(),
  name: z.string(),
  reason: z.enum(EXCLUSION_REASONS),
  pieces: z.array(z.string()),
});

export const todoSchema = z.object({
  companyId: z.uuid(),
  companyCode: z.string(),
  currency: z.string(),
  today: calendarDateSchema,
  freshness: z.object({
    isFresh: z.boolean(),
    syncAgeHours: z.number().nullable(),
    alert: z.string().nullable(),
  }),
  lines: z.array(todoLineSchema),
  excluded: z.array(todoExclusionSchema),
});
export type Todo = z.infer<typeof todoSchema>;

export const sendBodySchema = z.object({
  companyId: z.uuid(),
  keys: z.array(reminderKeySchema).min(1).max(5000),
});

export const SEND_STATUSES = [
  'sent',
  'outbox',
  'toPrint',
  'deferred',
  'failed',
  'alreadySent',
  'takenElsewhere',
  'waiting',
  'notDue',
] as const;

export const sendResultSchema = z.object({
  results: z.array(
    z.object({
      key: reminderKeySchema,
      /** The customer account written to; `null` for a key that is no longer on the to-do. */
      account: z.string().nullable(),
      status: z.enum(SEND_STATUSES),
      error: z.string().nullable(),
    }),
  ),
  /** Download the letters to print at `/api/dunning/letter-batches/:id`. */
  letterBatchId: z.uuid().nullable(),
});
export type SendResult = z.infer<typeof sendResultSchema>;

export const previewQuerySchema = z.object({ companyId: z.uuid(), key: reminderKeySchema });

export const previewSchema = z.object({
  channel: z.enum(CHANNELS),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
});
export type Preview = z.infer<typeof previewSchema>;

export const letterBatchParamsSchema = z.object({ id: z.uuid() });

/** A reminder on the customer's timeline (DUN-14). */
export const customerReminderSchema = z.object({
  id: z.uuid(),
  kind: z.enum(STEP_KINDS),
  level: z.enum(DUNNING_LEVELS).nullable(),
  channel: z.enum(CHANNELS),
  status: z.enum(REMINDER_ROW_STATUSES),
  actor: z.enum(['automatic', 'user']),
  plannedFor: calendarDateSchema,
  sentAt: z.string().nullable(),
  subject: z.string().nullable(),
  pieces: z.array(z.string()),
  total: centsSchema,
  currency: z.string(),
  error: z.string().nullable(),
});
export type CustomerReminder = z.infer<typeof customerReminderSchema>;
/** As the record shows it: the user who sent it by hand, `null` for the nightly run. */
export const customerReminderWithUserSchema = customerReminderSchema.extend({
  userName: z.string().nullable(),
});
export type CustomerReminderWithUser = z.infer<typeof customerReminderWithUserSchema>;
export const customerRemindersSchema = z.object({ items: z.array(customerReminderWithUserSchema) });

// —— configuration ——————————————————————————————————————————————————————————————————————————

export const scenarioStepSchema = z.object({
  kind: z.enum(STEP_KINDS),
  channel: z.enum(CHANNELS),
  templateId: z.string().trim().min(1).max(100).nullable(),
  days: z.number().int(),
  basis: z.enum(REMINDER_BASES).nullable(),
  cc: z.array(z.string().trim().min(1).max(200)).max(10),
  isAutomatic: z.boolean(),
  maySkip: z.boolean(),
  isEnabled: z.boolean(),
  /** Email steps: the statement of account goes with the email (TPL-5). */
  attachStatement: z.boolean().default(false),
});

export const scenarioVariantSchema = z.object({
  isEnabled: z.boolean(),
  // The domain says what is allowed (DUN-3); this only bounds the payload.
  steps: z.array(scenarioStepSchema).max(20),
});

export const scenarioSchema = z.object({
  name: z.string().trim().min(1).max(100),
  withEmail: scenarioVariantSchema,
  withoutEmail: scenarioVariantSchema,
});

export const profileSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  isDefault: z.boolean(),
  scenario: scenarioSchema,
  /** Customers set to this profile (the default one also serves every customer without one). */
  customerCount: z.number().int(),
});
export type Profile = z.infer<typeof profileSchema>;
export const profilesSchema = z.object({ items: z.array(profileSchema) });

export const profileParamsSchema = z.object({ id: z.uuid() });

export const profileBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  scenario: scenarioSchema,
  isDefault: z.boolean().optional(),
});
export type ProfileBody = z.infer<typeof profileBodySchema>;

/** DUN-1: a profile in use is deleted only by moving its customers to another. */
export const profileDeleteQuerySchema = z.object({ moveTo: z.uuid().optional() });

export const dunningSettingsQuerySchema = z.object({ companyId: z.uuid() });

export const dunningSettingsSchema = z.object({
  grouping: z.enum(GROUPING_MODES),
  /** DUN-7: the grouping cannot change once a reminder was sent for the company. */
  isGroupingLocked: z.boolean(),
  itemMinimum: centsSchema.min(0),
  threshold: centsSchema.min(0),
  ceiling: centsSchema.min(0).nullable(),
  excludeUpcomingPromises: z.boolean(),
  remindCustomersInCredit: z.boolean(),
  /** `HH:MM` in `timeZone`, `null`: no nightly run. */
  automationTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time written HH:MM')
    .nullable(),
  timeZone: z.string().min(1).max(64),
  freshnessHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
});
export type DunningSettings = z.infer<typeof dunningSettingsSchema>;
export const dunningSettingsBodySchema = dunningSettingsSchema.omit({ isGroupingLocked: true });

// —— a customer's dunning: state and individual actions (DUN-11, CSH-1) ————————————————————————

export const PROMISE_STATUSES = ['expected', 'late', 'kept', 'cancelled'] as const;

export const itemPromiseSchema = z.object({
  id: z.uuid(),
  amount: centsSchema,
  date: calendarDateSchema,
  status: z.enum(PROMISE_STATUSES),
});

export const dunningItemStateSchema = z.object({
  entryKey: z.string(),
  pieceRef: z.string(),
  dueDate: calendarDateSchema,
  amount: centsSchema,
  level: z.enum(DUNNING_LEVELS),
  lastReminderDate: calendarDateSchema.nullable(),
  stopReason: z.string().nullable(),
  disputeReason: z.string().nullable(),
  isInCollection: z.boolean(),
  promises: z.array(itemPromiseSchema),
});

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

export const dunningActionSchema = z.object({
  id: z.uuid(),
  kind: z.enum(ACTION_KINDS),
  pieces: z.array(z.string()),
  countsForScenario: z.boolean(),
  outcome: z.string().nullable(),
  comment: z.string().nullable(),
  actedOn: calendarDateSchema,
  userName: z.string().nullable(),
});

export const customerDunningSchema = z.object({
  profileId: z.uuid(),
  stopReason: z.string().nullable(),
  disputeReason: z.string().nullable(),
  items: z.array(dunningItemStateSchema),
  actions: z.array(dunningActionSchema),
});
export type CustomerDunning = z.infer<typeof customerDunningSchema>;

const reason = z.string().trim().min(1).max(500).nullable();

/** STOP, dispute and profile of a customer; a key left out is left as it is. */
export const customerDunningPatchSchema = z.object({
  stopReason: reason.optional(),
  disputeReason: reason.optional(),
  profileId: z.uuid().nullable().optional(),
});

const entryKeysSchema = z.array(z.string().min(1).max(200)).min(1).max(500);

/** STOP, dispute, collection or the next level set by hand on selected items (DUN-11). */
export const itemsPatchSchema = z.object({
  entryKeys: entryKeysSchema,
  stopReason: reason.optional(),
  disputeReason: reason.optional(),
  isInCollection: z.boolean().optional(),
  /** The level the items are at; the next step follows from it. */
  level: z.enum(DUNNING_LEVELS).optional(),
});

export const MANUAL_ACTION_KINDS = ['call', 'email', 'letter', 'other'] as const;

export const manualActionSchema = z.object({
  kind: z.enum(MANUAL_ACTION_KINDS),
  entryKeys: entryKeysSchema,
  /** DUN-11: moves the items one level up, or one-off (levels unchanged). */
  countsForScenario: z.boolean(),
  outcome: z.string().trim().max(200).nullable().optional(),
  comment: z.string().trim().max(2000).nullable().optional(),
  /** A promise made on the call (CSH-1): on each item, for its open amount unless one item and an amount. */
  promise: z.object({ date: calendarDateSchema, amount: centsSchema.positive().optional() }).optional(),
  /** For an email: what goes, as the user wrote it. */
  email: z
    .object({
      to: z.array(z.email()).min(1).max(10),
      cc: z.array(z.email()).max(10).default([]),
      /** Where answers go; the user's own address when absent (DUN-11). */
      replyTo: z.email().optional(),
      subject: z.string().trim().min(1).max(300),
      text: z.string().min(1).max(50_000),
      /** TPL-5: the customer's statement of account (its open items, as a PDF) goes with it. */
      attachStatement: z.boolean().default(false),
    })
    .optional(),
});

export const promiseBodySchema = z.object({
  entryKey: z.string().min(1).max(200),
  amount: centsSchema.positive(),
  date: calendarDateSchema,
});
export const promiseParamsSchema = z.object({ id: z.uuid(), promiseId: z.uuid() });

// —— the action list (issue 4 point 4) ———————————————————————————————————————————————————————

export const TASK_STATUSES = ['open', 'done', 'skipped'] as const;

export const taskSchema = z.object({
  id: z.uuid(),
  companyCode: z.string(),
  customerId: z.uuid().nullable(),
  account: z.string(),
  name: z.string().nullable(),
  channel: z.enum(CHANNELS),
  level: z.enum(DUNNING_LEVELS).nullable(),
  pieces: z.array(z.string()),
  dueDate: calendarDateSchema,
  /** Who follows the customer: the task is theirs (COL-5 portfolios). */
  salesRep: z.string().nullable(),
  collector: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  comment: z.string().nullable(),
  /** Who marked it done or skipped, and when. */
  doneByName: z.string().nullable(),
  doneAt: z.string().nullable(),
});
export type Task = z.infer<typeof taskSchema>;
export const tasksQuerySchema = z.object({ status: z.enum(TASK_STATUSES).default('open') });
/** `today`: the server's day, from which an open task is late. */
export const tasksSchema = z.object({ items: z.array(taskSchema), today: calendarDateSchema });
export const taskParamsSchema = z.object({ id: z.uuid() });
export const taskPatchSchema = z.object({
  status: z.enum(['done', 'skipped']),
  comment: z.string().trim().max(2000).nullable().optional(),
});

// —— mass reminder by criteria (DUN-10) ————————————————————————————————————————————————————————

const optionalInt = z.coerce.number().int().optional();

/** The criteria of a mass reminder; amounts in cents, on a customer's selected items. */
export const criteriaSchema = z.object({
  companyId: z.uuid(),
  profileId: z.uuid().optional(),
  level: z.enum(DUNNING_LEVELS).optional(),
  minDaysLate: optionalInt,
  maxDaysLate: optionalInt,
  minAmount: optionalInt,
  maxAmount: optionalInt,
  salesRep: z.string().max(200).optional(),
  collector: z.string().max(200).optional(),
  /** `yes`: customers in dispute only; `no`: not in dispute; absent: both. */
  disputed: z.enum(['yes', 'no']).optional(),
});
export type Criteria = z.infer<typeof criteriaSchema>;

export const criteriaCustomerSchema = z.object({
  customerId: z.uuid(),
  account: z.string(),
  name: z.string(),
  hasEmail: z.boolean(),
  isDisputed: z.boolean(),
  pieces: z.array(z.string()),
  total: centsSchema,
});
export const criteriaResultSchema = z.object({
  currency: z.string(),
  customers: z.array(criteriaCustomerSchema),
  total: centsSchema,
});
export type CriteriaResult = z.infer<typeof criteriaResultSchema>;

export const criteriaSendSchema = z.object({
  criteria: criteriaSchema,
  /** The customers of the result to write to (all by default). */
  accounts: z.array(z.string().min(1).max(100)).max(100_000).optional(),
  channel: z.enum(['email', 'letter']),
  templateId: z.string().min(1).max(100),
  /** DUN-11: moves the items one level up, or one-off. */
  countsForScenario: z.boolean(),
});

/** The email or letter one customer of a mass reminder would get (DUN-10). */
export const criteriaPreviewSchema = criteriaSendSchema
  .omit({ accounts: true, countsForScenario: true })
  .extend({ account: z.string().min(1).max(100) });

/** Payment methods met in the ledger; an automatic one (direct debit…) is never reminded (DUN-8). */
export const paymentMethodSchema = z.object({
  code: z.string(),
  label: z.string(),
  isAutomatic: z.boolean(),
});
export const paymentMethodsSchema = z.object({ items: z.array(paymentMethodSchema) });
export const paymentMethodBodySchema = z.object({
  code: z.string().min(1).max(100),
  isAutomatic: z.boolean(),
});
