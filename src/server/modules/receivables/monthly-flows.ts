import { type SQL, sql } from 'drizzle-orm';
import type { MonthFlow } from '../../../domain/receivables/receivable-kpis';
import { type Db, selectRows, type Tx, withoutNestedLoops } from '../../db/client';
import type { JournalMonthSums } from '../../import/ledger-staging';

/**
 * Journals of opening balances (à-nouveaux): their lines carry old receivables forward, they are
 * neither sales nor collections of the period.
 */
const OPENING_JOURNALS = ['AN', 'RAN', 'ANO', 'ANX', 'OUV'];

/**
 * Derives the company's `monthly_flows` from its customer ledger (IMP-5 data, VIS-10 inputs), in
 * the sync's transaction. A journal is a sales journal when its customer-ledger debits exceed its
 * credits (invoices with a few credit notes); the credits of every other journal are collections
 * (bank, cash, bills, offsets). Opening journals count only in `net`.
 */
export async function refreshMonthlyFlows(
  tx: Tx,
  scope: { orgId: string; companyId: string },
  /** The live entries' sums by journal and month, when the import counted them while reading. */
  counted?: readonly JournalMonthSums[],
) {
  const { orgId, companyId } = scope;
  await tx.db.execute(sql`delete from monthly_flows where org_id = ${orgId} and company_id = ${companyId}`);
  // Else one pass over the ledger, grouped by journal and month, without a join: right after a
  // bulk load the planner has no statistics, and a join of the entries with their journals'
  // totals became a nested loop (minutes for 100,000 entries). The rest is a few hundred sums.
  const sums =
    counted?.map((f) => ({
      journal_code: f.journalCode,
      month: f.month,
      debit: f.debit,
      credit: f.credit,
    })) ??
    (await selectRows<{ journal_code: string; month: string; debit: number; credit: number }>(
      tx.db,
      sql`select journal_code, date_trunc('month', entry_date)::date::text as month,
      sum(debit)::bigint as debit, sum(credit)::bigint as credit
    from entries where org_id = ${orgId} and company_id = ${companyId} and gone_at is null
    group by 1, 2`,
    ));
  const journals = new Map<string, { debit: number; credit: number }>();
  for (const row of sums) {
    const journal = journals.get(row.journal_code) ?? { debit: 0, credit: 0 };
    journal.debit += row.debit;
    journal.credit += row.credit;
    journals.set(row.journal_code, journal);
  }
  const isOpening = (code: string) => OPENING_JOURNALS.includes(code.trim().toUpperCase());
  const salesJournals = [...journals]
    .filter(([code, j]) => !isOpening(code) && j.debit > j.credit)
    .map(([code]) => code)
    .sort();
  const sales = new Set(salesJournals);
  const months = new Map<string, MonthFlow>();
  for (const row of sums) {
    const flow = months.get(row.month) ?? {
      month: row.month,
      invoiced: 0,
      credited: 0,
      collected: 0,
      net: 0,
    };
    flow.net += row.debit - row.credit;
    if (sales.has(row.journal_code)) {
      flow.invoiced += row.debit;
      flow.credited += row.credit;
    } else if (!isOpening(row.journal_code)) {
      flow.collected += row.credit;
    }
    months.set(row.month, flow);
  }
  if (months.size > 0) {
    await tx.copyFrom('monthly_flows (org_id, company_id, month, invoiced, credited, collected, net)', [
      flowLines(`${orgId}\t${companyId}\t`, months.values()),
    ]);
  }
  // Kept for the portfolio figures, which classify their customers' entries the company's way.
  await tx.db.execute(sql`
    update companies set options = jsonb_set(options, '{salesJournals}', ${JSON.stringify(salesJournals)}::jsonb)
    where org_id = ${orgId} and id = ${companyId}`);
  return { salesJournals, months: [...months.values()] };
}

function flowLines(prefix: string, flows: Iterable<MonthFlow>): string {
  let text = '';
  for (const f of flows)
    text += `${prefix}${f.month}\t${f.invoiced}\t${f.credited}\t${f.collected}\t${f.net}\n`;
  return text;
}

/**
 * Derives `owner_monthly_flows`: the flows of `monthly_flows` split by the customers' sales rep
 * and collector, with the company's journal classification (`salesJournals`, from
 * {@link refreshMonthlyFlows}). Run when the ledger or the customers change.
 */
