import { z } from 'zod';
import { calendarDateSchema, centsSchema, pageQuerySchema } from './common';

/**
 * What an activity's status can be: a reminder's (`REMINDER_STATUSES`, DUN-13, TPL-5), or `done`
 * for an action a person recorded by hand (DUN-11: a call, a manual email or letter, another action).
 */
export const ACTIVITY_STATUSES = [
  'planned',
  'sending',
  'deferred',
  'sent',
  'bounced',
  'failed',
  'cancelled',
  'done',
] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const ACTIVITY_CHANNELS = ['email', 'letter', 'call', 'other'] as const;
export type ActivityChannel = (typeof ACTIVITY_CHANNELS)[number];

/** `reminder`: a row of `reminders` (planned or sent by the app); `action`: a manual action. */
export const ACTIVITY_SOURCES = ['reminder', 'action'] as const;

/** The Activities page's filters and page (DUN-14); every bound is inclusive. */
export const activityListQuerySchema = z
  .object({
    status: z.enum(ACTIVITY_STATUSES).optional(),
    channel: z.enum(ACTIVITY_CHANNELS).optional(),
    /** `automatic` (the nightly run, DUN-12), or the id of the user who acted. */
    actor: z.union([z.literal('automatic'), z.uuid()]).optional(),
    companyId: z.uuid().optional(),
    from: calendarDateSchema.optional(),
    to: calendarDateSchema.optional(),
    /** Part of the customer's name or account. */
    search: z.string().trim().max(100).optional(),
  })
  .extend(pageQuerySchema.shape);
export type ActivityListQuery = z.infer<typeof activityListQuerySchema>;

export const activitySchema = z.object({
  id: z.uuid(),
  source: z.enum(ACTIVITY_SOURCES),
  channel: z.string(),
  status: z.enum(ACTIVITY_STATUSES),
  /** `automatic`: the app sent it on its own; `user`: `userName` did. */
  actor: z.enum(['automatic', 'user']),
  userId: z.uuid().nullable(),
  userName: z.string().nullable(),
  /** When it was sent, or recorded when not (yet) sent. */
  at: z.iso.datetime({ offset: true }),
  companyId: z.uuid(),
  companyCode: z.string(),
  customerId: z.uuid().nullable(),
  customerAccount: z.string(),
  customerName: z.string().nullable(),
  level: z.string().nullable(),
  subject: z.string().nullable(),
  total: centsSchema.nullable(),
  currency: z.string().nullable(),
  hasDocument: z.boolean(),
});
export type Activity = z.infer<typeof activitySchema>;

export const activityListSchema = z.object({
  items: z.array(activitySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Who may be picked in the actor filter: the organization's users who acted. */
  users: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type ActivityList = z.infer<typeof activityListSchema>;

/** The archived content of one activity (DUN-14): the email as sent, the letter's items. */
export const activityDetailSchema = activitySchema.extend({
  email: z
    .object({
      to: z.string(),
      cc: z.string().nullable(),
      fromName: z.string().nullable(),
      replyTo: z.string().nullable(),
      messageId: z.string().nullable(),
      subject: z.string(),
      text: z.string(),
      html: z.string().nullable(),
      /** The mail message's own status (outbox without SMTP settings) and the server's reply. */
      deliveryStatus: z.string().nullable(),
      transportReply: z.string().nullable(),
      /** The files it carried, as recorded (DUN-11, TPL-5): invoice PDFs and the statement. */
      attachments: z.array(
        z.object({
          fileName: z.string(),
          kind: z.enum(['invoice', 'statement']),
          sizeBytes: z.number().int(),
          sha256: z.string(),
        }),
      ),
    })
    .nullable(),
  items: z.array(
    z.object({
      pieceRef: z.string(),
      dueDate: calendarDateSchema.nullable(),
      amount: centsSchema.nullable(),
    }),
  ),
  error: z.string().nullable(),
  attempts: z.number().int(),
  outcome: z.string().nullable(),
  comment: z.string().nullable(),
});
export type ActivityDetail = z.infer<typeof activityDetailSchema>;
