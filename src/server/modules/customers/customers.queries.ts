import { type SQL, sql } from 'drizzle-orm';
import type { CustomerListQuery } from '../../../contracts/customers';
import { type Db, selectRows } from '../../db/client';
import type { AuthContext } from '../auth/auth.service';

const SORT_COLUMNS: Record<CustomerListQuery['sort'], SQL> = {
  name: sql`lower(c.name)`,
  account: sql`c.account`,
  balance: sql`coalesce(s.balance, 0)`,
  overdue: sql`coalesce(s.overdue, 0)`,
  notDue: sql`coalesce(s.not_due, 0)`,
};

/** COL-5: users and viewers limited to a portfolio see only its customers; admins see all. */
export function portfolioCondition(auth: Pick<AuthContext, 'role' | 'portfolio'>): SQL {
  if (auth.role === 'admin' || !auth.portfolio) return sql`true`;
  const { salesReps, collectors } = auth.portfolio;
  // sql.param: one array parameter (a bare JS array would become a list of parameters).
  return sql`(c.sales_rep = any(${sql.param(salesReps)}::text[]) or c.collector = any(${sql.param(collectors)}::text[]))`;
}

interface CustomerListRow {
  id: string;
  company_id: string;
  company_code: string;
  account: string;
  name: string;
  email: string | null;
  currency: string;
  balance: number;
  overdue: number;
  not_due: number;
  buckets: number[] | null;
  open_item_count: number;
}

/** One page of customers with their balances (VIS-1), and the totals of every matching customer. */
export async function findCustomers(
  db: Db,
  auth: Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>,
  query: CustomerListQuery,
) {
  const conditions: SQL[] = [sql`c.org_id = ${auth.orgId}`, portfolioCondition(auth)];
  if (query.companyId) conditions.push(sql`c.company_id = ${query.companyId}`);
  if (query.search) {
    const pattern = `%${query.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    conditions.push(sql`(c.name ilike ${pattern} or c.account ilike ${pattern})`);
  }
  if (query.filter === 'open') conditions.push(sql`coalesce(s.balance, 0) <> 0`);
  if (query.filter === 'overdue') conditions.push(sql`coalesce(s.overdue, 0) > 0`);
  const where = sql.join(conditions, sql` and `);
  const from = sql`from customers c
    join companies co on co.org_id = c.org_id and co.id = c.company_id
    left join customer_summaries s on s.org_id = c.org_id and s.company_id = c.company_id and s.customer_account = c.account`;
  const direction = query.direction === 'asc' ? sql`asc` : sql`desc`;
  const offset = (query.page - 1) * query.pageSize;

  const items = await selectRows<CustomerListRow>(
    db,
    sql`select c.id, c.company_id, co.code as company_code, c.account, c.name,
      coalesce(c.manual_contact->>'email', c.sync_email) as email, co.currency,
      coalesce(s.balance, 0) as balance, coalesce(s.overdue, 0) as overdue, coalesce(s.not_due, 0) as not_due,
      s.buckets, coalesce(s.open_item_count, 0) as open_item_count
    ${from} where ${where}
    order by ${SORT_COLUMNS[query.sort]} ${direction}, c.account asc, co.code asc
    limit ${query.pageSize} offset ${offset}`,
  );
  const totals = await selectRows<{
    currency: string;
    count: number;
    balance: number;
    overdue: number;
    not_due: number;
  }>(
    db,
    sql`select co.currency, count(*)::int as count, coalesce(sum(s.balance), 0)::bigint as balance,
      coalesce(sum(s.overdue), 0)::bigint as overdue, coalesce(sum(s.not_due), 0)::bigint as not_due
    ${from} where ${where} group by co.currency order by co.currency`,
  );
  return {
    items: items.map((r) => ({
      id: r.id,
      companyId: r.company_id,
      companyCode: r.company_code,
      account: r.account,
      name: r.name,
      email: r.email,
      currency: r.currency,
      balance: r.balance,
      overdue: r.overdue,
      notDue: r.not_due,
      buckets: r.buckets ?? [0, 0, 0, 0, 0],
      openItemCount: r.open_item_count,
    })),
    total: totals.reduce((n, t) => n + t.count, 0),
    totals: totals.map((t) => ({
      currency: t.currency,
      balance: t.balance,
      overdue: t.overdue,
      notDue: t.not_due,
    })),
  };
}

/** Companies of the organization (or that one) whose summaries were computed for an earlier day. */
export async function findStaleCompanies(db: Db, orgId: string, today: string, companyId?: string) {
  return selectRows<{ id: string; default_terms: string }>(
    db,
    sql`select co.id, co.default_terms from companies co where co.org_id = ${orgId}
      ${companyId ? sql`and co.id = ${companyId}` : sql``}
      and exists (select 1 from customer_summaries s where s.org_id = co.org_id and s.company_id = co.id and s.as_of < ${today})`,
  );
}
