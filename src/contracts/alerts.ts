import { z } from 'zod';
import { calendarDateSchema, centsSchema } from './common';

/** Alerts computed from today's ledger (VIS-9). */
export const LEDGER_ALERT_KINDS = ['staleSync', 'prescription', 'missingEmail', 'missingAddress'] as const;
/** Alerts of dunning (DUN-15): reminders, actions, promises, STOP. */
export const DUNNING_ALERT_KINDS = [
  'failedEmails',
  'overdueActions',
  'latePromises',
  'stopWithOverdue',
] as const;
export const ALERT_KINDS = [...LEDGER_ALERT_KINDS, ...DUNNING_ALERT_KINDS] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** How many rows each alert carries; its count says how many there are in all. */
export const ALERT_ROW_LIMIT = 5;

export const alertsQuerySchema = z.object({
  /** Only this company's customers, invoices and syncs. */
  companyId: z.uuid().optional(),
});
export type AlertsQuery = z.infer<typeof alertsQuerySchema>;

/** A customer owing something (balance > 0), with the web page where it is acted on. */
export const customerAlertRowSchema = z.object({
  customerId: z.uuid(),
  account: z.string(),
  name: z.string(),
  companyCode: z.string(),
  currency: z.string(),
  balance: centsSchema,
  /** The customer record. */
  href: z.string(),
});

export const syncAlertRowSchema = z.object({
  companyId: z.uuid(),
  companyCode: z.string(),
  companyName: z.string(),
  /** When its last successful ledger sync finished; null when it never had one. */
  lastSyncAt: z.iso.datetime({ offset: true }).nullable(),
  /** DUN-12 freshness window. */
  freshnessHours: z.number().int(),
  /** The import page, on that company. */
  href: z.string(),
});

export const prescriptionAlertRowSchema = z.object({
  customerId: z.uuid(),
  account: z.string(),
  name: z.string(),
  companyCode: z.string(),
  currency: z.string(),
  entryKey: z.string(),
  pieceRef: z.string(),
  dueDate: calendarDateSchema,
  openAmount: centsSchema,
  debtor: z.enum(['merchant', 'consumer']),
  /** Last day on which the claim can be enforced. */
  prescriptionDate: calendarDateSchema,
  status: z.enum(['approaching', 'prescribed']),
  /** Days until the prescription date; negative once prescribed. */
  daysLeft: z.number().int(),
  href: z.string(),
});

const alertBase = { available: z.literal(true), count: z.number().int() };

export const alertSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['missingEmail', 'missingAddress', ...DUNNING_ALERT_KINDS]),
    ...alertBase,
    rows: z.array(customerAlertRowSchema),
  }),
  z.object({ kind: z.literal('staleSync'), ...alertBase, rows: z.array(syncAlertRowSchema) }),
  z.object({
    kind: z.literal('prescription'),
    ...alertBase,
    /** Among `count`, those already prescribed. */
    prescribedCount: z.number().int(),
    rows: z.array(prescriptionAlertRowSchema),
  }),
]);
export type Alert = z.infer<typeof alertSchema>;

export const alertsSchema = z.object({
  asOf: calendarDateSchema,
  /** Invoices are listed from this many days before their prescription date. */
  prescriptionWarningDays: z.number().int(),
  alerts: z.array(alertSchema),
});
export type Alerts = z.infer<typeof alertsSchema>;
