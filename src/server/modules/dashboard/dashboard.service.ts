import type { CalendarDate } from '../../../domain/calendar';
import type { Cents } from '../../../domain/money';
import type { Database } from '../../db/client';

/** A company's receivables and KPIs on a day (VIS-3, VIS-10). */
export interface CompanyKpis {
  companyId: string;
  companyCode: string;
  currency: string;
  asOf: CalendarDate;
  balance: Cents;
  overdue: Cents;
  notDue: Cents;
  /** Aging buckets with the organization's bounds (VIS-2): not due, then each range. */
  buckets: Cents[];
  agingBounds: number[];
  customersWithBalance: number;
  /** Days, one decimal; null when the ledger has no sales to measure against. */
  dso: number | null;
  bestPossibleDso: number | null;
  averageDaysDelinquent: number | null;
  /** Collection effectiveness index over the last 3 months, percent with one decimal. */
  cei: number | null;
  /** Share of the balance more than 90 days past due, percent with one decimal. */
  atRiskShare: number | null;
}

/**
 * The KPIs of one company for `today`, refreshing its summaries first if they are stale.
 * Written with the dashboard (issue 3); the CLI's `report kpis` calls it.
 */
export async function computeCompanyKpis(
  _database: Database,
  _orgId: string,
  _companyId: string,
  _today: CalendarDate,
): Promise<CompanyKpis> {
  throw new Error('not written yet');
}
