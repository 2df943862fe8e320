import type { AccountEntry, AccountSituationExportQuery } from '../../../contracts/customer-record';
import { computeAccountSituationTotals } from '../../../domain/receivables/account-situation-totals';
import { accountSituationFooter } from '../../documents/account-situation-footer';
import type { ExportLocale, TableColumn, TableExport } from '../../documents/table-export';

const LABELS = {
  fr: {
    journal: 'Journal',
    piece: 'Pièce',
    documentDate: 'Date pièce',
    entryDate: 'Date écriture',
    dueDate: 'Échéance',
    label: 'Libellé',
    debit: 'Débit',
    credit: 'Crédit',
    open: 'Reste dû',
    currency: 'Devise',
    daysLate: 'Jours de retard',
    lettering: 'Lettrage',
    letteringDate: 'Date de lettrage',
    originalAmount: 'Montant en devise',
    originalCurrency: 'Devise d’origine',
    totals: 'Totaux',
    balance: 'Solde',
    sheet: 'Situation de compte',
    file: 'situation',
  },
  en: {
    journal: 'Journal',
    piece: 'Piece',
    documentDate: 'Document date',
    entryDate: 'Entry date',
    dueDate: 'Due date',
    label: 'Label',
    debit: 'Debit',
    credit: 'Credit',
    open: 'Open amount',
    currency: 'Currency',
    daysLate: 'Days late',
    lettering: 'Lettering',
    letteringDate: 'Lettering date',
    originalAmount: 'Original amount',
    originalCurrency: 'Original currency',
    totals: 'Totals',
    balance: 'Balance',
    sheet: 'Account situation',
    file: 'account-situation',
  },
} satisfies Record<ExportLocale, Record<string, string>>;

/**
 * The account situation as a CSV or XLSX table (VIS-7): the entries the filter keeps, in the view's
 * currency, then a totals line and a balance line — left out when those entries hold several
 * currencies (`computeAccountSituationTotals`). In the ledger view, original amounts are added
 * as two columns when some entry has one (VIS-12); in the original view each line says its
 * currency and amounts are in that currency's minor units.
 */
export function accountSituationTable(
  entries: readonly AccountEntry[],
  options: {
    query: AccountSituationExportQuery;
    locale: ExportLocale;
    ledgerCurrency: string;
    account: string;
    today: string;
  },
): TableExport<AccountEntry> & { fileName: string } {
  const l = LABELS[options.locale];
  const isOriginal = options.query.currency === 'original';
  const money = (
    key: string,
    header: string,
    value: (e: AccountEntry) => number,
  ): TableColumn<AccountEntry> =>
    isOriginal
      ? { key, header, kind: 'money', value, currency: (e) => e.currency, minorUnits: 'currency' }
      : { key, header, kind: 'money', value, currency: options.ledgerCurrency };
  const currencyColumn: TableColumn<AccountEntry> = {
    key: 'currency',
    header: l.currency,
    kind: 'text',
    value: (e) => e.currency,
    width: 8,
  };
  const columns: TableColumn<AccountEntry>[] = [
    { key: 'journal', header: l.journal, kind: 'text', value: (e) => e.journal, width: 8 },
    { key: 'piece', header: l.piece, kind: 'text', value: (e) => e.pieceRef, width: 14 },
    { key: 'documentDate', header: l.documentDate, kind: 'date', value: (e) => e.documentDate },
    { key: 'entryDate', header: l.entryDate, kind: 'date', value: (e) => e.entryDate },
    { key: 'dueDate', header: l.dueDate, kind: 'date', value: (e) => e.dueDate },
    { key: 'label', header: l.label, kind: 'text', value: (e) => e.label, width: 32 },
    money('debit', l.debit, (e) => e.debit),
    money('credit', l.credit, (e) => e.credit),
    money('open', l.open, (e) => e.openAmount),
    ...(isOriginal ? [currencyColumn] : []),
    { key: 'daysLate', header: l.daysLate, kind: 'integer', value: (e) => e.daysLate },
    { key: 'lettering', header: l.lettering, kind: 'text', value: (e) => e.letteringCode || null, width: 9 },
    { key: 'letteringDate', header: l.letteringDate, kind: 'date', value: (e) => e.letteringDate },
  ];
  if (!isOriginal && entries.some((e) => e.originalAmount !== null)) {
    columns.push(
      {
        key: 'originalAmount',
        header: l.originalAmount,
        kind: 'money',
        value: (e) => (e.originalAmount === null ? null : e.debit > 0 ? e.originalAmount : -e.originalAmount),
        currency: (e) => e.originalCurrency ?? options.ledgerCurrency,
        minorUnits: 'currency',
      },
      { key: 'originalCurrency', header: l.originalCurrency, kind: 'text', value: (e) => e.originalCurrency },
    );
  }
  const totals = computeAccountSituationTotals(entries);
  return {
    fileName: `${l.file}-${options.account}-${options.today}`,
    format: options.query.format,
    locale: options.locale,
    sheetName: l.sheet,
    columns,
    rows: entries,
    footer: accountSituationFooter(totals, {
      debitKey: 'debit',
      creditKey: 'credit',
      labels: { totals: l.totals, balance: l.balance },
    }),
  };
}
