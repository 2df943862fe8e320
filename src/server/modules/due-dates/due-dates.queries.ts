import { type SQL, sql } from 'drizzle-orm';
import type { DueDateFilter, DueDateListQuery, DueDateRow } from '../../../contracts/due-dates';
import { addDays, type CalendarDate } from '../../../domain/calendar';
import { computeDaysLate, isOverdue } from '../../../domain/receivables/aging';
import { type Db, selectRows } from '../../db/client';
import type { AuthContext } from '../auth/auth.service';
import { likePattern, ownerPredicate, portfolioCondition } from '../customers/customers.queries';
import { findDayOwnerTotals } from '../receivables/kpi-snapshots';

type Caller = Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>;

const CUSTOMER_JOIN = sql`join customers c
  on c.org_id = oi.org_id and c.company_id = oi.company_id and c.account = oi.customer_account`;

/**
 * Whether choosing the rows needs the customers table: to search it, sort by its name or keep to a
 * portfolio (COL-5). Otherwise the open items alone are scanned, and only the rows of the page
 * fetch their customer.
 */
function needsCustomers(caller: Caller, filter: DueDateFilter): boolean {
  // The same test as portfolioCondition: admins, and users without a portfolio, see every customer.
  const isLimited = caller.role !== 'admin' && Boolean(caller.portfolio);
  return isLimited || Boolean(filter.search) || filter.sort === 'customer';
}

/**
 * The filter as SQL conditions over `oi` (open items) and, when {@link needsCustomers}, `c`
 * (customers). Days-late bounds become due-date bounds, one per side (VIS-1: a debit is one day
 * less late than a credit due the same day), written so the looser one can use an index.
 */
function filterConditions(caller: Caller, filter: DueDateFilter, today: CalendarDate): SQL[] {
  const conditions: SQL[] = [sql`oi.org_id = ${caller.orgId}`];
  if (needsCustomers(caller, filter)) conditions.push(portfolioCondition(caller));
  if (filter.companyId) conditions.push(sql`oi.company_id = ${filter.companyId}`);
  if (filter.status === 'overdue') conditions.push(sql`oi.due_date < ${today}`);
  if (filter.status === 'notDue') conditions.push(sql`oi.due_date >= ${today}`);
  if (filter.side === 'debit') conditions.push(sql`oi.amount > 0`);
  if (filter.side === 'credit') conditions.push(sql`oi.amount < 0`);
  if (filter.dueFrom) conditions.push(sql`oi.due_date >= ${filter.dueFrom}`);
  if (filter.dueTo) conditions.push(sql`oi.due_date <= ${filter.dueTo}`);
  if (filter.daysLateMin !== undefined) {
    // debit: today − due − 1 ≥ min ⇔ due ≤ today − min − 1; credit: due ≤ today − min.
    const credit = addDays(today, -filter.daysLateMin);
    conditions.push(sql`oi.due_date <= ${credit}`);
    conditions.push(sql`(oi.amount < 0 or oi.due_date <= ${addDays(credit, -1)})`);
  }
  if (filter.daysLateMax !== undefined) {
    // debit: due ≥ today − max − 1; credit: due ≥ today − max.
    const debit = addDays(today, -filter.daysLateMax - 1);
    conditions.push(sql`oi.due_date >= ${debit}`);
    conditions.push(sql`(oi.amount > 0 or oi.due_date >= ${addDays(debit, 1)})`);
  }
  if (filter.search) conditions.push(sql`c.search_text ilike ${likePattern(filter.search)}`);
  if (filter.minAmount !== undefined) conditions.push(sql`abs(oi.amount) >= ${filter.minAmount}`);
  return conditions;
}

/** `from open_items oi [join customers c] where …` for the filter. */
function matching(caller: Caller, filter: DueDateFilter, today: CalendarDate): SQL {
  const join = needsCustomers(caller, filter) ? CUSTOMER_JOIN : sql``;
  return sql`from open_items oi ${join} where ${sql.join(filterConditions(caller, filter, today), sql` and `)}`;
}

/**
 * The order asked for, as expressions over `oi` and `c`; ties are then broken by due date, company
 * and entry key (unique), so pages never overlap.
 */
