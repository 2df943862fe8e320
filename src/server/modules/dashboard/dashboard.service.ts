import { type SQL, sql } from 'drizzle-orm';
import type { Dashboard } from '../../../contracts/dashboard';
import type { CalendarDate } from '../../../domain/calendar';
import type { Cents } from '../../../domain/money';
import { monthStartsBack } from '../../../domain/receivables/kpis';
import {
  computeReceivableKpis,
  evolutionDays,
  type MonthFlow,
  sumMonthFlows,
} from '../../../domain/receivables/receivable-kpis';
import { type Database, type Db, selectRows } from '../../db/client';
import type { AuthContext } from '../auth/auth.service';
import { findCompanies, getCompanyOrThrow } from '../companies/companies.queries';
import { ownerPredicate, portfolioCondition } from '../customers/customers.queries';
import { refreshStaleSummaries } from '../customers/customers.service';
import { getOrganizationSettings } from '../organizations/organization-settings';
import { addTotals, findDaySnapshots, type ReceivableTotals } from '../receivables/kpi-snapshots';
import { findMonthlyFlows, findPortfolioMonthlyFlows } from '../receivables/monthly-flows';
import { withCustomerReceivables } from '../reports/who-owes-what.queries';

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
 * The KPIs of one company for `today` — any day, earlier or later than the stored summaries —
 * computed from its open items and monthly flows without writing anything; the CLI's
 * `report kpis` prints them. The open items are those of the last sync: for a day before it,
 * settlements booked since are already taken into account.
 */
export async function computeCompanyKpis(
  database: Database,
  orgId: string,
  companyId: string,
  today: CalendarDate,
): Promise<CompanyKpis> {
  const company = await getCompanyOrThrow(database.db, orgId, companyId);
  const { agingBounds } = await getOrganizationSettings(database.db, orgId);
  const totals = {
    balance: 0,
    overdue: 0,
    notDue: 0,
    buckets: new Array<Cents>(agingBounds.length + 2).fill(0),
  };
  let customersWithBalance = 0;
  await withCustomerReceivables(database, { orgId, companyId, today, agingBounds }, async (customers) => {
    for await (const { summary } of customers) {
      totals.balance += summary.balance;
      totals.overdue += summary.overdue;
      totals.notDue += summary.notDue;
      summary.buckets.forEach((amount, i) => {
        totals.buckets[i]! += amount;
      });
      if (summary.balance !== 0) customersWithBalance += 1;
    }
  });
  const flows = (await findMonthlyFlows(database.db, orgId, companyId)).filter((f) => f.month <= today);
  const kpis = computeReceivableKpis({ today, ...totals, agingBounds, flows });
  return {
    companyId,
    companyCode: company.code,
    currency: company.currency,
    asOf: today,
    ...totals,
    agingBounds,
    customersWithBalance,
    ...kpis,
  };
}

/**
 * The dashboard (VIS-3) of the organization, or of one company, for `today`, limited to the
 * user's portfolio when they have one (COL-5). Amounts of different currencies are never added:
 * one block per ledger currency.
 */
export async function getDashboard(
  database: Database,
  auth: Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>,
  options: { companyId?: string | undefined; today: CalendarDate },
): Promise<Dashboard> {
  const { orgId } = auth;
  const { today } = options;
  if (options.companyId) await getCompanyOrThrow(database.db, orgId, options.companyId);
  await refreshStaleSummaries(database, orgId, today);
  const { db } = database;
  const { agingBounds } = await getOrganizationSettings(db, orgId);
  const companies = (await findCompanies(db, orgId)).filter(
    (c) => !options.companyId || c.id === options.companyId,
  );
  const isPortfolio = auth.role !== 'admin' && auth.portfolio !== null;
  const portfolio = portfolioCondition(auth);

  const bucketCount = agingBounds.length + 2;
  // Every company with a ledger has today's snapshot (refreshed above), taken from the same
  // summaries, with its totals per sales rep and collector: a portfolio adds up its own.
  const snapshots = await findDaySnapshots(
    db,
    orgId,
    companies.map((c) => c.id),
    today,
  );
  const inPortfolio = ownerPredicate(auth);
  const totalsOf = (companyId: string): ReceivableTotals | undefined => {
    const snapshot = snapshots.get(companyId);
    if (!snapshot || !isPortfolio) return snapshot;
    return addTotals((snapshot.byOwner ?? []).filter(inPortfolio), bucketCount);
  };
  const currencies: Dashboard['currencies'] = [];
  for (const currency of [...new Set(companies.map((c) => c.currency))].sort()) {
    const companyIds = companies.filter((c) => c.currency === currency).map((c) => c.id);
    const totals = addTotals(
      companyIds.map(totalsOf).filter((t) => t !== undefined),
      bucketCount,
    );
    const flows = isPortfolio
      ? await findPortfolioMonthlyFlows(db, { orgId, companyIds, portfolio })
      : sumMonthFlows(await Promise.all(companyIds.map((id) => findMonthlyFlows(db, orgId, id))));
    currencies.push({
      currency,
      ...totals,
      kpis: computeReceivableKpis({ today, ...totals, agingBounds, flows }),
      collected: lastMonthsCollected(flows, today, 3),
      evolution: isPortfolio ? [] : await findEvolution(db, orgId, companyIds, today),
    });
  }

  return {
    asOf: today,
    agingBounds,
    isPortfolio,
    currencies,
    topDebtors: await findTopDebtors(
      db,
      orgId,
      companies.map((c) => c.id),
      portfolio,
    ),
    companies: await findCompanyTotals(
      db,
      orgId,
      companies.map((c) => c.id),
      totalsOf,
    ),
  };
}

