import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../../domain/calendar';
import type { Cents } from '../../../domain/money';
import { type ReceivableSummary, summarizeOpenItems } from '../../../domain/receivables/aging';
import { type Database, selectRows } from '../../db/client';

/** Customers per fetch of the cursor. */
const FETCH_SIZE = 1_000;

/** One customer of the company's receivable ledger with its outstanding on the report's day. */
export interface CustomerReceivables {
  account: string;
  name: string;
  summary: ReceivableSummary;
}

interface CustomerItemsRow {
  account: string;
  name: string;
  /** JSON [[amount, due date], …]: parsed by the driver, or text on a driver that leaves json alone. */
  items: [Cents, CalendarDate][] | string | null;
}

/**
 * Runs `consume` over every customer of the company (zero balances included, ordered by
 * account), summarized for `today` from its open items (VIS-1, VIS-2) — never from the stored
 * summaries, which hold the figures of the day they were computed. Rows come through a cursor in
 * a read-only transaction: memory holds one fetch, never the company, and nothing is written.
 * @example
 * await withCustomerReceivables(database, { orgId, companyId, today: '2024-04-30', agingBounds: [30, 60, 90] },
 *   async (customers) => { for await (const c of customers) console.log(c.account, c.summary.balance); });
 */
export async function withCustomerReceivables<T>(
  database: Database,
  scope: { orgId: string; companyId: string; today: CalendarDate; agingBounds: readonly number[] },
  consume: (customers: AsyncIterable<CustomerReceivables>) => Promise<T>,
): Promise<T> {
  const { orgId, companyId, today, agingBounds } = scope;
  return database.transaction(async (tx) => {
    await tx.db.execute(sql`set transaction read only`);
    // Byte order of the account, the same on PGlite and on any server collation.
    await tx.db.execute(sql`
      declare who_owes_what no scroll cursor for
      select c.account, c.name,
        (select json_agg(json_build_array(o.amount, o.due_date))
          from open_items o
          where o.org_id = c.org_id and o.company_id = c.company_id and o.customer_account = c.account) as items
      from customers c
      where c.org_id = ${orgId} and c.company_id = ${companyId}
      order by c.account collate "C"`);
    async function* customers(): AsyncGenerator<CustomerReceivables> {
      for (;;) {
        const rows = await selectRows<CustomerItemsRow>(
          tx.db,
          sql.raw(`fetch forward ${FETCH_SIZE} from who_owes_what`),
        );
        for (const row of rows) {
          const raw = typeof row.items === 'string' ? JSON.parse(row.items) : row.items;
          const items = ((raw ?? []) as [Cents, CalendarDate][]).map(([amount, dueDate]) => ({
            amount: Number(amount),
            dueDate,
          }));
          yield {
            account: row.account,
            name: row.name,
            summary: summarizeOpenItems(items, today, agingBounds),
          };
        }
        if (rows.length < FETCH_SIZE) return;
      }
    }
    return consume(customers());
  });
}