function primarySortKeys(filter: DueDateFilter, today: CalendarDate): SQL[] {
  switch (filter.sort) {
    case 'dueDate':
      return [sql`oi.due_date`];
    case 'daysLate':
      // VIS-1: a debit is one day less late than a credit due the same day.
      return [sql`(${today}::date - oi.due_date) - case when oi.amount > 0 then 1 else 0 end`];
    case 'amount':
      return [sql`oi.amount`];
    case 'customer':
      return [sql`lower(c.name)`, sql`c.account`];
    default:
      return assertUnreachable(filter.sort);
  }
}

function assertUnreachable(value: never): never {
  throw new Error(`unexpected sort ${String(value)}`);
}

interface DueDateDbRow {
  company_id: string;
  company_code: string;
  currency: string;
  entry_key: string;
  customer_id: string;
  customer_account: string;
  customer_name: string;
  amount: number;
  document_date: string;
  due_date: string;
  is_partial: boolean;
  piece_ref: string | null;
  label: string | null;
  debit: number | null;
  credit: number | null;
  original_amount: number | null;
  original_currency: string | null;
}

function toRow(r: DueDateDbRow, today: CalendarDate): DueDateRow {
  const item = { amount: r.amount, dueDate: r.due_date };
  return {
    entryKey: r.entry_key,
    companyId: r.company_id,
    companyCode: r.company_code,
    currency: r.currency,
    customerId: r.customer_id,
    customerAccount: r.customer_account,
    customerName: r.customer_name,
    pieceRef: r.piece_ref ?? '',
    label: r.label ?? '',
    documentDate: r.document_date,
    dueDate: r.due_date,
    // The entry's own amount, signed like the open amount: its debit, or minus its credit.
    entryAmount: r.debit === null ? r.amount : r.debit > 0 ? r.debit : -(r.credit ?? 0),
    openAmount: r.amount,
    isPartial: r.is_partial,
    originalAmount: r.original_currency ? r.original_amount : null,
    originalCurrency: r.original_amount === null ? null : r.original_currency,
    daysLate: computeDaysLate(item, today),
    status: isOverdue(item, today) ? 'overdue' : 'notDue',
    side: r.amount < 0 ? 'credit' : 'debit',
  };
}

/**
 * Open items matching the filter in the requested order, `limit` rows from `offset`. The page is
 * chosen on the open items (and the customers when the filter needs them); only its rows then
 * fetch their customer, company and entry (piece, label, amounts).
 */
export async function selectDueDateRows(
  db: Db,
  caller: Caller,
  filter: DueDateFilter,
  today: CalendarDate,
  { limit, offset }: { limit: number; offset: number },
): Promise<DueDateRow[]> {
  const direction = filter.direction === 'desc' ? sql`desc` : sql`asc`;
  const keys = primarySortKeys(filter, today);
  const key = (i: number) => sql.identifier(`k${i}`);
  const tieBreak = (alias: string) =>
    ['due_date', 'company_id', 'entry_key'].map(
      (column) => sql`${sql.identifier(alias)}.${sql.identifier(column)}`,
    );
  const rows = await selectRows<DueDateDbRow>(
    db,
    sql`select oi.company_id, co.code as company_code, co.currency, oi.entry_key, c.id as customer_id,
      oi.customer_account, c.name as customer_name, oi.amount, oi.document_date, oi.due_date, oi.is_partial,
      e.piece_ref, e.label, e.debit, e.credit, e.original_amount, e.currency as original_currency
    from (
      select oi.org_id, oi.company_id, oi.entry_key, oi.due_date,
        ${sql.join(
          keys.map((k, i) => sql`${k} as ${key(i)}`),
          sql`, `,
        )}
      ${matching(caller, filter, today)}
      order by ${sql.join([...keys.map((k) => sql`${k} ${direction}`), ...tieBreak('oi')], sql`, `)}
      limit ${limit} offset ${offset}
    ) page
    join open_items oi on oi.org_id = page.org_id and oi.company_id = page.company_id and oi.entry_key = page.entry_key
    ${CUSTOMER_JOIN}
    join companies co on co.org_id = oi.org_id and co.id = oi.company_id
    left join entries e on e.org_id = oi.org_id and e.company_id = oi.company_id and e.entry_key = oi.entry_key
    order by ${sql.join([...keys.map((_, i) => sql`page.${key(i)} ${direction}`), ...tieBreak('page')], sql`, `)}`,
  );
  return rows.map((r) => toRow(r, today));
}

