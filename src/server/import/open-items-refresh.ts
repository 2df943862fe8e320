import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../domain/calendar';
import { computeOpenItems, type LedgerEntry, type OpenItem } from '../../domain/ledger/open-items';
import type { Cents } from '../../domain/money';
import { computeDaysLate, type ReceivableSummary, summarizeOpenItems } from '../../domain/receivables/aging';
import { DEFAULT_TERMS, type PaymentTerms, parseTerms } from '../../domain/terms';
import { copyField, selectRows, type Tx, withoutNestedLoops } from '../db/client';

/** Customers per fetch. */
const FETCH_SIZE = 2_000;

export interface OpenItemsResult {
  openItems: number;
  /** Sum of customer balances, in the company's currency. */
  outstanding: Cents;
}

/** An entry as the cursor sends it: key, document, entry and due dates, debit, credit, lettering. */
type LedgerTuple = [string, string, string, string | null, number, number, string, string | null];

interface CustomerLedgerRow {
  customer_account: string;
  /** JSON: parsed by the driver, or text on a driver that leaves json alone. */
  ledger: LedgerTuple[] | string;
}

/**
 * Derives the company's open items and customer summaries from its entries (IMP-5, VIS-1),
 * inside the caller's transaction. Entries are read through a cursor, one customer at a time, so
 * memory holds one customer's ledger, never the company's.
 */
export async function refreshOpenItems(
  tx: Tx,
  scope: {
    orgId: string;
    companyId: string;
    today: CalendarDate;
    defaultTerms: string;
    /** The organization's aging bounds (VIS-2). */
    agingBounds: readonly number[];
  },
): Promise<OpenItemsResult> {
  const { orgId, companyId, today, agingBounds } = scope;
  const companyTerms = parseTerms(scope.defaultTerms) ?? DEFAULT_TERMS;
  await tx.db.execute(sql`delete from open_items where org_id = ${orgId} and company_id = ${companyId}`);
  await tx.db.execute(
    sql`delete from customer_summaries where org_id = ${orgId} and company_id = ${companyId}`,
  );
  // Only customers with terms of their own: the others follow the company's (IMP-4).
  const customerTerms = new Map<string, PaymentTerms>();
  for (const row of await selectRows<{ account: string; terms: string }>(
    tx.db,
    sql`select account, terms from customers where org_id = ${orgId} and company_id = ${companyId} and terms is not null`,
  )) {
    const terms = parseTerms(row.terms);
    if (terms) customerTerms.set(row.account, terms);
  }
  // One row per customer, its ledger as a JSON array ordered by entry key: the drivers parse one
  // JSON document per customer instead of one row per entry, which is what a fetch costs (most
  // of all in PGlite). The key starts with the account, so the primary key gives that order.
  // IMP-5: a lettering group whose debits equal its credits is settled whatever else the
  // customer has, so such groups are left in the database (most of a ledger); trimming only
  // spaces here can split a group the domain would join, never join one it keeps apart, so
  // nothing open is left out (property tested in open-items.test.ts).
  // No join here: right after a bulk load the planner's statistics are stale, and a join it
  // believes to be one row long becomes a nested loop over every pair.
  await tx.db.execute(sql`
    declare open_items_source no scroll cursor for
    select customer_account, json_agg(json_build_array(entry_key, document_date, entry_date, source_due_date,
      debit, credit, lettering_code, lettering_date) order by entry_key) as ledger
    from (
      select *, sum(debit - credit) over (partition by customer_account, btrim(lettering_code)) as group_net
      from entries
      where org_id = ${orgId} and company_id = ${companyId} and gone_at is null
    ) ledger
    where btrim(lettering_code) = '' or group_net <> 0
    group by customer_account`);

  const result: OpenItemsResult = { openItems: 0, outstanding: 0 };
  const prefix = `${orgId}\t${companyId}\t`;
  let itemsChunk = '';
  let summariesChunk = '';

  for (;;) {
    const rows = await selectRows<CustomerLedgerRow>(
      tx.db,
      sql.raw(`fetch forward ${FETCH_SIZE} from open_items_source`),
    );
    for (const { customer_account: customerAccount, ledger: raw } of rows) {
      const terms = customerTerms.get(customerAccount) ?? companyTerms;
      const ledger = (typeof raw === 'string' ? JSON.parse(raw) : raw) as LedgerTuple[];
      const entries: LedgerEntry[] = ledger.map((e) => ({
        key: e[0],
        documentDate: e[1],
        entryDate: e[2],
        sourceDueDate: e[3],
        debit: e[4],
        credit: e[5],
        letteringCode: e[6],
        letteringDate: e[7],
      }));
      const { openItems } = computeOpenItems(entries, terms);
      const account = copyField(customerAccount);
      for (const item of openItems) itemsChunk += `${prefix}${openItemLine(account, item)}`;
      if (openItems.length === 0) continue; // Nothing open: a row of zeros, written below.
      const summary = summarizeOpenItems(openItems, today, agingBounds);
      summariesChunk += `${prefix}${summaryLine(account, summary, today)}`;
      result.openItems += openItems.length;
      result.outstanding += summary.balance;
    }
    await writeChunks(tx, itemsChunk, summariesChunk);
    itemsChunk = '';
    summariesChunk = '';
    if (rows.length < FETCH_SIZE) break;
  }
  await tx.db.execute(sql.raw('close open_items_source'));
  await writeZeroSummaries(tx, scope);
  return result;
}

