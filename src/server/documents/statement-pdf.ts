import type { CalendarDate } from '../../domain/calendar';
import type { Cents } from '../../domain/money';
import type { PostalAddress } from '../db/schema';
import {
  ADDRESS_WINDOW,
  collect,
  drawFirstPageHeader,
  formatLongDate,
  formatMoney,
  formatShortDate,
  type Letterhead,
  MM,
  newDocument,
  nextPageIndex,
  PAGE,
  type PdfLanguage,
  placeAndDate,
  prepareLetterhead,
  stampPages,
  untilFlowing,
} from './pdf-page';
import { drawTable, type PdfColumn } from './pdf-table';

/**
 * The statement of account (relevé de compte, TPL-5, issue 5 point 5) of one customer, on the
 * company's letterhead and ready for a window envelope like the letters: its open items, or all
 * its entries with their lettering, with the totals, the balance and the aged balance as the
 * account situation shows them (VIS-6, VIS-7, VIS-2).
 */

export interface StatementEntry {
  piece: string;
  label: string;
  documentDate: CalendarDate;
  dueDate: CalendarDate;
  debit: Cents;
  credit: Cents;
  /** > 0 open debit, < 0 open credit, 0 settled. */
  open: Cents;
  /** Days past the due date for an open item (VIS-1), else null. */
  daysLate: number | null;
  lettering: string;
}

export const STATEMENT_SCOPES = ['open', 'all'] as const;
export type StatementScope = (typeof STATEMENT_SCOPES)[number];

export interface Statement {
  language: PdfLanguage;
  currency: string;
  customerAccount: string;
  customerName: string;
  address: PostalAddress | null;
  asOf: CalendarDate;
  scope: StatementScope;
  entries: readonly StatementEntry[];
  totals: { debit: Cents; credit: Cents; open: Cents };
  /** The open items by age: "Not due", "1–30 days", … with their amounts (VIS-2). */
  aging: readonly { label: string; amount: Cents }[];
  overdue: Cents;
  notDue: Cents;
}

const WORDS = {
  fr: {
    title: (date: string) => `Relevé de compte au ${date}`,
    openItems: 'Écritures non soldées',
    all: 'Toutes les écritures, avec leur lettrage',
    account: 'Compte client',
    piece: 'Pièce',
    label: 'Libellé',
    documentDate: 'Date',
    dueDate: 'Échéance',
    debit: 'Débit',
    credit: 'Crédit',
    open: 'Reste dû',
    daysLate: 'Retard',
    lettering: 'Lettr.',
    totals: 'Totaux',
    balance: 'Solde du compte',
    openTotal: 'Reste dû',
    overdue: 'dont échu',
    notDue: 'dont non échu',
    aging: 'Balance âgée des écritures non soldées',
    empty: 'Aucune écriture.',
    closing:
      'Sauf erreur ou omission de notre part. Merci de nous signaler toute différence avec votre comptabilité.',
  },
  en: {
    title: (date: string) => `Statement of account as of ${date}`,
    openItems: 'Open items',
    all: 'All entries, with their lettering',
    account: 'Customer account',
    piece: 'Document',
    label: 'Label',
    documentDate: 'Date',
    dueDate: 'Due date',
    debit: 'Debit',
    credit: 'Credit',
    open: 'Open',
    daysLate: 'Late',
    lettering: 'Lett.',
    totals: 'Totals',
    balance: 'Account balance',
    openTotal: 'Open amount',
    overdue: 'of which overdue',
    notDue: 'of which not due',
    aging: 'Aged balance of the open items',
    empty: 'No entries.',
    closing: 'Errors and omissions excepted. Please tell us of any difference with your own books.',
  },
} as const;

function columns(statement: Statement): PdfColumn<StatementEntry>[] {
  const w = WORDS[statement.language];
  const money = (cents: Cents) =>
    cents === 0 ? '' : formatMoney(cents, statement.currency, statement.language);
  const withLettering = statement.scope === 'all';
  return [
    { header: w.piece, width: withLettering ? 20 : 22, value: (e) => e.piece },
    { header: w.label, width: withLettering ? 25 : 33, value: (e) => e.label },
    { header: w.documentDate, width: 19, isExact: true, value: (e) => formatShortDate(e.documentDate) },
    { header: w.dueDate, width: 19, isExact: true, value: (e) => formatShortDate(e.dueDate) },
    { header: w.debit, width: 21, align: 'right', isExact: true, value: (e) => money(e.debit) },
    { header: w.credit, width: 21, align: 'right', isExact: true, value: (e) => money(e.credit) },
    { header: w.open, width: 21, align: 'right', isExact: true, value: (e) => money(e.open) },
    {
      header: w.daysLate,
      width: 14,
      align: 'right',
      isExact: true,
      value: (e) => (e.daysLate !== null && e.daysLate > 0 ? String(e.daysLate) : ''),
    },
    ...(withLettering
      ? [
          {
            header: w.lettering,
            width: 10,
            value: (e: StatementEntry) => e.lettering,
          } satisfies PdfColumn<StatementEntry>,
        ]
      : []),
  ];
}

