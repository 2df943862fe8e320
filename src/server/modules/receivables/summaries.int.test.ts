import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSharedFec, NEOLEGAL_111 } from '../../../../test/support/ledger-fixtures';
import { createTenant, createTestDatabase, type TestTenant } from '../../../../test/support/test-app';
import { customerListQuerySchema } from '../../../contracts/customers';
import { type Database, selectRows } from '../../db/client';
import type { OwnerTotals } from '../../db/schema';
import { findCustomers, portfolioCondition } from '../customers/customers.queries';
import { type ReceivablesChange, refreshCompanyReceivables } from './company-refresh';
import { addListTotals, addTotals } from './kpi-snapshots';
import { refreshMonthlyFlows, refreshOwnerMonthlyFlows } from './monthly-flows';

const IMPORTED_ON = '2023-08-15';

interface SummaryRow {
  customer_account: string;
  balance: number;
  overdue: number;
  not_due: number;
  buckets: number[];
  open_item_count: number;
  oldest_due_date: string | null;
  max_days_late: number | null;
  as_of: string;
}

describe('customer summaries and the day snapshot (VIS-1, VIS-2, VIS-4)', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let tenant: TestTenant;

  const summaries = () =>
    selectRows<SummaryRow>(
      database.db,
      sql`select customer_account, balance, overdue, not_due, buckets, open_item_count,
        oldest_due_date::text as oldest_due_date, max_days_late, as_of::text as as_of
      from customer_summaries where org_id = ${tenant.orgId} order by customer_account`,
    );
  const refresh = (today: string, change: ReceivablesChange) =>
    database.transaction((tx) =>
      refreshCompanyReceivables(tx, {
        orgId: tenant.orgId,
        companyId: tenant.companyId,
        today,
        defaultTerms: '30 days net',
        change,
      }),
    );

  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase());
    tenant = await createTenant(database);
    await importSharedFec(database, tenant, NEOLEGAL_111, IMPORTED_ON);
  });
  afterAll(() => drop());

  it('VIS-4 every customer has exactly one summary, of zeros when nothing is open', async () => {
    const [counts] = await selectRows<{ customers: number; summaries: number; zeros: number; open: number }>(
      database.db,
      sql`select (select count(*)::int from customers where org_id = ${tenant.orgId}) as customers,
        (select count(*)::int from customer_summaries where org_id = ${tenant.orgId}) as summaries,
        (select count(*)::int from customer_summaries where org_id = ${tenant.orgId} and open_item_count = 0
          and balance = 0 and overdue = 0 and buckets = '[0, 0, 0, 0, 0]'::jsonb) as zeros,
        (select count(distinct customer_account)::int from open_items where org_id = ${tenant.orgId}) as open`,
    );
    expect(counts!.customers).toBeGreaterThan(counts!.open);
    expect(counts!.summaries).toBe(counts!.customers);
    expect(counts!.zeros).toBe(counts!.customers - counts!.open);
  });

  it('VIS-1 a new day rebuilds the summaries from the open items exactly as a full derivation does', async () => {
    // Far enough ahead that items change buckets and become overdue.
    const later = '2023-11-02';
    await refresh(later, 'day');
    const fromOpenItems = await summaries();
    await refresh(later, 'ledger');
    const fromLedger = await summaries();
    expect(fromOpenItems.length).toBeGreaterThan(0);
    expect(fromOpenItems).toEqual(fromLedger);
    expect(fromOpenItems.every((s) => s.as_of === later)).toBe(true);
    // The day moved amounts between buckets, and the new day got its snapshot.
    const buckets = await selectRows<{ day: string; buckets: number[] }>(
      database.db,
      sql`select day::text as day, buckets from kpi_snapshots where org_id = ${tenant.orgId}
        and day in (${IMPORTED_ON}, ${later}) order by day`,
    );
    expect(buckets.map((b) => b.day)).toEqual([IMPORTED_ON, later]);
    expect(buckets[1]!.buckets).not.toEqual(buckets[0]!.buckets);
  });

  it('VIS-4 COL-5 the snapshot holds, per sales rep and collector, the totals of each filter of who owes what', async () => {
    // By account: ten customers of Alice followed by Chloé, ten of Alice alone, ten of Bruno, and
    // the rest with neither.
    await database.db.execute(sql`
      with ranked as (select account, row_number() over (order by account) as n from customers
        where org_id = ${tenant.orgId})
      update customers c set sales_rep = case when r.n <= 20 then 'Alice' when r.n <= 30 then 'Bruno' end,
        collector = case when r.n <= 10 then 'Chloé' end
      from ranked r where c.org_id = ${tenant.orgId} and c.account = r.account`);
    await refresh(IMPORTED_ON, 'customers');
    const [snapshot] = await selectRows<{
      by_owner: OwnerTotals[];
      customers_overdue: number;
      balance: number;
    }>(
      database.db,
      sql`select by_owner, customers_overdue, balance from kpi_snapshots where org_id = ${tenant.orgId} and day = ${IMPORTED_ON}`,
    );
    const owners = snapshot!.by_owner;
    expect(owners.map((o) => [o.salesRep, o.collector])).toEqual([
      [null, null],
      ['Alice', null],
      ['Alice', 'Chloé'],
      ['Bruno', null],
    ]);
    const sums = (where: ReturnType<typeof sql>) =>
      selectRows<{ count: number; balance: number; overdue: number; notDue: number }>(
        database.db,
        sql`select count(*)::int as count, coalesce(sum(s.balance), 0)::bigint as balance,
          coalesce(sum(s.overdue), 0)::bigint as overdue, coalesce(sum(s.not_due), 0)::bigint as "notDue"
        from customer_summaries s join customers c on c.org_id = s.org_id and c.company_id = s.company_id
          and c.account = s.customer_account
        where s.org_id = ${tenant.orgId} and ${where}`,
      );
    for (const owner of owners) {
      const mine = sql`c.sales_rep is not distinct from ${owner.salesRep} and c.collector is not distinct from ${owner.collector}`;
      const [all] = await sums(mine);
      const [open] = await sums(sql`${mine} and s.balance <> 0`);
      const [overdue] = await sums(sql`${mine} and s.overdue > 0`);
      expect(owner.lists, `${owner.salesRep} ${owner.collector}`).toEqual({ all, open, overdue });
      expect(owner.buckets.reduce((a, b) => a + b, 0)).toBe(owner.balance);
    }
    expect(addListTotals(owners, 'all').balance).toBe(1_441_652);
    expect(addTotals(owners, 5).balance).toBe(snapshot!.balance);
    expect(addListTotals(owners, 'overdue').count).toBe(snapshot!.customers_overdue);
    expect(snapshot!.customers_overdue).toBeGreaterThan(0);
  });

  it('COL-5 the flows per sales rep and collector add up to the company flows, month by month', async () => {
    const [mismatch] = await selectRows<{ n: number; months: number }>(
      database.db,
      sql`select count(*) filter (where o.net is distinct from m.net or o.invoiced is distinct from m.invoiced
          or o.credited is distinct from m.credited or o.collected is distinct from m.collected)::int as n,
        count(*)::int as months
      from monthly_flows m
      full join (select month, sum(net) as net, sum(invoiced) as invoiced, sum(credited) as credited,
          sum(collected) as collected
        from owner_monthly_flows where org_id = ${tenant.orgId} group by month) o on o.month = m.month
      where m.org_id = ${tenant.orgId} or m.org_id is null`,
    );
    expect(mismatch!.months).toBeGreaterThan(3);
    expect(mismatch!.n).toBe(0);
    const [alice] = await selectRows<{ owners: number }>(
      database.db,
      sql`select count(distinct (sales_rep, collector))::int as owners from owner_monthly_flows
        where org_id = ${tenant.orgId} and sales_rep = 'Alice'`,
    );
    expect(alice!.owners).toBe(2);
  });

  it('VIS-4 COL-5 who owes what reads its totals from the snapshot exactly as summing its customers gives them', async () => {
    const admin = { orgId: tenant.orgId, role: 'admin' as const, portfolio: null };
    const portfolios = [
      admin,
      { orgId: tenant.orgId, role: 'user' as const, portfolio: { salesReps: ['Alice'], collectors: [] } },
      {
        orgId: tenant.orgId,
        role: 'viewer' as const,
        portfolio: { salesReps: ['Bruno'], collectors: ['Chloé'] },
      },
      { orgId: tenant.orgId, role: 'user' as const, portfolio: { salesReps: [], collectors: [] } },
    ];
    const queries = [
      {},
      { filter: 'open' },
      { filter: 'overdue' },
      { salesRep: 'Alice' },
      { collector: 'Chloé', filter: 'overdue' },
    ];
    let checked = 0;
    for (const auth of portfolios) {
      for (const extra of queries) {
        const query = customerListQuerySchema.parse({ pageSize: 1, ...extra });
        const page = await findCustomers(database.db, auth, query, 5, IMPORTED_ON);
        const conditions = [sql`s.org_id = ${tenant.orgId}`, portfolioCondition(auth)];
        if (query.filter === 'open') conditions.push(sql`s.balance <> 0`);
        if (query.filter === 'overdue') conditions.push(sql`s.overdue > 0`);
        if (query.salesRep) conditions.push(sql`c.sales_rep = ${query.salesRep}`);
        if (query.collector) conditions.push(sql`c.collector = ${query.collector}`);
        const [summed] = await selectRows<{
          count: number;
          balance: number;
          overdue: number;
          notDue: number;
        }>(
          database.db,
          sql`select count(*)::int as count, coalesce(sum(s.balance), 0)::bigint as balance,
            coalesce(sum(s.overdue), 0)::bigint as overdue, coalesce(sum(s.not_due), 0)::bigint as "notDue"
          from customer_summaries s join customers c on c.org_id = s.org_id and c.company_id = s.company_id
            and c.account = s.customer_account
          where ${sql.join(conditions, sql` and `)}`,
        );
        const label = `${JSON.stringify(auth.portfolio)} ${JSON.stringify(extra)}`;
        expect(page.total, label).toBe(summed!.count);
        const { count: _, ...sums } = summed!;
        expect(page.totals, label).toEqual(summed!.count > 0 ? [{ currency: 'EUR', ...sums }] : []);
        if (summed!.count > 0) checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('VIS-10 the flows an import counts while reading are those a pass over the stored entries gives', async () => {
    // A ledger without a customers file: no sales rep, no collector, one owner (nobody).
    const fresh = await createTenant(database);
    const read = async () => ({
      company: await selectRows(
        database.db,
        sql`select month::text, invoiced, credited, collected, net from monthly_flows
          where org_id = ${fresh.orgId} and company_id = ${fresh.companyId} order by month`,
      ),
      owners: await selectRows(
        database.db,
        sql`select sales_rep, collector, month::text, invoiced, credited, collected, net from owner_monthly_flows
          where org_id = ${fresh.orgId} and company_id = ${fresh.companyId} order by sales_rep, collector, month`,
      ),
    });
    await importSharedFec(database, fresh, NEOLEGAL_111, IMPORTED_ON);
    const counted = await read();
    await database.transaction(async (tx) => {
      const scope = { orgId: fresh.orgId, companyId: fresh.companyId };
      const { salesJournals } = await refreshMonthlyFlows(tx, scope);
      await refreshOwnerMonthlyFlows(tx, { ...scope, salesJournals });
    });
    const passed = await read();
    expect(counted.company.length).toBeGreaterThan(3);
    expect(counted.owners).toHaveLength(counted.company.length);
    expect(counted).toEqual(passed);
  });
});
