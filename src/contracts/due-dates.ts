import { z } from 'zod';
import { calendarDateSchema, centsSchema, pageQuerySchema } from './common';

export const DUE_DATE_SORTS = ['dueDate', 'daysLate', 'amount', 'customer'] as const;
export const DUE_STATUSES = ['overdue', 'notDue'] as const;
export const ITEM_SIDES = ['debit', 'credit'] as const;

/** Days late (VIS-1) as a whole number; the lower bound may be negative ("due in N days"). */
const daysLateSchema = z.coerce.number().int().min(-36_500).max(36_500);

/**
 * Filters of the due-date tracking list (VIS-5), shared by the page and its export. Every bound
 * is inclusive.
 */
export const dueDateFilterSchema = z.object({
  companyId: z.uuid().optional(),
  /** overdue: due date before today; notDue: today or later (VIS-1). */
  status: z.enum(['all', ...DUE_STATUSES]).default('all'),
  /** Open debits (invoices) or open credits (payments, credit notes). */
  side: z.enum(['all', ...ITEM_SIDES]).default('all'),
  dueFrom: calendarDateSchema.optional(),
  dueTo: calendarDateSchema.optional(),
  /** Days late as shown (VIS-1: a debit `today − due − 1`, a credit `today − due`). */
  daysLateMin: daysLateSchema.optional(),
  daysLateMax: daysLateSchema.optional(),
  /** Part of the customer's name or account. */
  search: z.string().trim().max(100).optional(),
  /** Smallest open amount, in cents, debit or credit alike (compared without its sign). */
  minAmount: z.coerce.number().int().min(0).optional(),
  /** amount: the signed open amount; customer: name, then account. */
  sort: z.enum(DUE_DATE_SORTS).default('dueDate'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});
export type DueDateFilter = z.infer<typeof dueDateFilterSchema>;

export const dueDateListQuerySchema = dueDateFilterSchema.extend(pageQuerySchema.shape);
export type DueDateListQuery = z.infer<typeof dueDateListQuerySchema>;

export const dueDateExportQuerySchema = dueDateFilterSchema.extend({
  format: z.enum(['csv', 'xlsx']),
});
export type DueDateExportQuery = z.infer<typeof dueDateExportQuerySchema>;

/** One open item (VIS-5). Amounts are signed: > 0 a debit, < 0 a credit, in the ledger currency. */
export const dueDateRowSchema = z.object({
  entryKey: z.string(),
  companyId: z.uuid(),
  companyCode: z.string(),
  /** The company's ledger currency: the currency of `entryAmount` and `openAmount`. */
  currency: z.string(),
  customerId: z.uuid(),
  customerAccount: z.string(),
  customerName: z.string(),
  pieceRef: z.string(),
  label: z.string(),
  documentDate: calendarDateSchema,
  dueDate: calendarDateSchema,
  /** The entry's debit, or its credit as a negative amount. */
  entryAmount: centsSchema,
  /** What is still open of it (partly paid when it differs from `entryAmount`). */
  openAmount: centsSchema,
  isPartial: z.boolean(),
  /** VIS-12: the amount in its original currency, in that currency's minor units, when the source gave one. */
  originalAmount: z.number().int().nullable(),
  originalCurrency: z.string().nullable(),
  /** VIS-1; negative before the due date (a debit due today shows −1). */
  daysLate: z.number().int(),
  status: z.enum(DUE_STATUSES),
  side: z.enum(ITEM_SIDES),
});
export type DueDateRow = z.infer<typeof dueDateRowSchema>;

/** Sums over every matching open item, per ledger currency (never added across currencies). */
export const dueDateTotalSchema = z.object({
  currency: z.string(),
  count: z.number().int(),
  /** Open debits − open credits. */
  balance: centsSchema,
  /** Overdue open debits − overdue open credits (VIS-1). */
  overdue: centsSchema,
  notDue: centsSchema,
});

export const dueDateListSchema = z.object({
  items: z.array(dueDateRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  totals: z.array(dueDateTotalSchema),
  asOf: calendarDateSchema,
  /** The organization's aging bounds (VIS-2), from which the page offers days-late ranges. */
  agingBounds: z.array(z.number().int()),
});
export type DueDateList = z.infer<typeof dueDateListSchema>;
