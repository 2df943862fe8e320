import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../../domain/calendar';
import type { Cents } from '../../../domain/money';
import { computeReceivableKpis } from '../../../domain/receivables/receivable-kpis';
import { type Db, selectRows, type Tx } from '../../db/client';
import { findMonthlyFlows } from './monthly-flows';

export interface ReceivableTotals {
  balance: Cents;
  overdue: Cents;
  notDue: Cents;
  buckets: Cents[];
  customersWithBalance: number;
  customersOverdue: number;
}

/**
 * Sums customer summaries (already filtered by `where`, over `customer_summaries s` joined to
 * `customers c`) into totals and buckets. `bucketCount` pads the buckets when nothing is open.
 */
export async function sumSummaries(db: Db, where: ReturnType<typeof sql>, bucketCount: number) {
  const [totals] = await selectRows<{
    balance: number;
    overdue: number;
    not_due: number;
    with_balance: number;
    overdue_count: number;
  }>(
    db,
    sql`select coalesce(sum(s.balance), 0)::bigint as balance, coalesce(sum(s.overdue), 0)::bigint as overdue,
      coalesce(sum(s.not_due), 0)::bigint as not_due, count(*) filter (where s.balance <> 0)::int as with_balance,
      count(*) filter (where s.overdue > 0)::int as overdue_count
    from customer_summaries s join customers c on c.org_id = s.org_id and c.company_id = s.company_id and c.account = s.customer_account
    where ${where}`,
  );
  const bucketRows = await selectRows<{ i: number; amount: number }>(
    db,
    sql`select (b.ord - 1)::int as i, sum(b.value::bigint)::bigint as amount
    from customer_summaries s join customers c on c.org_id = s.org_id and c.company_id = s.company_id and c.account = s.customer_account,
      jsonb_array_elements_text(s.buckets) with ordinality as b(value, ord)
    where ${where} group by b.ord order by b.ord`,
  );
  const buckets = new Array<Cents>(bucketCount).fill(0);
  for (const row of bucketRows) if (row.i < bucketCount) buckets[row.i] = row.amount;
  return {
    balance: totals?.balance ?? 0,
    overdue: totals?.overdue ?? 0,
    notDue: totals?.not_due ?? 0,
    buckets,
    customersWithBalance: totals?.with_balance ?? 0,
    customersOverdue: totals?.overdue_count ?? 0,
  } satisfies ReceivableTotals;
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
  const totals = await sumSummaries(
    tx.db,
    sql`s.org_id = ${orgId} and s.company_id = ${companyId}`,
    agingBounds.length + 2,
  );
  const kpis = computeReceivableKpis({
    today,
    balance: totals.balance,
    notDue: totals.notDue,
    buckets: totals.buckets,
    agingBounds,
    flows: await findMonthlyFlows(tx.db, orgId, companyId),
  });
  await tx.db.execute(sql`
    insert into kpi_snapshots (org_id, company_id, day, balance, overdue, not_due, buckets, customers_with_balance, kpis, taken_at)
    values (${orgId}, ${companyId}, ${today}, ${totals.balance}, ${totals.overdue}, ${totals.notDue},
      ${JSON.stringify(totals.buckets)}::jsonb, ${totals.customersWithBalance}, ${JSON.stringify(kpis)}::jsonb, now())
    on conflict (org_id, company_id, day) do update set balance = excluded.balance, overdue = excluded.overdue,
      not_due = excluded.not_due, buckets = excluded.buckets, customers_with_balance = excluded.customers_with_balance,
      kpis = excluded.kpis, taken_at = excluded.taken_at`);
}
