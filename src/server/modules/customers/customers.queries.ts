import { type SQL, sql } from 'drizzle-orm';
import type { CustomerListQuery } from '../../../contracts/customers';
import type { CalendarDate } from '../../../domain/calendar';
import { type Db, selectRows } from '../../db/client';
import type { AuthContext } from '../auth/auth.service';
import { addListTotals, findDayOwnerTotals } from '../receivables/kpi-snapshots';

const SORT_COLUMNS: Record<CustomerListQuery['sort'], SQL> = {
  name: sql`lower(c.name)`,
  account: sql`c.account`,
  balance: sql`s.balance`,
  overdue: sql`s.overdue`,
  notDue: sql`s.not_due`,
  daysLate: sql`coalesce(s.max_days_late, -1)`,
};

/** The same order over the list's output columns (`CUSTOMER_COLUMNS`) of a row alias. */
function outputOrder(alias: string, query: Pick<CustomerListQuery, 'sort' | 'direction'>): SQL {
  const a = sql.raw(alias);
  const key: Record<CustomerListQuery['sort'], SQL> = {
    name: sql`lower(${a}.name)`,
    account: sql`${a}.account`,
    balance: sql`${a}.balance`,
    overdue: sql`${a}.overdue`,
    notDue: sql`${a}.not_due`,
    daysLate: sql`coalesce(${a}.max_days_late, -1)`,
  };
  const direction = query.direction === 'asc' ? sql`asc` : sql`desc`;
  return sql`${key[query.sort]} ${direction}, ${a}.account asc, ${a}.company_code asc`;
}

/**
 * `portfolioCondition` and the list's sales rep and collector filters, for rows that carry a
 * sales rep and a collector (the per-owner totals of the snapshots): the same test in code.
 */
export function ownerPredicate(
  auth: Pick<AuthContext, 'role' | 'portfolio'>,
  filters: { salesRep?: string | undefined; collector?: string | undefined } = {},
): (owner: { salesRep: string | null; collector: string | null }) => boolean {
  const portfolio = auth.role === 'admin' ? null : auth.portfolio;
  return ({ salesRep, collector }) =>
    (!portfolio ||
      (salesRep !== null && portfolio.salesReps.includes(salesRep)) ||
      (collector !== null && portfolio.collectors.includes(collector))) &&
    (!filters.salesRep || salesRep === filters.salesRep) &&
    (!filters.collector || collector === filters.collector);
}

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

/** The separator of name and account in `customers.search_text` (chr(31)). */
const SEARCH_SEPARATOR = String.fromCharCode(31);

/**
 * `ilike` pattern of a text searched anywhere in `customers.search_text`: its wildcards escaped,
 * and without the separator, so that a match is within the name or within the account.
 */
