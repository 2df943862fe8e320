import type { AccountEntry, AccountSituationQuery, EntryTone } from '../../../contracts/customer-record';
import type { CalendarDate } from '../../../domain/calendar';
import { resolveDueDate } from '../../../domain/ledger/open-items';
import type { Cents } from '../../../domain/money';
import { computeDaysLate, isOverdue } from '../../../domain/receivables/aging';
import type { PaymentTerms } from '../../../domain/terms';
import type { AccountEntryRow, EntryAmountsRow } from './customer-record.queries';

/**
 * VIS-1 colour of an entry: blue (`notDue`) for an open debit not yet due, orange (`overdue`) for
 * an open debit past its due date, green for a settled debit (`settled`) and for every credit.
 * A debit is an entry whose debit exceeds its credit.
 * @example computeEntryTone({ debit: 100, credit: 0, openAmount: 100, dueDate: '2024-04-20' }, '2024-04-30') // 'overdue'
 */
export function computeEntryTone(
  entry: { debit: Cents; credit: Cents; openAmount: Cents; dueDate: CalendarDate },
  today: CalendarDate,
): EntryTone {
  if (entry.debit - entry.credit <= 0) return 'credit';
  if (entry.openAmount <= 0) return 'settled';
  return isOverdue(entry, today) ? 'overdue' : 'notDue';
}

/** Whether an entry carries an amount in another currency than the ledger's (VIS-12). */
function hasOriginal(
  row: Pick<EntryAmountsRow, 'original_amount' | 'currency'>,
  ledgerCurrency: string,
): row is { original_amount: number; currency: string } {
  return row.original_amount !== null && row.currency !== null && row.currency !== ledgerCurrency;
}

/**
 * An entry's amounts in the chosen view (VIS-12). In the original-currency view an entry with an
 * original amount shows it on its ledger side (the source's sign is not relied upon), and its open
 * amount in proportion, rounded to the minor unit; other entries keep their ledger amounts.
 * @example amountsInView({ debit: 1000, credit: 0, original_amount: 1100, currency: 'USD', open_amount: 500 }, 'original', 'EUR') // { currency: 'USD', debit: 1100, credit: 0, open: 550 }
 */
export function amountsInView(
  row: EntryAmountsRow,
  mode: AccountSituationQuery['currency'],
  ledgerCurrency: string,
): { currency: string; debit: Cents; credit: Cents; open: Cents } {
  const open = row.open_amount ?? 0;
  if (mode === 'ledger' || !hasOriginal(row, ledgerCurrency)) {
    return { currency: ledgerCurrency, debit: row.debit, credit: row.credit, open };
  }
  const original = Math.abs(row.original_amount);
  const net = row.debit - row.credit;
  const isDebit = net > 0 || (net === 0 && row.debit > 0);
  return {
    currency: row.currency,
    debit: isDebit ? original : 0,
    credit: isDebit ? 0 : original,
    // Rounded half away from zero, so an open credit converts like the same open debit.
    open:
      net === 0 || open === 0 ? 0 : Math.sign(open) * Math.round((Math.abs(open) * original) / Math.abs(net)),
  };
}

/**
 * One line of the account situation (VIS-6). Its due date is the open item's when it is open
 * (as the lettering computed it), else the one `open-items.ts` would give: the source's, or the
 * terms' for a debit, or the document date for a credit. Days late are shown for open items only.
 */
export function toAccountEntry(
  row: AccountEntryRow,
  context: {
    today: CalendarDate;
    terms: PaymentTerms;
    mode: AccountSituationQuery['currency'];
    ledgerCurrency: string;
  },
): AccountEntry {
  const dueDate =
    row.open_due_date ??
    resolveDueDate(
      {
        documentDate: row.document_date,
        sourceDueDate: row.source_due_date,
        debit: row.debit,
        credit: row.credit,
      },
      context.terms,
    );
  const ledgerOpen = row.open_amount ?? 0;
  const view = amountsInView(row, context.mode, context.ledgerCurrency);
  return {
    entryKey: row.entry_key,
    journal: row.journal_code,
    entryNumber: row.entry_number,
    pieceRef: row.piece_ref,
    documentDate: row.document_date,
    entryDate: row.entry_date,
    dueDate,
    label: row.label,
    debit: view.debit,
    credit: view.credit,
    openAmount: view.open,
    currency: view.currency,
    daysLate: ledgerOpen === 0 ? null : computeDaysLate({ amount: ledgerOpen, dueDate }, context.today),
    tone: computeEntryTone(
      { debit: row.debit, credit: row.credit, openAmount: ledgerOpen, dueDate },
      context.today,
    ),
    isPartial: row.is_partial ?? false,
    letteringCode: row.lettering_code.trim(),
    letteringDate: row.lettering_date,
    paymentMethod: row.payment_method,
    originalAmount: hasOriginal(row, context.ledgerCurrency) ? Math.abs(row.original_amount) : null,
    originalCurrency: hasOriginal(row, context.ledgerCurrency) ? row.currency : null,
  };
}
