import type { DueDateExportQuery, DueDateRow } from '../../../contracts/due-dates';
import type { CalendarDate } from '../../../domain/calendar';
import type { Cents } from '../../../domain/money';
import type { ExportLocale, FooterRow, TableColumn, TableExport } from '../../documents/table-export';

const LABELS = {
  fr: {
    company: 'Société',
    account: 'Compte',
    name: 'Client',
    piece: 'Pièce',
    label: 'Libellé',
    documentDate: 'Date pièce',
    dueDate: 'Échéance',
    currency: 'Devise',
    entryAmount: 'Montant',
    openAmount: 'Reste dû',
    daysLate: 'Jours de retard',
    status: 'Statut',
    side: 'Sens',
    originalAmount: 'Montant devise',
    originalCurrency: 'Devise d’origine',
    statuses: { overdue: 'Échu', notDue: 'Non échu' },
    sides: { debit: 'Débit', credit: 'Crédit' },
    totals: 'Totaux',
    sheet: 'Échéances',
    file: 'echeances',
  },
  en: {
    company: 'Company',
    account: 'Account',
    name: 'Customer',
    piece: 'Piece',
    label: 'Label',
    documentDate: 'Document date',
    dueDate: 'Due date',
    currency: 'Currency',
    entryAmount: 'Amount',
    openAmount: 'Open amount',
    daysLate: 'Days late',
    status: 'Status',
    side: 'Side',
    originalAmount: 'Original amount',
    originalCurrency: 'Original currency',
    statuses: { overdue: 'Overdue', notDue: 'Not due' },
    sides: { debit: 'Debit', credit: 'Credit' },
    totals: 'Totals',
    sheet: 'Due dates',
    file: 'due-dates',
  },
} as const;

/**
 * Due-date tracking (VIS-5) as a CSV or XLSX table (COL-6): every open item the filters keep, in
 * the list's order, then one totals line per ledger currency (amounts of different currencies are
 * never added up). Amounts are signed as in the list: a credit is negative.
 */
export function dueDatesTable(
  rows: AsyncIterable<DueDateRow>,
  options: { query: DueDateExportQuery; locale: ExportLocale; today: CalendarDate },
): TableExport<DueDateRow> & { fileName: string } {
  const l = LABELS[options.locale];
  const currency = (row: DueDateRow) => row.currency;
  const columns: TableColumn<DueDateRow>[] = [
    { key: 'company', header: l.company, kind: 'text', value: (r) => r.companyCode },
    { key: 'account', header: l.account, kind: 'text', value: (r) => r.customerAccount },
    { key: 'name', header: l.name, kind: 'text', value: (r) => r.customerName, width: 32 },
    { key: 'piece', header: l.piece, kind: 'text', value: (r) => r.pieceRef },
    { key: 'label', header: l.label, kind: 'text', value: (r) => r.label, width: 32 },
    { key: 'documentDate', header: l.documentDate, kind: 'date', value: (r) => r.documentDate },
    { key: 'dueDate', header: l.dueDate, kind: 'date', value: (r) => r.dueDate },
    { key: 'currency', header: l.currency, kind: 'text', value: currency, width: 8 },
    { key: 'entryAmount', header: l.entryAmount, kind: 'money', currency, value: (r) => r.entryAmount },
    { key: 'openAmount', header: l.openAmount, kind: 'money', currency, value: (r) => r.openAmount },
    { key: 'daysLate', header: l.daysLate, kind: 'days', value: (r) => r.daysLate },
    { key: 'status', header: l.status, kind: 'text', value: (r) => l.statuses[r.status], width: 10 },
    { key: 'side', header: l.side, kind: 'text', value: (r) => l.sides[r.side], width: 8 },
    {
      key: 'originalAmount',
      header: l.originalAmount,
      kind: 'money',
      minorUnits: 'currency',
      currency: (r) => r.originalCurrency ?? r.currency,
      value: (r) => r.originalAmount,
    },
    { key: 'originalCurrency', header: l.originalCurrency, kind: 'text', value: (r) => r.originalCurrency },
  ];

  const sums = new Map<string, Cents>();
  async function* counted(): AsyncGenerator<DueDateRow> {
    for await (const row of rows) {
      sums.set(row.currency, (sums.get(row.currency) ?? 0) + row.openAmount);
      yield row;
    }
  }
  const footer = (): FooterRow[] =>
    [...sums.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, openAmount]) => ({
        label: l.totals,
        currency: code,
        values: { currency: code, openAmount },
      }));

  return {
    fileName: `${l.file}-${options.today}`,
    format: options.query.format,
    locale: options.locale,
    sheetName: l.sheet,
    columns,
    rows: counted(),
    footer,
  };
}