/**
 * Rebuilds the company's customer summaries for `today` from its stored open items, in the
 * caller's transaction: what a new day or new aging bounds change (VIS-1, VIS-2). The open items
 * themselves depend only on the ledger and the terms, so nothing is lettered again.
 */
export async function refreshSummaries(
  tx: Tx,
  scope: { orgId: string; companyId: string; today: CalendarDate; agingBounds: readonly number[] },
): Promise<OpenItemsResult> {
  const { orgId, companyId, today, agingBounds } = scope;
  await tx.db.execute(
    sql`delete from customer_summaries where org_id = ${orgId} and company_id = ${companyId}`,
  );
  await tx.db.execute(sql`
    declare summaries_source no scroll cursor for
    select customer_account, json_agg(json_build_array(amount, due_date)) as items
    from open_items where org_id = ${orgId} and company_id = ${companyId}
    group by customer_account`);
  const result: OpenItemsResult = { openItems: 0, outstanding: 0 };
  const prefix = `${orgId}\t${companyId}\t`;
  for (;;) {
    const rows = await selectRows<{ customer_account: string; items: [Cents, CalendarDate][] | string }>(
      tx.db,
      sql.raw(`fetch forward ${FETCH_SIZE * 5} from summaries_source`),
    );
    let chunk = '';
    for (const { customer_account: account, items: raw } of rows) {
      const tuples = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [Cents, CalendarDate][];
      const items = tuples.map(([amount, dueDate]) => ({ amount, dueDate }));
      const summary = summarizeOpenItems(items, today, agingBounds);
      chunk += `${prefix}${summaryLine(copyField(account), summary, today)}`;
      result.openItems += items.length;
      result.outstanding += summary.balance;
    }
    await writeChunks(tx, '', chunk);
    if (rows.length < FETCH_SIZE * 5) break;
  }
  await tx.db.execute(sql.raw('close summaries_source'));
  await writeZeroSummaries(tx, scope);
  return result;
}

/** A COPY line of `customer_summaries` after its org and company (VIS-1: days late of the oldest debit). */
function summaryLine(account: string, summary: ReceivableSummary, today: CalendarDate): string {
  const oldest = summary.oldestDueDate;
  const maxDaysLate =
    oldest !== null && oldest < today ? computeDaysLate({ amount: 1, dueDate: oldest }, today) : null;
  return `${account}\t${summary.balance}\t${summary.overdue}\t${summary.notDue}\t${JSON.stringify(summary.buckets)}\t${summary.openItemCount}\t${copyField(oldest)}\t${copyField(maxDaysLate)}\t${today}\n`;
}

/**
 * A summary of zeros for every customer with nothing open, so that each customer has exactly one
 * summary: lists join them without an outer join and sort on their indexes.
 */
async function writeZeroSummaries(
  tx: Tx,
  scope: { orgId: string; companyId: string; today: CalendarDate; agingBounds: readonly number[] },
): Promise<void> {
  const { orgId, companyId, today, agingBounds } = scope;
  const zeros = JSON.stringify(new Array<number>(agingBounds.length + 2).fill(0));
  // Both tables were just written in this transaction and have no statistics yet: planned as a
  // nested loop, the anti-join scans the summaries once per customer (minutes for 50,000).
  await withoutNestedLoops(tx, () =>
    tx.db.execute(sql`
    insert into customer_summaries (org_id, company_id, customer_account, balance, overdue, not_due, buckets,
      open_item_count, oldest_due_date, max_days_late, as_of)
    select c.org_id, c.company_id, c.account, 0, 0, 0, ${zeros}::jsonb, 0, null, null, ${today}
    from customers c
    where c.org_id = ${orgId} and c.company_id = ${companyId}
      and not exists (select 1 from customer_summaries s
        where s.org_id = c.org_id and s.company_id = c.company_id and s.customer_account = c.account)`),
  );
}

function openItemLine(account: string, item: OpenItem): string {
  return `${copyField(item.key)}\t${account}\t${item.amount}\t${item.documentDate}\t${item.dueDate}\t${item.isPartial}\n`;
}

async function writeChunks(tx: Tx, items: string, summaries: string): Promise<void> {
  if (items) {
    await tx.copyFrom(
      'open_items (org_id, company_id, entry_key, customer_account, amount, document_date, due_date, is_partial)',
      [items],
    );
  }
  if (summaries) {
    await tx.copyFrom(
      'customer_summaries (org_id, company_id, customer_account, balance, overdue, not_due, buckets, open_item_count, oldest_due_date, max_days_late, as_of)',
      [summaries],
    );
  }
}
