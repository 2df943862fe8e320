import { z } from 'zod';
import { calendarDateSchema, centsSchema } from './common';

export const dashboardQuerySchema = z.object({
  companyId: z.uuid().optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

/** DSO and its companions (VIS-10); null when the ledger gives nothing to measure against. */
export const kpiFiguresSchema = z.object({
  dso: z.number().nullable(),
  bestPossibleDso: z.number().nullable(),
  averageDaysDelinquent: z.number().nullable(),
  cei: z.number().nullable(),
  atRiskShare: z.number().nullable(),
});
export type KpiFigures = z.infer<typeof kpiFiguresSchema>;

/** Receivables of one currency (companies with different ledger currencies are never added up). */
export const currencyBlockSchema = z.object({
  currency: z.string(),
  balance: centsSchema,
  overdue: centsSchema,
  notDue: centsSchema,
  /** Not due, then one bucket per range of the organization's aging bounds (VIS-2). */
  buckets: z.array(centsSchema),
  customersWithBalance: z.number().int(),
  customersOverdue: z.number().int(),
  kpis: kpiFiguresSchema,
  /** Credits of the collection journals over the last three months, oldest month first. */
  collected: z.array(z.object({ month: calendarDateSchema, amount: centsSchema })),
  /** Balance, overdue and not due at the end of each of the last 12 months, then today (VIS-3). */
  evolution: z.array(
    z.object({ day: calendarDateSchema, balance: centsSchema, overdue: centsSchema, notDue: centsSchema }),
  ),
});

export const dashboardSchema = z.object({
  asOf: calendarDateSchema,
  agingBounds: z.array(z.number().int()),
  /** True when the figures are limited to the user's portfolio (COL-5). */
  isPortfolio: z.boolean(),
  currencies: z.array(currencyBlockSchema),
  /** Ten customers owing the most overdue (VIS-3). */
  topDebtors: z.array(
    z.object({
      id: z.uuid(),
      account: z.string(),
      name: z.string(),
      companyCode: z.string(),
      currency: z.string(),
      overdue: centsSchema,
      balance: centsSchema,
      maxDaysLate: z.number().int().nullable(),
    }),
  ),
  /** Per company: the consolidated view of VIS-8. */
  companies: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      currency: z.string(),
      balance: centsSchema,
      overdue: centsSchema,
      notDue: centsSchema,
      lastSyncAt: z.string().nullable(),
    }),
  ),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