export async function refreshOwnerMonthlyFlows(
  tx: Tx,
  scope: {
    orgId: string;
    companyId: string;
    salesJournals: readonly string[];
    /** The company's flows, just derived by {@link refreshMonthlyFlows}, when they were. */
    months?: readonly MonthFlow[] | undefined;
  },
) {
  const { orgId, companyId } = scope;
  await tx.db.execute(
    sql`delete from owner_monthly_flows where org_id = ${orgId} and company_id = ${companyId}`,
  );
  // A company whose customers have neither sales rep nor collector (a ledger without a customers
  // file) has one owner, nobody: its flows are the company's, with no pass over the entries.
  if (scope.months && !(await hasOwners(tx, orgId, companyId))) {
    if (scope.months.length === 0) return;
    await tx.copyFrom(
      'owner_monthly_flows (org_id, company_id, sales_rep, collector, month, invoiced, credited, collected, net)',
      [flowLines(`${orgId}\t${companyId}\t\t\t`, scope.months)],
    );
    return;
  }
  // Every entry meets its customer: a hash join. Right after a bulk load the entries have no
  // statistics, and a nested loop over a million of them would be planned as a few.
  await withoutNestedLoops(tx, () =>
    tx.db.execute(sql`
    insert into owner_monthly_flows (org_id, company_id, sales_rep, collector, month, invoiced, credited, collected, net)
    select ${orgId}::uuid, ${companyId}::uuid, coalesce(c.sales_rep, ''), coalesce(c.collector, ''),
      date_trunc('month', e.entry_date)::date,
      coalesce(sum(e.debit) filter (where j.is_sales), 0), coalesce(sum(e.credit) filter (where j.is_sales), 0),
      coalesce(sum(e.credit) filter (where not j.is_sales and not j.is_opening), 0), sum(e.debit - e.credit)
    from entries e
    join customers c on c.org_id = e.org_id and c.company_id = e.company_id and c.account = e.customer_account
    cross join lateral (select e.journal_code = any(${sql.param([...scope.salesJournals])}::text[]) as is_sales,
      upper(btrim(e.journal_code)) = any(${sql.param(OPENING_JOURNALS)}::text[]) as is_opening) j
    where e.org_id = ${orgId} and e.company_id = ${companyId} and e.gone_at is null
    group by 3, 4, 5`),
  );
}

async function hasOwners(tx: Tx, orgId: string, companyId: string): Promise<boolean> {
  const [row] = await selectRows<{ owned: boolean }>(
    tx.db,
    sql`select exists (select 1 from customers where org_id = ${orgId} and company_id = ${companyId}
      and (coalesce(sales_rep, '') <> '' or coalesce(collector, '') <> '')) as owned`,
  );
  return row?.owned === true;
}

/**
 * The flows of the customers a portfolio-limited user follows (COL-5), oldest month first:
 * `portfolio` is a condition on `c.sales_rep` and `c.collector`, which name the owners here.
 */
export async function findPortfolioMonthlyFlows(
  db: Db,
  scope: { orgId: string; companyIds: readonly string[]; portfolio: SQL },
): Promise<MonthFlow[]> {
  if (scope.companyIds.length === 0) return [];
  return selectRows<MonthFlow>(
    db,
    sql`select month::text as month, sum(invoiced)::bigint as invoiced, sum(credited)::bigint as credited,
      sum(collected)::bigint as collected, sum(net)::bigint as net
    from owner_monthly_flows c
    where c.org_id = ${scope.orgId} and c.company_id = any(${sql.param([...scope.companyIds])}::uuid[])
      and ${scope.portfolio}
    group by month order by month`,
  );
}

/** The sales journals the last ledger sync found (none before the first). */
export async function findSalesJournals(tx: Tx, orgId: string, companyId: string): Promise<string[]> {
  const [row] = await selectRows<{ journals: string[] | null }>(
    tx.db,
    sql`select options->'salesJournals' as journals from companies where org_id = ${orgId} and id = ${companyId}`,
  );
  return row?.journals ?? [];
}

export type { MonthFlow };

/** The company's flows per month, oldest first. */
export async function findMonthlyFlows(db: Db, orgId: string, companyId: string): Promise<MonthFlow[]> {
  return selectRows<MonthFlow>(
    db,
    sql`select month::text as month, invoiced, credited, collected, net from monthly_flows
      where org_id = ${orgId} and company_id = ${companyId} order by month`,
  );
}
