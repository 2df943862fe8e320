import type { AccountSituation, AccountSituationQuery } from '../../../contracts/customer-record';
import type { CalendarDate } from '../../../domain/calendar';
import type { Database } from '../../db/client';
import type { AuthContext } from '../auth/auth.service';
import { refreshStaleSummaries } from '../customers/customers.service';
import { amountsInView, toAccountEntry } from './account-entries';
import {
  findAccountEntries,
  findAccountEntryAmounts,
  getCustomerRecordRowOrThrow,
} from './customer-record.queries';
import { scopeOf, termsOf } from './customer-record.service';

type Caller = Pick<AuthContext, 'orgId' | 'role' | 'portfolio'>;

/**
 * VIS-7 totals of the entries shown: debit, credit, balance (debit − credit) and open amounts,
 * or null when they hold several currencies (amounts of two currencies are never added up).
 */
function computeTotals(
  amounts: readonly { currency: string; debit: number; credit: number; open: number }[],
  fallbackCurrency: string,
): { totals: AccountSituation['totals']; currencies: string[] } {
  const currencies = [...new Set(amounts.map((a) => a.currency))].sort();
  if (currencies.length > 1) return { totals: null, currencies };
  let debit = 0;
  let credit = 0;
  let open = 0;
  for (const a of amounts) {
    debit += a.debit;
    credit += a.credit;
    open += a.open;
  }
  return {
    totals: { currency: currencies[0] ?? fallbackCurrency, debit, credit, balance: debit - credit, open },
    currencies: currencies.length > 0 ? currencies : [fallbackCurrency],
  };
}

/**
 * The account situation of a customer (VIS-6): one page of its entries under the filter, with the
 * totals of every matching entry (VIS-7).
 */
export async function getAccountSituation(
  database: Database,
  auth: Caller,
  id: string,
  query: AccountSituationQuery,
  today: CalendarDate,
): Promise<AccountSituation> {
  // Open items are recomputed with the summaries: bring them to today before reading them.
  await refreshStaleSummaries(database, auth.orgId, today);
  const db = database.db;
  const row = await getCustomerRecordRowOrThrow(db, auth, id);
  const scope = scopeOf(auth.orgId, row);
  const { terms } = termsOf(row);
  const context = { today, terms, mode: query.currency, ledgerCurrency: row.currency };
  const rows = await findAccountEntries(db, scope, query.status, query);
  const amounts = (await findAccountEntryAmounts(db, scope, query.status)).map((a) =>
    amountsInView(a, query.currency, row.currency),
  );
  const { totals, currencies } = computeTotals(amounts, row.currency);
  return {
    asOf: today,
    items: rows.map((r) => toAccountEntry(r, context)),
    total: amounts.length,
    page: query.page,
    pageSize: query.pageSize,
    totals,
    currencies,
  };
}
