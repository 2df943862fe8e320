import type { MissingDocumentRow } from '../../../contracts/invoice-documents';
import type { CalendarDate } from '../../../domain/calendar';
import type { ExportFormat, ExportLocale, TableColumn, TableExport } from '../../documents/table-export';

const LABELS = {
  fr: {
    account: 'Compte',
    name: 'Client',
    piece: 'Pièce',
    documentDate: 'Date pièce',
    dueDate: 'Échéance',
    openAmount: 'Reste dû',
    sheet: 'Factures sans PDF',
    file: 'factures-sans-pdf',
  },
  en: {
    account: 'Account',
    name: 'Customer',
    piece: 'Piece',
    documentDate: 'Document date',
    dueDate: 'Due date',
    openAmount: 'Open amount',
    sheet: 'Invoices without PDF',
    file: 'invoices-without-pdf',
  },
} as const;

/**
 * The open items of a company whose piece has no invoice document (issue 5 point 4) as a CSV or
 * XLSX table (COL-6), in the list's order: what the accounting team still has to send as PDFs.
 * @example sendTableExport(reply, missingDocumentsTable(rows, { company, format: 'csv', locale: 'fr', today }))
 */
export function missingDocumentsTable(
  rows: AsyncIterable<MissingDocumentRow>,
  options: {
    company: { code: string; currency: string };
    format: ExportFormat;
    locale: ExportLocale;
    today: CalendarDate;
  },
): TableExport<MissingDocumentRow> & { fileName: string } {
  const l = LABELS[options.locale];
  const columns: TableColumn<MissingDocumentRow>[] = [
    { key: 'account', header: l.account, kind: 'text', value: (r) => r.customerAccount },
    { key: 'name', header: l.name, kind: 'text', value: (r) => r.customerName, width: 32 },
    { key: 'piece', header: l.piece, kind: 'text', value: (r) => r.pieceRef },
    { key: 'documentDate', header: l.documentDate, kind: 'date', value: (r) => r.documentDate },
    { key: 'dueDate', header: l.dueDate, kind: 'date', value: (r) => r.dueDate },
    {
      key: 'openAmount',
      header: l.openAmount,
      kind: 'money',
      currency: options.company.currency,
      value: (r) => r.openAmount,
    },
  ];
  return {
    fileName: `${l.file}-${options.company.code}-${options.today}`,
    format: options.format,
    locale: options.locale,
    sheetName: l.sheet,
    columns,
    rows,
  };
}
