import { z } from 'zod';
import { centsSchema, pageQuerySchema } from './common';

export const CUSTOMER_SORTS = ['name', 'account', 'balance', 'overdue', 'notDue'] as const;

export const customerListQuerySchema = pageQuerySchema.extend({
  companyId: z.uuid().optional(),
  search: z.string().trim().max(100).optional(),
  sort: z.enum(CUSTOMER_SORTS).default('overdue'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  /** Only customers with something overdue / with a non-zero balance. */
  filter: z.enum(['all', 'open', 'overdue']).default('all'),
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
  /** not due, 1–30, 31–60, 61–90, over 90 days (VIS-2). */
  buckets: z.array(centsSchema),
  openItemCount: z.number().int(),
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
});
export type CustomerList = z.infer<typeof customerListSchema>;