export const likePattern = (text: string) =>
  `%${text.replaceAll(SEARCH_SEPARATOR, '').replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** The `where` and `from` of the customers list for these filters, scoped to the caller (COL-5). */
function customerListSource(auth: Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>, query: CustomerFilters) {
  const conditions: SQL[] = [sql`s.org_id = ${auth.orgId}`, portfolioCondition(auth)];
  if (query.companyId) conditions.push(sql`s.company_id = ${query.companyId}`);
  if (query.filter === 'open') conditions.push(sql`s.balance <> 0`);
  if (query.filter === 'overdue') conditions.push(sql`s.overdue > 0`);
  if (query.salesRep) conditions.push(sql`c.sales_rep = ${query.salesRep}`);
  if (query.collector) conditions.push(sql`c.collector = ${query.collector}`);
  const where = sql.join(conditions, sql` and `);
  // Every customer has exactly one summary (zeros when nothing is open), so the list walks the
  // summaries' indexes in the order asked for and joins each customer.
  // A search first finds its customers with the trigram index of migration 0003; `offset 0`
  // keeps the planner from walking the summaries in list order and testing each one instead.
  const customers = query.search
    ? sql`(select * from customers where org_id = ${auth.orgId}
        and search_text ilike ${likePattern(query.search)} offset 0)`
    : sql`customers`;
  const from = sql`from customer_summaries s
    join ${customers} c on c.org_id = s.org_id and c.company_id = s.company_id and c.account = s.customer_account
    join companies co on co.org_id = c.org_id and co.id = c.company_id`;
  const direction = query.direction === 'asc' ? sql`asc` : sql`desc`;
  const orderBy = sql`${SORT_COLUMNS[query.sort]} ${direction}, c.account asc, co.code asc`;
  return { where, from, orderBy };
}

const CUSTOMER_COLUMNS = sql`c.id, c.company_id, co.code as company_code, c.account, c.name,
  coalesce(c.manual_contact->>'email', c.sync_email) as email, co.currency,
  s.balance, s.overdue, s.not_due, s.buckets, s.open_item_count, s.max_days_late, c.sales_rep, c.collector`;

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
  today: CalendarDate,
) {
  if (query.search) return findSearchedCustomers(db, auth, query, bucketCount);
  const { where, from, orderBy } = customerListSource(auth, query);
  const offset = (query.page - 1) * query.pageSize;
  const items = await selectRows<CustomerListRow>(
    db,
    sql`select ${CUSTOMER_COLUMNS} ${from} where ${where}
    order by ${orderBy} limit ${query.pageSize} offset ${offset}`,
  );
  const totals =
    (await findSnapshotListTotals(db, auth, query, today)) ??
    (await selectRows<CurrencyTotalsRow>(
      db,
      sql`select co.currency, count(*)::int as count, coalesce(sum(s.balance), 0)::bigint as balance,
        coalesce(sum(s.overdue), 0)::bigint as overdue, coalesce(sum(s.not_due), 0)::bigint as not_due
      ${from} where ${where} group by co.currency order by co.currency`,
    ));
  return toCustomerPage(items, totals, bucketCount);
}

interface CurrencyTotalsRow {
  currency: string;
  count: number;
  balance: number;
  overdue: number;
  not_due: number;
}

/** The page's rows, how many customers match, and their sums per currency. */
function toCustomerPage(items: CustomerListRow[], totals: CurrencyTotalsRow[], bucketCount: number) {
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
 * A searched page: the few customers a search finds are read once, in one statement, for both
 * the page and the totals.
 */
async function findSearchedCustomers(
  db: Db,
  auth: Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>,
  query: CustomerListQuery,
  bucketCount: number,
) {
  const { where, from } = customerListSource(auth, query);
  const offset = (query.page - 1) * query.pageSize;
  const [row] = await selectRows<{ items: CustomerListRow[] | string; totals: CurrencyTotalsRow[] | string }>(
    db,
    sql`with m as materialized (select ${CUSTOMER_COLUMNS} ${from} where ${where})
    select
      (select coalesce(json_agg(p order by ${outputOrder('p', query)}), '[]'::json)
        from (select * from m order by ${outputOrder('m', query)} limit ${query.pageSize} offset ${offset}) p) as items,
      (select coalesce(json_agg(t order by t.currency), '[]'::json)
        from (select currency, count(*)::int as count, coalesce(sum(balance), 0)::bigint as balance,
          coalesce(sum(overdue), 0)::bigint as overdue, coalesce(sum(not_due), 0)::bigint as not_due
        from m group by currency) t) as totals`,
  );
  // JSON numbers: cents and counts, far below 2^53. A driver may leave json as text.
  const parse = <T>(value: T | string | undefined): T =>
    (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as T;
  const items = parse<CustomerListRow[]>(row?.items);
  const totals = parse<CurrencyTotalsRow[]>(row?.totals);
  return toCustomerPage(items, totals, bucketCount);
}

/**
 * The list's totals per currency read from today's KPI snapshots, which hold them per sales rep
 * and collector for each filter: a portfolio or a sales rep filter adds up a few of them. Null
 * for a search, which must sum its customers.
 */
async function findSnapshotListTotals(
  db: Db,
  auth: Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>,
  query: CustomerListQuery,
  today: CalendarDate,
): Promise<CurrencyTotalsRow[] | null> {
  if (query.search) return null;
  const rows = await findDayOwnerTotals(db, { orgId: auth.orgId, day: today, companyId: query.companyId });
  const matches = ownerPredicate(auth, query);
  const byCurrency = new Map<string, CurrencyTotalsRow>();
  for (const { currency, byOwner: owners } of rows) {
    if (!owners) return null;
    const totals = addListTotals(owners.filter(matches), query.filter);
    const sum = byCurrency.get(currency) ?? { currency, count: 0, balance: 0, overdue: 0, not_due: 0 };
    sum.count += totals.count;
    sum.balance += totals.balance;
    sum.overdue += totals.overdue;
    sum.not_due += totals.notDue;
    byCurrency.set(currency, sum);
  }
  // A currency none of whose customers matches has no totals line, as when they are summed.
  return [...byCurrency.values()]
    .filter((t) => t.count > 0)
    .sort((a, b) => a.currency.localeCompare(b.currency));
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
      and not exists (select 1 from kpi_snapshots k where k.org_id = co.org_id and k.company_id = co.id and k.day = ${today}
        and k.by_owner is not null)
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
