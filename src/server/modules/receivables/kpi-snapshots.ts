import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../../domain/calendar';
import type { Cents } from '../../../domain/money';
import { computeReceivableKpis } from '../../../domain/receivables/receivable-kpis';
import { type Db, selectRows, type Tx } from '../../db/client';
import type { ListFilterTotals, OwnerTotals } from '../../db/schema';
import { findMonthlyFlows } from './monthly-flows';

export interface ReceivableTotals {
  balance: Cents;
  overdue: Cents;
  notDue: Cents;
  buckets: Cents[];
  customersWithBalance: number;
  customersOverdue: number;
}

export type ListFilter = keyof OwnerTotals['lists'];

/**
 * A company's customer summaries summed per sales rep and collector, in one pass: totals,
 * buckets, and the count and sums of each filter of who owes what (VIS-4). `bucketCount` is the
 * number of buckets of the organization's bounds.
 */
export async function sumSummariesByOwner(
  db: Db,
  scope: { orgId: string; companyId: string },
  bucketCount: number,
): Promise<OwnerTotals[]> {
  const bucketSums = sql.join(
    Array.from(
      { length: bucketCount },
      (_, i) => sql`coalesce(sum((s.buckets->>${sql.raw(String(i))})::bigint), 0)::bigint`,
    ),
    sql`, `,
  );
  const rows = await selectRows<{
    sales_rep: string | null;
    collector: string | null;
    count: number;
    balance: number;
    overdue: number;
    not_due: number;
    with_balance: number;
    overdue_count: number;
    open_items: number;
    late_balance: number;
    late_overdue: number;
    late_not_due: number;
    buckets: number[];
  }>(
    db,
    sql`select c.sales_rep, c.collector, count(*)::int as count, sum(s.balance)::bigint as balance,
      sum(s.overdue)::bigint as overdue, sum(s.not_due)::bigint as not_due,
      count(*) filter (where s.balance <> 0)::int as with_balance,
      count(*) filter (where s.overdue > 0)::int as overdue_count,
      sum(s.open_item_count)::int as open_items,
      coalesce(sum(s.balance) filter (where s.overdue > 0), 0)::bigint as late_balance,
      coalesce(sum(s.overdue) filter (where s.overdue > 0), 0)::bigint as late_overdue,
      coalesce(sum(s.not_due) filter (where s.overdue > 0), 0)::bigint as late_not_due,
      jsonb_build_array(${bucketSums}) as buckets
    from customer_summaries s join customers c on c.org_id = s.org_id and c.company_id = s.company_id and c.account = s.customer_account
    where s.org_id = ${scope.orgId} and s.company_id = ${scope.companyId}
    group by c.sales_rep, c.collector
    order by c.sales_rep nulls first, c.collector nulls first`,
  );
  return rows.map((r) => ({
    salesRep: r.sales_rep,
    collector: r.collector,
    balance: r.balance,
    overdue: r.overdue,
    notDue: r.not_due,
    // jsonb numbers come back as JS numbers: sums of cents, far below 2^53.
    buckets: r.buckets.map(Number),
    customersWithBalance: r.with_balance,
    customersOverdue: r.overdue_count,
    openItems: r.open_items,
    lists: {
      all: { count: r.count, balance: r.balance, overdue: r.overdue, notDue: r.not_due },
      // Customers without a balance add nothing: the same sums, fewer customers.
      open: { count: r.with_balance, balance: r.balance, overdue: r.overdue, notDue: r.not_due },
      overdue: {
        count: r.overdue_count,
        balance: r.late_balance,
        overdue: r.late_overdue,
        notDue: r.late_not_due,
      },
    },
  }));
}

/** The sum of several owners' (or companies') totals; `bucketCount` buckets whatever they hold. */
export function addTotals(parts: Iterable<ReceivableTotals>, bucketCount: number): ReceivableTotals {
  const totals: ReceivableTotals = {
    balance: 0,
    overdue: 0,
    notDue: 0,
    buckets: new Array<Cents>(bucketCount).fill(0),
    customersWithBalance: 0,
    customersOverdue: 0,
  };
  for (const part of parts) {
    totals.balance += part.balance;
    totals.overdue += part.overdue;
    totals.notDue += part.notDue;
    part.buckets.forEach((amount, i) => {
      if (i < bucketCount) totals.buckets[i]! += amount;
    });
    totals.customersWithBalance += part.customersWithBalance;
    totals.customersOverdue += part.customersOverdue;
  }
  return totals;
}

