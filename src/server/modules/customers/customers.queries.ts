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
  daysLate: sql`coalesce(s.max_days_late, -1)`,
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
  max_days_late: number | null;
  sales_rep: string | null;
  collector: string | null;
}

type CustomerFilters = Omit<CustomerListQuery, 'page' | 'pageSize'>;

/** The `where` and `from` of the customers list for these filters, scoped to the caller (COL-5). */
function customerListSource(auth: Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>, query: CustomerFilters) {
  const conditions: SQL[] = [sql`c.org_id = ${auth.orgId}`, portfolioCondition(auth)];
  if (query.companyId) conditions.push(sql`c.company_id = ${query.companyId}`);
  if (query.search) {
    const pattern = `%${query.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    conditions.push(sql`(c.name ilike ${pattern} or c.account ilike ${pattern})`);
  }
  if (query.filter === 'open') conditions.push(sql`coalesce(s.balance, 0) <> 0`);
  if (query.filter === 'overdue') conditions.push(sql`coalesce(s.overdue, 0) > 0`);
  if (query.salesRep) conditions.push(sql`c.sales_rep = ${query.salesRep}`);
  if (query.collector) conditions.push(sql`c.collector = ${query.collector}`);
  const where = sql.join(conditions, sql` and `);
  const from = sql`from customers c
    join companies co on co.org_id = c.org_id and co.id = c.company_id
    left join customer_summaries s on s.org_id = c.org_id and s.company_id = c.company_id and s.customer_account = c.account`;
  const direction = query.direction === 'asc' ? sql`asc` : sql`desc`;
  const orderBy = sql`${SORT_COLUMNS[query.sort]} ${direction}, c.account asc, co.code asc`;
  return { where, from, orderBy };
}

const CUSTOMER_COLUMNS = sql`c.id, c.company_id, co.code as company_code, c.account, c.name,
  coalesce(c.manual_contact->>'email', c.sync_email) as email, co.currency,
  coalesce(s.balance, 0) as balance, coalesce(s.overdue, 0) as overdue, coalesce(s.not_due, 0) as not_due,
  s.buckets, coalesce(s.open_item_count, 0) as open_item_count, s.max_days_late, c.sales_rep, c.collector`;

function toCustomerRow(r: CustomerListRow, bucketCount: number) {
  return {
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
    buckets: r.buckets ?? new Array<number>(bucketCount).fill(0),
    openItemCount: r.open_item_count,
    maxDaysLate: r.max_days_late,
    salesRep: r.sales_rep,
    collector: r.collector,
  };
}
export type CustomerRow = ReturnType<typeof toCustomerRow>;

/**
 * One page of "who owes what" (VIS-4): customers with their balances (VIS-1) and buckets, and
 * the totals of every matching customer.
 */
export async function findCustomers(
  db: Db,
  auth: Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>,
  query: CustomerListQuery,
  bucketCount: number,
) {
  const { where, from, orderBy } = customerListSource(auth, query);
  const offset = (query.page - 1) * query.pageSize;
  const items = await selectRows<CustomerListRow>(
    db,
    sql`select ${CUSTOMER_COLUMNS} ${from} where ${where}
    order by ${orderBy} limit ${query.pageSize} offset ${offset}`,
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
    items: items.map((r) => toCustomerRow(r, bucketCount)),
    total: totals.reduce((n, t) => n + t.count, 0),
    totals: totals.map((t) => ({
      currency: t.currency,
      balance: t.balance,
      overdue: t.overdue,
      notDue: t.not_due,
    })),
  };
}

/**
 * Companies of the organization (or that one) with a ledger whose figures are not those of
 * `today` yet. Every refresh of the summaries ends with the day's KPI snapshot, in the same
 * transaction, so "no snapshot for today" is "summaries of another day": one index lookup per
 * company instead of a scan of its summaries at every request.
 */
export async function findStaleCompanies(db: Db, orgId: string, today: string, companyId?: string) {
  return selectRows<{ id: string; default_terms: string }>(
    db,
    sql`select co.id, co.default_terms from companies co where co.org_id = ${orgId}
      ${companyId ? sql`and co.id = ${companyId}` : sql``}
      and not exists (select 1 from kpi_snapshots k where k.org_id = co.org_id and k.company_id = co.id and k.day = ${today})
      and exists (select 1 from syncs y where y.org_id = co.org_id and y.company_id = co.id and y.status = 'succeeded')`,
  );
}

/**
 * Every customer matching the filters, in the list's order, read in pages of `batch` so an
 * export of 100,000 customers never holds them all (COL-6).
 */
export async function* streamCustomers(
  db: Db,
  auth: Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>,
  query: CustomerFilters,
  bucketCount: number,
  batch = 5_000,
): AsyncGenerator<CustomerRow> {
  const { where, from, orderBy } = customerListSource(auth, query);
  for (let offset = 0; ; offset += batch) {
    // Keyset paging would be faster on deep pages; an export reads each page once.
    const rows = await selectRows<CustomerListRow>(
      db,
      sql`select ${CUSTOMER_COLUMNS} ${from} where ${where} order by ${orderBy} limit ${batch} offset ${offset}`,
    );
    for (const row of rows) yield toCustomerRow(row, bucketCount);
    if (rows.length < batch) return;
  }
}
