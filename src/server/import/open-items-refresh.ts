import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../domain/calendar';
import { computeOpenItems, type LedgerEntry, type OpenItem } from '../../domain/ledger/open-items';
import type { Cents } from '../../domain/money';
import { DEFAULT_AGING_BUCKETS, summarizeOpenItems } from '../../domain/receivables/aging';
import { DEFAULT_TERMS, type PaymentTerms, parseTerms } from '../../domain/terms';
import { copyField, selectRows, type Tx } from '../db/client';

const FETCH_SIZE = 50_000;

export interface OpenItemsResult {
  openItems: number;
  /** Sum of customer balances, in the company's currency. */
  outstanding: Cents;
}

interface EntryRow {
  customer_account: string;
  entry_key: string;
  document_date: string;
  entry_date: string;
  source_due_date: string | null;
  debit: number;
  credit: number;
  lettering_code: string;
  lettering_date: string | null;
}

/**
 * Derives the company's open items and customer summaries from its entries (IMP-5, VIS-1),
 * inside the caller's transaction. Entries are read through a cursor, one customer at a time, so
 * memory holds one customer's ledger, never the company's.
 */
export async function refreshOpenItems(
  tx: Tx,
  scope: { orgId: string; companyId: string; today: CalendarDate; defaultTerms: string },
): Promise<OpenItemsResult> {
  const { orgId, companyId, today } = scope;
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
  // Ordered by the key, which starts with the account: each customer's entries come together,
  // read along the primary key. No join here: right after a bulk load the planner's statistics are stale, and a join it
  // believes to be of one row turns into a nested loop over every pair.
  await tx.db.execute(sql`
    declare open_items_source no scroll cursor for
    select customer_account, entry_key, document_date, entry_date, source_due_date, debit, credit,
      lettering_code, lettering_date
    from entries
    where org_id = ${orgId} and company_id = ${companyId} and gone_at is null
    order by entry_key`);

  const result: OpenItemsResult = { openItems: 0, outstanding: 0 };
  const prefix = `${orgId}\t${companyId}\t`;
  let pending: EntryRow[] = [];
  let itemsChunk = '';
  let summariesChunk = '';

  const flushCustomer = (rows: EntryRow[]) => {
    const first = rows[0];
    if (!first) return;
    const terms = customerTerms.get(first.customer_account) ?? companyTerms;
    const ledger: LedgerEntry[] = rows.map((r) => ({
      key: r.entry_key,
      documentDate: r.document_date,
      entryDate: r.entry_date,
      sourceDueDate: r.source_due_date,
      debit: r.debit,
      credit: r.credit,
      letteringCode: r.lettering_code,
      letteringDate: r.lettering_date,
    }));
    const { openItems } = computeOpenItems(ledger, terms);
    const account = copyField(first.customer_account);
    for (const item of openItems) itemsChunk += `${prefix}${openItemLine(account, item)}`;
    const summary = summarizeOpenItems(openItems, today, DEFAULT_AGING_BUCKETS);
    summariesChunk += `${prefix}${account}\t${summary.balance}\t${summary.overdue}\t${summary.notDue}\t${JSON.stringify(summary.buckets)}\t${summary.openItemCount}\t${copyField(summary.oldestDueDate)}\t${today}\n`;
    result.openItems += openItems.length;
    result.outstanding += summary.balance;
  };

  for (;;) {
    const rows = await selectRows<EntryRow>(
      tx.db,
      sql.raw(`fetch forward ${FETCH_SIZE} from open_items_source`),
    );
    for (const row of rows) {
      if (pending.length > 0 && pending[0]!.customer_account !== row.customer_account) {
        flushCustomer(pending);
        pending = [];
      }
      pending.push(row);
    }
    if (rows.length < FETCH_SIZE) break;
    await writeChunks(tx, itemsChunk, summariesChunk);
    itemsChunk = '';
    summariesChunk = '';
  }
  flushCustomer(pending);
  await writeChunks(tx, itemsChunk, summariesChunk);
  await tx.db.execute(sql.raw('close open_items_source'));
  return result;
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
      'customer_summaries (org_id, company_id, customer_account, balance, overdue, not_due, buckets, open_item_count, oldest_due_date, as_of)',
      [summaries],
    );
  }
}
