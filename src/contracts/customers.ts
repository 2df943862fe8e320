import { z } from 'zod';
import { centsSchema, pageQuerySchema } from './common';

export const CUSTOMER_SORTS = ['name', 'account', 'balance', 'overdue', 'notDue', 'daysLate'] as const;

export const customerListQuerySchema = pageQuerySchema.extend({
  companyId: z.uuid().optional(),
  search: z.string().trim().max(100).optional(),
  sort: z.enum(CUSTOMER_SORTS).default('overdue'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  /** Only customers with something overdue / with a non-zero balance. */
  filter: z.enum(['all', 'open', 'overdue']).default('all'),
  /** Customers followed by this sales representative / collector. */
  salesRep: z.string().trim().max(100).optional(),
  collector: z.string().trim().max(100).optional(),
});
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;

export const customerRowSchema = z.object({
  id: z.uuid(),
  companyId: z.uuid(),
  companyCode: z.string(),
  account: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  currency: z.string(),
  balance: centsSchema,
  overdue: centsSchema,
  notDue: centsSchema,
  /** Not due, then one bucket per range of the organization's aging bounds (VIS-2). */
  buckets: z.array(centsSchema),
  openItemCount: z.number().int(),
  /** Days late of the oldest overdue debit (VIS-1), null when nothing is overdue. */
  maxDaysLate: z.number().int().nullable(),
  salesRep: z.string().nullable(),
  collector: z.string().nullable(),
});
export type CustomerRowDto = z.infer<typeof customerRowSchema>;

export const customerListSchema = z.object({
  items: z.array(customerRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Sums over every customer matching the filter (not only this page), per currency. */
  totals: z.array(
    z.object({ currency: z.string(), balance: centsSchema, overdue: centsSchema, notDue: centsSchema }),
  ),
  asOf: z.string(),
  agingBounds: z.array(z.number().int()),
});
export type CustomerList = z.infer<typeof customerListSchema>;

export const customerExportQuerySchema = customerListQuerySchema.omit({ page: true, pageSize: true }).extend({
  format: z.enum(['csv', 'xlsx']),
});
export type CustomerExportQuery = z.infer<typeof customerExportQuerySchema>;
