import type { CalendarDate } from '../../domain/calendar';
import type { Cents } from '../../domain/money';
import type { PostalAddress } from '../db/schema';
import {
  ADDRESS_WINDOW,
  CONTENT_BOTTOM,
  collect,
  drawFirstPageHeader,
  formatMoney,
  formatShortDate,
  type Letterhead,
  MM,
  newDocument,
  nextPageIndex,
  PAGE,
  type PdfLanguage,
  type PreparedLetterhead,
  placeAndDate,
  prepareLetterhead,
  stampPages,
  untilFlowing,
} from './pdf-page';
import { drawTable, type PdfColumn } from './pdf-table';

/**
 * Reminder letters as A4 PDF (TPL-4): the company's letterhead, the recipient's address in the
 * window of a DL envelope (`pdf-page.ts` says where and why), place and date, subject, the body
 * the template rendered with its list of items turned into a table with totals, the signature,
 * and on each page the legal footer and "1/2". A formal notice (mise en demeure) adds the mention
 * of registered mail and the legal mentions of late-payment penalties (Code de commerce L441-10)
 * and of the €40 recovery indemnity per invoice (D441-5). A batch to print puts every letter on
 * an odd page, so a duplex printer never prints one customer's letter on the back of another's.
 */

export type LetterAddress = PostalAddress;

/** One line of the items table; amounts in minor units of the letter's currency. */
export interface LetterItem {
  piece: string;
  documentDate: CalendarDate;
  dueDate: CalendarDate;
  /** The document's amount: debit − credit of its entry. */
  amount: Cents;
  /** What is still open of it. */
  remaining: Cents;
  /** Days past the due date; 0 or less when not due yet. */
  daysLate: number;
}