/** The sum of one filter's list totals over several owners. */
export function addListTotals(owners: Iterable<OwnerTotals>, filter: ListFilter): ListFilterTotals {
  const sum: ListFilterTotals = { count: 0, balance: 0, overdue: 0, notDue: 0 };
  for (const { lists } of owners) {
    sum.count += lists[filter].count;
    sum.balance += lists[filter].balance;
    sum.overdue += lists[filter].overdue;
    sum.notDue += lists[filter].notDue;
  }
  return sum;
}

/** A company's snapshot of one day, as the dashboard and who owes what read it. */
export interface DaySnapshot extends ReceivableTotals {
  companyId: string;
  /** Null only on a snapshot taken before owners were recorded. */
  byOwner: OwnerTotals[] | null;
}

/**
 * Today's snapshots of these companies, one per company with a ledger: every refresh of the
 * summaries ends with the day's snapshot in the same transaction, so they hold the same figures.
 */
export async function findDaySnapshots(
  db: Db,
  orgId: string,
  companyIds: readonly string[],
  day: CalendarDate,
): Promise<Map<string, DaySnapshot>> {
  const rows = await selectRows<{
    company_id: string;
    balance: number;
    overdue: number;
    not_due: number;
    buckets: number[];
    customers_with_balance: number;
    customers_overdue: number;
    by_owner: OwnerTotals[] | null;
  }>(
    db,
    sql`select company_id, balance, overdue, not_due, buckets, customers_with_balance, customers_overdue, by_owner
    from kpi_snapshots where org_id = ${orgId} and company_id = any(${sql.param([...companyIds])}::uuid[]) and day = ${day}`,
  );
  return new Map(
    rows.map((r) => [
      r.company_id,
      {
        companyId: r.company_id,
        balance: r.balance,
        overdue: r.overdue,
        notDue: r.not_due,
        buckets: r.buckets.map(Number),
        customersWithBalance: r.customers_with_balance,
        customersOverdue: r.customers_overdue,
        byOwner: r.by_owner,
      },
    ]),
  );
}

/**
 * The per-owner totals of `day`'s snapshots of the organization (or of one company), with each
 * company's currency: what list totals add up. `byOwner` is null on a snapshot older than them.
 */
export function findDayOwnerTotals(
  db: Db,
  scope: { orgId: string; day: CalendarDate; companyId?: string | undefined },
): Promise<{ currency: string; byOwner: OwnerTotals[] | null }[]> {
  return selectRows(
    db,
    sql`select co.currency, k.by_owner as "byOwner"
    from kpi_snapshots k join companies co on co.org_id = k.org_id and co.id = k.company_id
    where k.org_id = ${scope.orgId} and k.day = ${scope.day}
      ${scope.companyId ? sql`and k.company_id = ${scope.companyId}` : sql``}`,
  );
}

/**
 * Records the company's receivables and KPIs for `today` (VIS-3 evolution), in the caller's
 * transaction, after its summaries were refreshed: taken at each sync and at the first request
 * of a day. A second snapshot the same day replaces the first.
 */
export async function takeKpiSnapshot(
  tx: Tx,
  scope: { orgId: string; companyId: string; today: CalendarDate; agingBounds: readonly number[] },
): Promise<void> {
  const { orgId, companyId, today, agingBounds } = scope;
  const byOwner = await sumSummariesByOwner(tx.db, { orgId, companyId }, agingBounds.length + 2);
  const totals = addTotals(byOwner, agingBounds.length + 2);
  const kpis = computeReceivableKpis({
    today,
    balance: totals.balance,
    notDue: totals.notDue,
    buckets: totals.buckets,
    agingBounds,
    flows: await findMonthlyFlows(tx.db, orgId, companyId),
  });
  await tx.db.execute(sql`
    insert into kpi_snapshots (org_id, company_id, day, balance, overdue, not_due, buckets, customers_with_balance,
      customers_overdue, by_owner, kpis, taken_at)
    values (${orgId}, ${companyId}, ${today}, ${totals.balance}, ${totals.overdue}, ${totals.notDue},
      ${JSON.stringify(totals.buckets)}::jsonb, ${totals.customersWithBalance}, ${totals.customersOverdue},
      ${JSON.stringify(byOwner)}::jsonb, ${JSON.stringify(kpis)}::jsonb, now())
    on conflict (org_id, company_id, day) do update set balance = excluded.balance, overdue = excluded.overdue,
      not_due = excluded.not_due, buckets = excluded.buckets, customers_with_balance = excluded.customers_with_balance,
      customers_overdue = excluded.customers_overdue, by_owner = excluded.by_owner,
      kpis = excluded.kpis, taken_at = excluded.taken_at`);
}