/**
 * How many open items match, and their sums per ledger currency (VIS-1: overdue = due before
 * today). Summed per company first, so the companies table is read once per company, not per row.
 */
export async function sumDueDates(db: Db, caller: Caller, filter: DueDateFilter, today: CalendarDate) {
  const fromSnapshots = await sumDueDatesFromSnapshots(db, caller, filter, today);
  if (fromSnapshots) return fromSnapshots;
  const rows = await selectRows<{ currency: string; count: number; balance: number; overdue: number }>(
    db,
    sql`select co.currency, sum(t.count)::int as count, sum(t.balance)::bigint as balance,
      sum(t.overdue)::bigint as overdue
    from (
      select oi.org_id, oi.company_id, count(*) as count, sum(oi.amount) as balance,
        coalesce(sum(oi.amount) filter (where oi.due_date < ${today}), 0) as overdue
      ${matching(caller, filter, today)}
      group by oi.org_id, oi.company_id
    ) t
    join companies co on co.org_id = t.org_id and co.id = t.company_id
    group by co.currency order by co.currency`,
  );
  return {
    total: rows.reduce((n, r) => n + r.count, 0),
    totals: rows.map((r) => ({
      currency: r.currency,
      count: r.count,
      balance: r.balance,
      overdue: r.overdue,
      notDue: r.balance - r.overdue,
    })),
  };
}

/**
 * Without a filter on the items themselves, the totals are those of today's snapshots: every
 * open item's amount is in its customer's summary, which the snapshot sums per sales rep and
 * collector, with the items' count. Null when a filter or an older snapshot needs the items summed.
 */
async function sumDueDatesFromSnapshots(db: Db, caller: Caller, filter: DueDateFilter, today: CalendarDate) {
  const narrowed =
    filter.status !== 'all' ||
    filter.side !== 'all' ||
    filter.dueFrom ||
    filter.dueTo ||
    filter.daysLateMin !== undefined ||
    filter.daysLateMax !== undefined ||
    filter.search ||
    filter.minAmount !== undefined;
  if (narrowed) return null;
  const snapshots = await findDayOwnerTotals(db, {
    orgId: caller.orgId,
    day: today,
    companyId: filter.companyId,
  });
  const matches = ownerPredicate(caller);
  const byCurrency = new Map<string, { currency: string; count: number; balance: number; overdue: number }>();
  for (const { currency, byOwner: owners } of snapshots) {
    if (!owners || owners.some((o) => o.openItems === undefined)) return null;
    const sum = byCurrency.get(currency) ?? { currency, count: 0, balance: 0, overdue: 0 };
    for (const owner of owners.filter(matches)) {
      sum.count += owner.openItems;
      sum.balance += owner.balance;
      sum.overdue += owner.overdue;
    }
    byCurrency.set(currency, sum);
  }
  // A currency without a matching item has no totals line, as when the items are summed.
  const rows = [...byCurrency.values()]
    .filter((r) => r.count > 0)
    .sort((a, b) => a.currency.localeCompare(b.currency));
  return {
    total: rows.reduce((n, r) => n + r.count, 0),
    totals: rows.map((r) => ({ ...r, notDue: r.balance - r.overdue })),
  };
}

/** One page of the due-date tracking list (VIS-5) and the totals of every matching open item. */
export async function findDueDates(db: Db, caller: Caller, query: DueDateListQuery, today: CalendarDate) {
  const [items, sums] = await Promise.all([
    selectDueDateRows(db, caller, query, today, {
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    }),
    sumDueDates(db, caller, query, today),
  ]);
  return { items, ...sums };
}

/**
 * Every open item matching the filter, in the list's order, read in pages of `batch` so an export
 * of the whole ledger never holds it all (COL-6).
 */
export async function* streamDueDates(
  db: Db,
  caller: Caller,
  filter: DueDateFilter,
  today: CalendarDate,
  batch = 5_000,
): AsyncGenerator<DueDateRow> {
  for (let offset = 0; ; offset += batch) {
    // Keyset paging would be faster on deep pages; an export reads each page once.
    const rows = await selectDueDateRows(db, caller, filter, today, { limit: batch, offset });
    yield* rows;
    if (rows.length < batch) return;
  }
}