export const LETTER_KINDS = ['reminder', 'formalNotice'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export interface Letter {
  kind: LetterKind;
  language: PdfLanguage;
  currency: string;
  customerAccount: string;
  recipientName: string;
  recipientAddress: LetterAddress | null;
  date: CalendarDate;
  subject: string;
  /** The text the template rendered, as archived with the reminder (DUN-14). */
  body: string;
  items: readonly LetterItem[];
}

/** The €40 fixed recovery indemnity per invoice paid late (Code de commerce D441-5), in cents. */
export const RECOVERY_INDEMNITY_CENTS = 4000;

const WORDS = {
  fr: {
    account: 'Compte client',
    registered: 'Lettre recommandée avec accusé de réception',
    subject: 'Objet :',
    piece: 'Pièce',
    documentDate: 'Date',
    dueDate: 'Échéance',
    amount: 'Montant',
    remaining: 'Reste dû',
    daysLate: 'Jours de retard',
    total: 'Total',
    legalTitle: 'Pénalités de retard et indemnité forfaitaire',
    legal: (count: number, indemnity: string) =>
      'Conformément à l’article L441-10 du Code de commerce, les sommes non réglées à leur échéance ' +
      'portent de plein droit, sans qu’un rappel soit nécessaire, des pénalités de retard au taux prévu ' +
      'par nos conditions générales de vente ou, à défaut, au taux d’intérêt appliqué par la Banque ' +
      'centrale européenne à son opération de refinancement la plus récente majoré de 10 points de ' +
      'pourcentage. Tout professionnel en situation de retard de paiement est en outre de plein droit ' +
      'débiteur, à l’égard du créancier, d’une indemnité forfaitaire pour frais de recouvrement de 40 € ' +
      `par facture (article D441-5 du Code de commerce), soit ${count} × 40 € = ${indemnity} pour ` +
      `${count > 1 ? 'les factures échues ci-dessus' : 'la facture échue ci-dessus'}, sans préjudice ` +
      'd’une indemnisation complémentaire sur justification lorsque les frais de recouvrement exposés ' +
      'sont supérieurs.',
  },
  en: {
    account: 'Customer account',
    registered: 'Registered letter with acknowledgement of receipt',
    subject: 'Subject:',
    piece: 'Document',
    documentDate: 'Date',
    dueDate: 'Due date',
    amount: 'Amount',
    remaining: 'Remaining',
    daysLate: 'Days late',
    total: 'Total',
    legalTitle: 'Late-payment penalties and fixed recovery indemnity',
    legal: (count: number, indemnity: string) =>
      'Under article L441-10 of the French Commercial Code, sums unpaid on their due date bear, by ' +
      'law and without any reminder being needed, late-payment penalties at the rate set in our terms ' +
      'and conditions or, failing that, at the rate the European Central Bank applies to its most ' +
      'recent refinancing operation plus 10 percentage points. Any business paying late also owes the ' +
      'creditor, by law, a fixed indemnity for recovery costs of €40 per invoice (article D441-5 of ' +
      `the French Commercial Code), that is ${count} × €40 = ${indemnity} for the overdue ` +
      `${count > 1 ? 'invoices' : 'invoice'} above, without prejudice to further compensation, on ` +
      'proof, when the recovery costs incurred are higher.',
  },
} as const;

/**
 * Splits the rendered body around its list of items (the `- …` lines of the default templates
 * and the `Total` line after them), where the letter puts the table instead. `null` when the
 * text has no such list: the table then follows the whole text.
 * @example splitBodyAtItems('Hello,\n\n- F1 …\nTotal: 10 €\n\nRegards') // { before: 'Hello,', after: 'Regards' }
 */
export function splitBodyAtItems(body: string): { before: string; after: string } | null {
  const lines = body.split('\n');
  const first = lines.findIndex((l) => l.startsWith('- '));
  if (first < 0) return null;
  let end = first;
  while (end < lines.length && lines[end]!.startsWith('- ')) end++;
  if (end < lines.length && /^total\b/i.test(lines[end]!.trim())) end++;
  return { before: lines.slice(0, first).join('\n').trim(), after: lines.slice(end).join('\n').trim() };
}

function itemColumns(letter: Letter): PdfColumn<LetterItem>[] {
  const w = WORDS[letter.language];
  const money = (cents: Cents) => formatMoney(cents, letter.currency, letter.language);
  return [
    { header: w.piece, width: 36, value: (i) => i.piece },
    { header: w.documentDate, width: 23, isExact: true, value: (i) => formatShortDate(i.documentDate) },
    { header: w.dueDate, width: 23, isExact: true, value: (i) => formatShortDate(i.dueDate) },
    { header: w.amount, width: 30, align: 'right', isExact: true, value: (i) => money(i.amount) },
    { header: w.remaining, width: 30, align: 'right', isExact: true, value: (i) => money(i.remaining) },
    {
      header: w.daysLate,
      width: 28,
      align: 'right',
      isExact: true,
      value: (i) => (i.daysLate > 0 ? String(i.daysLate) : '—'),
    },
  ];
}

/** Invoices the €40 indemnity applies to: debits still open past their due date. */
export function countLateInvoices(items: readonly LetterItem[]): number {
  return items.filter((i) => i.remaining > 0 && i.daysLate > 0).length;
}

function paragraph(doc: PDFKit.PDFDocument, text: string): void {
  if (!text) return;
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#000000')
    .text(text, PAGE.left * MM, doc.y, { width: PAGE.contentWidth * MM, lineGap: 2 });
  doc.moveDown(0.8);
}

function ensureRoom(doc: PDFKit.PDFDocument, heightMm: number): void {
  if (doc.y + heightMm * MM > CONTENT_BOTTOM * MM) doc.addPage();
}

function drawLegalMentions(doc: PDFKit.PDFDocument, letter: Letter): void {
  const w = WORDS[letter.language];
  const count = countLateInvoices(letter.items);
  if (count === 0) return;
  const text = w.legal(count, formatMoney(count * RECOVERY_INDEMNITY_CENTS, 'EUR', letter.language));
  const width = PAGE.contentWidth * MM - 6 * MM;
  doc.font('Helvetica').fontSize(8);
  const height = doc.heightOfString(text, { width, lineGap: 0.5 }) + 10 * MM;
  ensureRoom(doc, height / MM);
  const top = doc.y;
  doc
    .save()
    .lineWidth(0.6)
    .rect(PAGE.left * MM, top, PAGE.contentWidth * MM, height - 3 * MM)
    .stroke('#444444')
    .restore();
  doc
    .font('Helvetica-Bold')
    .fontSize(8.5)
    .text(w.legalTitle, (PAGE.left + 3) * MM, top + 2.5 * MM, { width });
  doc
    .font('Helvetica')
    .fontSize(8)
    .text(text, (PAGE.left + 3) * MM, doc.y + 1 * MM, { width, lineGap: 0.5 });
  doc.x = PAGE.left * MM;
  doc.y = top + height;
}

function drawSignature(doc: PDFKit.PDFDocument, letterhead: Letterhead): void {
  const name = letterhead.signatoryName?.trim();
  const title = letterhead.signatoryTitle?.trim();
  if (!name && !title) return;
  ensureRoom(doc, 26);
  // Room above the name for a handwritten signature.
  const y = doc.y + 11 * MM;
  const x = ADDRESS_WINDOW.x * MM;
  const width = (PAGE.right - ADDRESS_WINDOW.x) * MM;
  if (name) doc.font('Helvetica-Bold').fontSize(10).text(name, x, y, { width });
  if (title)
    doc
      .font('Helvetica')
      .fontSize(9.5)
      .text(title, x, name ? doc.y : y, { width });
  doc.x = PAGE.left * MM;
}

/** Draws one letter from a new page; returns how many pages it took. */
function drawLetter(doc: PDFKit.PDFDocument, prepared: PreparedLetterhead, letter: Letter): number {
  const w = WORDS[letter.language];
  const first = nextPageIndex(doc);
  doc.addPage();
  drawFirstPageHeader(doc, prepared, { name: letter.recipientName, address: letter.recipientAddress });
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#000000')
    .text(`${w.account} : ${letter.customerAccount}`, PAGE.left * MM, 66 * MM, {
      width: 75 * MM,
      lineBreak: false,
    });
  if (letter.kind === 'formalNotice') {
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(w.registered.toUpperCase(), PAGE.left * MM, 72 * MM, { width: 75 * MM });
  }
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(
      placeAndDate(prepared.letterhead.place, letter.date, letter.language),
      ADDRESS_WINDOW.x * MM,
      97 * MM,
      {
        width: (PAGE.right - ADDRESS_WINDOW.x) * MM,
      },
    );
  doc
    .font('Helvetica-Bold')
    .fontSize(10.5)
    .text(`${w.subject} ${letter.subject}`, PAGE.left * MM, 108 * MM, { width: PAGE.contentWidth * MM });
  doc.moveDown(1.2);
  const split = splitBodyAtItems(letter.body);
  paragraph(doc, split ? split.before : letter.body.trim());
  if (letter.items.length > 0) {
    const sum = (pick: (i: LetterItem) => number) => letter.items.reduce((s, i) => s + pick(i), 0);
    const money = (cents: Cents) => formatMoney(cents, letter.currency, letter.language);
    drawTable(doc, itemColumns(letter), letter.items, {
      totals: [w.total, '', '', money(sum((i) => i.amount)), money(sum((i) => i.remaining)), ''],
    });
    doc.moveDown(0.4);
  }
  if (split) paragraph(doc, split.after);
  drawSignature(doc, prepared.letterhead);
  if (letter.kind === 'formalNotice') {
    doc.moveDown(1);
    drawLegalMentions(doc, letter);
  }
  const count = nextPageIndex(doc) - first;
  stampPages(doc, prepared, first, count);
  return count;
}

/**
 * Writes letters into an open document. With `duplex`, a letter of an odd number of pages is
 * followed by a blank page (not after the last one), so the next letter starts on an odd page.
 * Pages are flushed after each letter: memory holds one letter's pages, whatever the batch.
 */
export function writeLetters(
  doc: PDFKit.PDFDocument,
  prepared: PreparedLetterhead,
  letters: Iterable<Letter>,
  options: { duplex: boolean },
): { pages: number; letterStarts: number[] } {
  const letterStarts: number[] = [];
  let previousOdd = false;
  for (const letter of letters) {
    if (options.duplex && previousOdd) doc.addPage();
    letterStarts.push(nextPageIndex(doc) + 1);
    const count = drawLetter(doc, prepared, letter);
    previousOdd = count % 2 === 1;
    doc.flushPages();
  }
  return { pages: nextPageIndex(doc), letterStarts };
}

/**
 * One PDF with these letters on the company's letterhead: one letter for the archive (DUN-14),
 * or a batch to print with `duplex` (each letter from an odd page).
 * @example const pdf = await renderLettersPdf([letter], letterhead, { duplex: false }); // %PDF…
 */
export async function renderLettersPdf(
  letters: readonly Letter[],
  letterhead: Letterhead,
  options: { duplex: boolean },
): Promise<Buffer> {
  const doc = newDocument({ title: letters.length === 1 ? letters[0]!.subject : undefined });
  const done = collect(doc);
  await untilFlowing();
  const prepared = prepareLetterhead(doc, letterhead);
  writeLetters(doc, prepared, letters, options);
  if (letters.length === 0) doc.addPage();
  doc.end();
  return done;
}
