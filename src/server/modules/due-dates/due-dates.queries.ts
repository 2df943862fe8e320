import { type SQL, sql } from 'drizzle-orm';
import type { DueDateFilter, DueDateListQuery, DueDateRow } from '../../../contracts/due-dates';
import { addDays, type CalendarDate } from '../../../domain/calendar';
import { computeDaysLate, isOverdue } from '../../../domain/receivables/aging';
import { type Db, selectRows } from '../../db/client';
import type { AuthContext } from '../auth/auth.service';
import { portfolioCondition } from '../customers/customers.queries';

type Caller = Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>;

/** Open items of the organization with their customer and company; `c` is what the portfolio reads. */
const FROM = sql`from open_items oi
  join customers c on c.org_id = oi.org_id and c.company_id = oi.company_id and c.account = oi.customer_account
  join companies co on co.org_id = oi.org_id and co.id = oi.company_id`;

/**
 * The filter as SQL conditions over `oi` (open items) and `c` (customers). Days-late bounds become
 * due-date bounds, one per side (VIS-1: a debit is one day less late than a credit due the same
 * day), so they read as plain date comparisons.
 */
function filterConditions(caller: Caller, filter: DueDateFilter, today: CalendarDate): SQL[] {
  const conditions: SQL[] = [sql`oi.org_id = ${caller.orgId}`, portfolioCondition(caller)];
  if (filter.companyId) conditions.push(sql`oi.company_id = ${filter.companyId}`);
  if (filter.status === 'overdue') conditions.push(sql`oi.due_date < ${today}`);
  if (filter.status === 'notDue') conditions.push(sql`oi.due_date >= ${today}`);
  if (filter.side === 'debit') conditions.push(sql`oi.amount > 0`);
  if (filter.side === 'credit') conditions.push(sql`oi.amount < 0`);
  if (filter.dueFrom) conditions.push(sql`oi.due_date >= ${filter.dueFrom}`);
  if (filter.dueTo) conditions.push(sql`oi.due_date <= ${filter.dueTo}`);
  if (filter.daysLateMin !== undefined) {
    // debit: today − due − 1 ≥ min ⇔ due ≤ today − min − 1; credit: due ≤ today − min.
    const min = filter.daysLateMin;
    conditions.push(sql`(oi.due_date <= case when oi.amount > 0 then ${addDays(today, -min - 1)}::date
      else ${addDays(today, -min)}::date end)`);
  }
  if (filter.daysLateMax !== undefined) {
    const max = filter.daysLateMax;
    conditions.push(sql`(oi.due_date >= case when oi.amount > 0 then ${addDays(today, -max - 1)}::date
      else ${addDays(today, -max)}::date end)`);
  }
  if (filter.search) {
    const pattern = `%${filter.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    conditions.push(sql`(c.name ilike ${pattern} or c.account ilike ${pattern})`);
  }
  if (filter.minAmount !== undefined) conditions.push(sql`abs(oi.amount) >= ${filter.minAmount}`);
  return conditions;
}

/**
 * The order asked for, as expressions over `oi` and `c`; the caller then breaks ties by due date,
 * company, customer and entry key, so pages never overlap.
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
 * chosen on open items, customers and companies alone; only its rows then fetch their entry (piece,
 * label, amounts), so a page costs the same whatever the size of the ledger behind the filter.
 */
export async function selectDueDateRows(
  db: Db,
  caller: Caller,
  filter: DueDateFilter,
  today: CalendarDate,
  { limit, offset }: { limit: number; offset: number },
): Promise<DueDateRow[]> {
  const where = sql.join(filterConditions(caller, filter, today), sql` and `);
  const direction = filter.direction === 'desc' ? sql`desc` : sql`asc`;
  const keys = primarySortKeys(filter, today);
  const keyColumns = keys.map((key, i) => sql`${key} as ${sql.identifier(`k${i}`)}`);
  const order = (prefix: string) =>
    sql.join(
      [
        ...keys.map((_, i) => sql`${sql.identifier(prefix)}.${sql.identifier(`k${i}`)} ${direction}`),
        ...['due_date', 'company_code', 'customer_account', 'entry_key'].map(
          (column) => sql`${sql.identifier(prefix)}.${sql.identifier(column)} asc`,
        ),
      ],
      sql`, `,
    );
  const rows = await selectRows<DueDateDbRow>(
    db,
    sql`select p.*, e.piece_ref, e.label, e.debit, e.credit, e.original_amount, e.currency as original_currency
    from (
      select * from (
        select oi.org_id, oi.company_id, co.code as company_code, co.currency, oi.entry_key, c.id as customer_id,
          oi.customer_account, c.name as customer_name, oi.amount, oi.document_date, oi.due_date, oi.is_partial,
          ${sql.join(keyColumns, sql`, `)}
        ${FROM} where ${where}
      ) m
      order by ${order('m')}
      limit ${limit} offset ${offset}
    ) p
    left join entries e on e.org_id = p.org_id and e.company_id = p.company_id and e.entry_key = p.entry_key
    order by ${order('p')}`,
  );
  return rows.map((r) => toRow(r, today));
}

/** How many open items match, and their sums per ledger currency (VIS-1: overdue = due before today). */
export async function sumDueDates(db: Db, caller: Caller, filter: DueDateFilter, today: CalendarDate) {
  const where = sql.join(filterConditions(caller, filter, today), sql` and `);
  const rows = await selectRows<{ currency: string; count: number; balance: number; overdue: number }>(
    db,
    sql`select co.currency, count(*)::int as count, coalesce(sum(oi.amount), 0)::bigint as balance,
      coalesce(sum(case when oi.due_date < ${today} then oi.amount else 0 end), 0)::bigint as overdue
    ${FROM} where ${where} group by co.currency order by co.currency`,
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
