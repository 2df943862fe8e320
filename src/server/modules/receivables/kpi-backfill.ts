import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../../domain/calendar';
import { computeOpenItems, type LedgerEntry } from '../../../domain/ledger/open-items';
import type { Cents } from '../../../domain/money';
import { summarizeOpenItems } from '../../../domain/receivables/aging';
import { computeReceivableKpis, evolutionDays } from '../../../domain/receivables/receivable-kpis';
import { DEFAULT_TERMS, type PaymentTerms, parseTerms } from '../../../domain/terms';
import { selectRows, type Tx } from '../../db/client';
import { affectedRows } from '../../import/ledger-sync';
import { getOrganizationSettings } from '../organizations/organization-settings';
import { findMonthlyFlows } from './monthly-flows';

const FETCH_SIZE = 500;

interface DayTotals {
  balance: Cents;
  overdue: Cents;
  notDue: Cents;
  buckets: Cents[];
  customersWithBalance: number;
}

/**
 * Rebuilds the company's receivables at the end of each of the last `months` months from its
 * ledger (VIS-3 evolution before the app was installed), and records them as snapshots of those
 * days, leaving days that already have one alone. The ledger as it stood on a day: the entries
 * booked by then, lettered only if their lettering date had come (a lettering without a date
 * counts once every entry of its group is booked).
 */
export async function backfillKpiSnapshots(
  tx: Tx,
  scope: { orgId: string; companyId: string; today: CalendarDate; defaultTerms: string; months?: number },
): Promise<number> {
  const { orgId, companyId, today } = scope;
  const { agingBounds } = await getOrganizationSettings(tx.db, orgId);
  const days = evolutionDays(today, scope.months ?? 12).slice(0, -1);
  const companyTerms = parseTerms(scope.defaultTerms) ?? DEFAULT_TERMS;
  const customerTerms = new Map<string, PaymentTerms>();
  for (const row of await selectRows<{ account: string; terms: string }>(
    tx.db,
    sql`select account, terms from customers where org_id = ${orgId} and company_id = ${companyId} and terms is not null`,
  )) {
    const terms = parseTerms(row.terms);
    if (terms) customerTerms.set(row.account, terms);
  }
  const totals = new Map<CalendarDate, DayTotals>(
    days.map((day) => [
      day,
      {
        balance: 0,
        overdue: 0,
        notDue: 0,
        buckets: new Array(agingBounds.length + 2).fill(0),
        customersWithBalance: 0,
      },
    ]),
  );

  await tx.db.execute(sql`
    declare backfill_source no scroll cursor for
    select customer_account, json_agg(json_build_array(entry_key, document_date, entry_date, source_due_date,
      debit, credit, lettering_code, lettering_date) order by entry_key) as ledger
    from entries where org_id = ${orgId} and company_id = ${companyId} and gone_at is null
      and entry_date <= ${days[days.length - 1]!}
    group by customer_account`);
  for (;;) {
    const rows = await selectRows<{ customer_account: string; ledger: unknown[][] | string }>(
      tx.db,
      sql.raw(`fetch forward ${FETCH_SIZE} from backfill_source`),
    );
    for (const row of rows) {
      const raw = (typeof row.ledger === 'string' ? JSON.parse(row.ledger) : row.ledger) as [
        string,
        string,
        string,
        string | null,
        number,
        number,
        string,
        string | null,
      ][];
      const terms = customerTerms.get(row.customer_account) ?? companyTerms;
      for (const day of days) {
        const ledger: LedgerEntry[] = [];
        for (const e of raw) {
          if (e[2] > day) continue;
          const letteredLater = e[7] !== null && e[7] > day;
          ledger.push({
            key: e[0],
            documentDate: e[1],
            entryDate: e[2],
            sourceDueDate: e[3],
            debit: e[4],
            credit: e[5],
            letteringCode: letteredLater ? '' : e[6],
            letteringDate: letteredLater ? null : e[7],
          });
        }
        if (ledger.length === 0) continue;
        const summary = summarizeOpenItems(computeOpenItems(ledger, terms).openItems, day, agingBounds);
        const sum = totals.get(day)!;
        sum.balance += summary.balance;
        sum.overdue += summary.overdue;
        sum.notDue += summary.notDue;
        summary.buckets.forEach((amount, i) => {
          sum.buckets[i]! += amount;
        });
        if (summary.balance !== 0) sum.customersWithBalance += 1;
      }
    }
    if (rows.length < FETCH_SIZE) break;
  }
  await tx.db.execute(sql.raw('close backfill_source'));

  const flows = await findMonthlyFlows(tx.db, orgId, companyId);
  let written = 0;
  for (const [day, sum] of totals) {
    const kpis = computeReceivableKpis({
      today: day,
      ...sum,
      agingBounds,
      flows: flows.filter((f) => f.month <= day),
    });
    const result = await tx.db.execute(sql`
      insert into kpi_snapshots (org_id, company_id, day, balance, overdue, not_due, buckets, customers_with_balance, kpis)
      values (${orgId}, ${companyId}, ${day}, ${sum.balance}, ${sum.overdue}, ${sum.notDue},
        ${JSON.stringify(sum.buckets)}::jsonb, ${sum.customersWithBalance}, ${JSON.stringify(kpis)}::jsonb)
      on conflict (org_id, company_id, day) do nothing`);
    written += affectedRows(result);
  }
  return written;
}
