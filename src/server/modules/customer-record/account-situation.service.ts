import type {
  AccountSituation,
  AccountSituationExportQuery,
  AccountSituationQuery,
} from '../../../contracts/customer-record';
import type { CalendarDate } from '../../../domain/calendar';
import { computeAccountSituationTotals } from '../../../domain/receivables/account-situation-totals';
import type { Database } from '../../db/client';
import type { AuthContext } from '../auth/auth.service';
import { refreshStaleSummaries } from '../customers/customers.service';
import { findDocumentedPieces } from '../invoice-documents/piece-links';
import { amountsInView, toAccountEntry } from './account-entries';
import { accountSituationTable } from './account-situation-export';
import {
  findAccountEntries,
  findAccountEntryAmounts,
  getCustomerRecordRowOrThrow,
} from './customer-record.queries';
import { scopeOf, termsOf } from './customer-record.service';

type Caller = Pick<AuthContext, 'orgId' | 'role' | 'portfolio' | 'locale'>;

/**
 * VIS-7 totals of the entries shown (`computeAccountSituationTotals`) with the sum of their open
 * amounts; null when they hold several currencies (amounts of two currencies are never added up).
 */
function computeTotals(
  amounts: readonly { currency: string; debit: number; credit: number; open: number }[],
  ledgerCurrency: string,
): { totals: AccountSituation['totals']; currencies: string[] } {
  const currencies = [...new Set(amounts.map((a) => a.currency))].sort();
  const situation = computeAccountSituationTotals(amounts);
  return {
    totals: situation && {
      currency: situation.currency ?? ledgerCurrency,
      debit: situation.totals.debit,
      credit: situation.totals.credit,
      balance: situation.balance.amount,
      open: amounts.reduce((sum, a) => sum + a.open, 0),
    },
    currencies: currencies.length > 0 ? currencies : [ledgerCurrency],
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
  // One row more than the page: when the first page holds every matching entry (most
  // customers), the totals are summed from it instead of reading the entries again.
  const fetched = await findAccountEntries(db, scope, query.status, {
    limit: query.pageSize + 1,
    offset: (query.page - 1) * query.pageSize,
  });
  const rows = fetched.slice(0, query.pageSize);
  const everyEntry = query.page === 1 && fetched.length <= query.pageSize;
  const amounts = (everyEntry ? fetched : await findAccountEntryAmounts(db, scope, query.status)).map((a) =>
    amountsInView(a, query.currency, row.currency),
  );
  const { totals, currencies } = computeTotals(amounts, row.currency);
  const items = rows.map((r) => toAccountEntry(r, context));
  const documented = await findDocumentedPieces(
    db,
    { orgId: auth.orgId, companyId: row.company_id },
    items.map((i) => i.pieceRef),
  );
  return {
    asOf: today,
    items: items.map((i) => ({
      ...i,
      documentUrl: documented.has(i.pieceRef)
        ? `/api/customers/${id}/invoice-documents/${encodeURIComponent(i.pieceRef)}`
        : null,
    })),
    total: amounts.length,
    page: query.page,
    pageSize: query.pageSize,
    totals,
    currencies,
  };
}

/**
 * The account situation export (VIS-7): every entry the filter keeps, in the caller's language,
 * with the totals and balance lines. Access is checked before anything is sent.
 */
export async function exportAccountSituation(
  database: Database,
  auth: Caller,
  id: string,
  query: AccountSituationExportQuery,
  today: CalendarDate,
) {
  await refreshStaleSummaries(database, auth.orgId, today);
  const db = database.db;
  const row = await getCustomerRecordRowOrThrow(db, auth, id);
  const { terms } = termsOf(row);
  const context = { today, terms, mode: query.currency, ledgerCurrency: row.currency };
  // One customer's ledger, read at once so the file is one consistent picture of it.
  const entries = (await findAccountEntries(db, scopeOf(auth.orgId, row), query.status)).map((r) =>
    toAccountEntry(r, context),
  );
  return accountSituationTable(entries, {
    query,
    locale: auth.locale,
    ledgerCurrency: row.currency,
    account: row.account,
    today,
  });
}