function line(doc: PDFKit.PDFDocument, label: string, amount: string, bold = false): void {
  const y = doc.y;
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
  doc.text(label, (PAGE.left + 85) * MM, y, { width: 50 * MM, lineBreak: false });
  doc.text(amount, (PAGE.left + 135) * MM, y, { width: 35 * MM, align: 'right', lineBreak: false });
  doc.x = PAGE.left * MM;
  doc.y = y + 5.5 * MM;
}

/**
 * The statement as one PDF.
 * @example const pdf = await renderStatementPdf(statement, letterhead); // %PDF…
 */
export async function renderStatementPdf(statement: Statement, letterhead: Letterhead): Promise<Buffer> {
  const w = WORDS[statement.language];
  const doc = newDocument({ title: `${w.title(statement.asOf)} ${statement.customerAccount}` });
  const done = collect(doc);
  await untilFlowing();
  const prepared = prepareLetterhead(doc, letterhead);
  const money = (cents: Cents) => formatMoney(cents, statement.currency, statement.language);
  doc.addPage();
  drawFirstPageHeader(doc, prepared, { name: statement.customerName, address: statement.address });
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(`${w.account} : ${statement.customerAccount}`, PAGE.left * MM, 66 * MM, {
      width: 75 * MM,
      lineBreak: false,
    });
  doc
    .fontSize(10)
    .text(
      placeAndDate(letterhead.place, statement.asOf, statement.language),
      ADDRESS_WINDOW.x * MM,
      97 * MM,
      {
        width: (PAGE.right - ADDRESS_WINDOW.x) * MM,
      },
    );
  doc
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(w.title(formatLongDate(statement.asOf, statement.language)), PAGE.left * MM, 108 * MM, {
      width: PAGE.contentWidth * MM,
    });
  doc
    .font('Helvetica')
    .fontSize(9.5)
    .fillColor('#444444')
    .text(statement.scope === 'open' ? w.openItems : w.all, { width: PAGE.contentWidth * MM });
  doc.fillColor('#000000').moveDown(1);
  const { totals } = statement;
  if (statement.entries.length === 0) {
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(w.empty, PAGE.left * MM, doc.y);
    doc.moveDown(1);
  } else {
    const cols = columns(statement);
    const totalsRow = [
      w.totals,
      '',
      '',
      '',
      money(totals.debit),
      money(totals.credit),
      money(totals.open),
      '',
    ];
    drawTable(doc, cols, statement.entries, {
      fontSize: 8,
      totals: statement.scope === 'all' ? [...totalsRow, ''] : totalsRow,
    });
  }
  if (doc.y > 235 * MM) doc.addPage();
  line(doc, w.balance, money(totals.debit - totals.credit), true);
  line(doc, w.openTotal, money(totals.open));
  line(doc, w.overdue, money(statement.overdue));
  line(doc, w.notDue, money(statement.notDue));
  doc.moveDown(1);
  if (statement.aging.length > 0) {
    if (doc.y > 245 * MM) doc.addPage();
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(w.aging, PAGE.left * MM, doc.y);
    doc.moveDown(0.4);
    const width = PAGE.contentWidth / statement.aging.length;
    const agingColumns = statement.aging.map(
      (bucket, b): PdfColumn<readonly Cents[]> => ({
        header: bucket.label,
        width,
        align: 'right',
        isExact: true,
        value: (row) => money(row[b]!),
      }),
    );
    drawTable(doc, agingColumns, [statement.aging.map((a) => a.amount)], { fontSize: 8.5 });
  }
  doc.moveDown(0.5);
  doc
    .font('Helvetica-Oblique')
    .fontSize(9)
    .text(w.closing, PAGE.left * MM, doc.y, { width: PAGE.contentWidth * MM });
  stampPages(doc, prepared, 0, nextPageIndex(doc));
  doc.end();
  return done;
}