/** Collections of the current month and the months before it, oldest first. */
function lastMonthsCollected(flows: readonly MonthFlow[], today: CalendarDate, months: number) {
  const byMonth = new Map(flows.map((f) => [f.month, f.collected]));
  return monthStartsBack(today, months)
    .reverse()
    .map((month) => ({ month, amount: byMonth.get(month) ?? 0 }));
}

/**
 * The receivables at each month end of the last year and today, from the daily snapshots: for
 * each day and company, the latest snapshot taken on or before it (none before the first sync).
 */
async function findEvolution(db: Db, orgId: string, companyIds: string[], today: CalendarDate) {
  const days = evolutionDays(today, 12);
  const rows = await selectRows<{ day: string; balance: number; overdue: number; not_due: number }>(
    db,
    sql`select d.day::text as day, coalesce(sum(k.balance), 0)::bigint as balance,
      coalesce(sum(k.overdue), 0)::bigint as overdue, coalesce(sum(k.not_due), 0)::bigint as not_due
    from unnest(${sql.param(days)}::date[]) as d(day)
    cross join unnest(${sql.param(companyIds)}::uuid[]) as co(id)
    left join lateral (select balance, overdue, not_due from kpi_snapshots
      where org_id = ${orgId} and company_id = co.id and day <= d.day order by day desc limit 1) k on true
    group by d.day order by d.day`,
  );
  return rows.map((r) => ({ day: r.day, balance: r.balance, overdue: r.overdue, notDue: r.not_due }));
}

async function findTopDebtors(db: Db, orgId: string, companyIds: string[], portfolio: SQL) {
  const rows = await selectRows<{
    id: string;
    account: string;
    name: string;
    company_code: string;
    currency: string;
    overdue: number;
    balance: number;
    max_days_late: number | null;
  }>(
    db,
    sql`select c.id, c.account, c.name, co.code as company_code, co.currency, s.overdue, s.balance, s.max_days_late
    from customer_summaries s
    join customers c on c.org_id = s.org_id and c.company_id = s.company_id and c.account = s.customer_account
    join companies co on co.org_id = c.org_id and co.id = c.company_id
    where s.org_id = ${orgId} and s.company_id = any(${sql.param(companyIds)}::uuid[]) and s.overdue > 0 and ${portfolio}
    order by s.overdue desc, c.account limit 10`,
  );
  return rows.map((r) => ({
    id: r.id,
    account: r.account,
    name: r.name,
    companyCode: r.company_code,
    currency: r.currency,
    overdue: r.overdue,
    balance: r.balance,
    maxDaysLate: r.max_days_late,
  }));
}

/** Per company, the receivables `totalsOf` gives (the caller's share of today's snapshot). */
async function findCompanyTotals(
  db: Db,
  orgId: string,
  companyIds: string[],
  totalsOf: (companyId: string) => ReceivableTotals | undefined,
) {
  const rows = await selectRows<{
    id: string;
    code: string;
    name: string;
    currency: string;
    last_sync_at: string | null;
  }>(
    db,
    sql`select co.id, co.code, co.name, co.currency,
      (select max(y.finished_at) from syncs y where y.org_id = co.org_id and y.company_id = co.id and y.status = 'succeeded') as last_sync_at
    from companies co
    where co.org_id = ${orgId} and co.id = any(${sql.param(companyIds)}::uuid[])
    order by co.code`,
  );
  return rows.map((r) => {
    const totals = totalsOf(r.id);
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      currency: r.currency,
      balance: totals?.balance ?? 0,
      overdue: totals?.overdue ?? 0,
      notDue: totals?.notDue ?? 0,
      lastSyncAt: r.last_sync_at ? new Date(r.last_sync_at).toISOString() : null,
    };
  });
}
