import { type SQL, sql } from 'drizzle-orm';
import type { MonthFlow } from '../../../domain/receivables/receivable-kpis';
import { type Db, selectRows, type Tx } from '../../db/client';

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
export async function refreshMonthlyFlows(tx: Tx, scope: { orgId: string; companyId: string }) {
  const { orgId, companyId } = scope;
  await tx.db.execute(sql`delete from monthly_flows where org_id = ${orgId} and company_id = ${companyId}`);
  await tx.db.execute(sql`
    with journals as (
      select journal_code, upper(btrim(journal_code)) = any(${sql.param(OPENING_JOURNALS)}::text[]) as is_opening,
        sum(debit) > sum(credit) as is_sales
      from entries where org_id = ${orgId} and company_id = ${companyId} and gone_at is null
      group by journal_code
    )
    insert into monthly_flows (org_id, company_id, month, invoiced, credited, collected, net)
    select ${orgId}, ${companyId}, date_trunc('month', e.entry_date)::date,
      coalesce(sum(e.debit) filter (where j.is_sales and not j.is_opening), 0),
      coalesce(sum(e.credit) filter (where j.is_sales and not j.is_opening), 0),
      coalesce(sum(e.credit) filter (where not j.is_sales and not j.is_opening), 0),
      sum(e.debit - e.credit)
    from entries e join journals j on j.journal_code = e.journal_code
    where e.org_id = ${orgId} and e.company_id = ${companyId} and e.gone_at is null
    group by 3`);
  // Kept for the portfolio figures, which classify their customers' entries the company's way.
  await tx.db.execute(sql`
    update companies set options = jsonb_set(options, '{salesJournals}', coalesce((
      select jsonb_agg(journal_code order by journal_code) from (
        select journal_code from entries
        where org_id = ${orgId} and company_id = ${companyId} and gone_at is null
          and not upper(btrim(journal_code)) = any(${sql.param(OPENING_JOURNALS)}::text[])
        group by journal_code having sum(debit) > sum(credit)) j), '[]'::jsonb))
    where org_id = ${orgId} and id = ${companyId}`);
}

/**
 * The flows of the customers a portfolio-limited user follows (COL-5), computed from their
 * entries with the company's journal classification; oldest month first.
 */
export async function findPortfolioMonthlyFlows(
  db: Db,
  scope: { orgId: string; companyIds: readonly string[]; portfolio: SQL },
): Promise<MonthFlow[]> {
  if (scope.companyIds.length === 0) return [];
  return selectRows<MonthFlow>(
    db,
    sql`select date_trunc('month', e.entry_date)::date::text as month,
      coalesce(sum(e.debit) filter (where j.is_sales), 0)::bigint as invoiced,
      coalesce(sum(e.credit) filter (where j.is_sales), 0)::bigint as credited,
      coalesce(sum(e.credit) filter (where not j.is_sales and not j.is_opening), 0)::bigint as collected,
      sum(e.debit - e.credit)::bigint as net
    from customers c
    join companies co on co.org_id = c.org_id and co.id = c.company_id
    join entries e on e.org_id = c.org_id and e.company_id = c.company_id
      and e.entry_key >= c.account || chr(31) and e.entry_key < c.account || chr(32)
    cross join lateral (select coalesce(co.options->'salesJournals', '[]'::jsonb) ? e.journal_code as is_sales,
      upper(btrim(e.journal_code)) = any(${sql.param(OPENING_JOURNALS)}::text[]) as is_opening) j
    where c.org_id = ${scope.orgId} and c.company_id = any(${sql.param([...scope.companyIds])}::uuid[])
      and ${scope.portfolio} and e.gone_at is null
    group by 1 order by 1`,
  );
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
