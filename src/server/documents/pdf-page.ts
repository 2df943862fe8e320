import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { CalendarDate } from '../../domain/calendar';
import { type Cents, centsToDecimal } from '../../domain/money';
import type { LogoType, PostalAddress } from '../db/schema';

/**
 * The page furniture shared by letters and statements (TPL-4): A4, the company's logo and
 * address at the top left, the recipient's address where a window envelope shows it, fold marks,
 * and on every page the legal footer and the page number. Positions are in millimetres.
 */

export const MM = 72 / 25.4;
export const PAGE = { width: 210, height: 297, left: 20, right: 190, contentWidth: 170 } as const;
/** Text stops here; below are the legal footer and the page number. */
export const CONTENT_BOTTOM = 272;
/** Where a page that continues a letter or statement starts. */
export const CONTINUATION_TOP = 20;

/**
 * The recipient's address block, for the French DL window envelope: 110 × 220 mm (ISO 269),
 * window 45 × 100 mm placed 20 mm from the right edge and 15 mm from the bottom, i.e. 100 to
 * 200 mm from the envelope's left and 50 to 95 mm from its top. The A4 sheet is folded in three
 * (folds at 99 and 198 mm, the fold marks on the left edge) and may slide 10 mm sideways and
 * 11 mm up or down in the envelope, so the part of the sheet the window always shows is 100 to
 * 190 mm from the left and 50 to 84 mm from the top. The block starts 105 mm from the left and
 * 52 mm from the top, 80 mm wide, at most 6 lines of 10 pt (about 26 mm, so it ends by 78 mm),
 * written as NF Z 10-011 asks: 6 lines at most, the last ones the postal code and town in
 * capitals, then the country in capitals when it is not France.
 */
export const ADDRESS_WINDOW = { x: 105, y: 52, width: 80, maxLines: 6 } as const;
const FOLDS_MM = [99, 198] as const;

export const PDF_LANGUAGES = ['fr', 'en'] as const;
export type PdfLanguage = (typeof PDF_LANGUAGES)[number];

export interface LetterheadLogo {
  type: LogoType;
  data: Buffer;
}

/** What an admin sets per company (Settings › Letterhead); any part may be missing. */
export interface Letterhead {
  companyName: string;
  address: PostalAddress;
  phone?: string | null;
  email?: string | null;
  /** The town of "Fait à …". */
  place?: string | null;
  signatoryName?: string | null;
  signatoryTitle?: string | null;
  legalForm?: string | null;
  /** Minor units of `currency`. */
  shareCapital?: Cents | null;
  currency: string;
  siren?: string | null;
  rcsCity?: string | null;
  vatNumber?: string | null;
  logo?: LetterheadLogo | null;
}

/** A letterhead drawn into one document: its logo opened once, however many pages show it. */
export interface PreparedLetterhead {
  letterhead: Letterhead;
  drawLogo: ((doc: PDFKit.PDFDocument) => void) | null;
  footer: string;
}

const LOGO_BOX = { x: 20, y: 12, width: 60, height: 22 } as const;

/**
 * A new A4 document, deterministic: the same content gives the same bytes.
 * @example const doc = newDocument(); doc.addPage();
 */
export function newDocument(options: { title?: string } = {}): PDFKit.PDFDocument {
  return new PDFDocument({
    size: 'A4',
    margins: {
      top: CONTINUATION_TOP * MM,
      left: PAGE.left * MM,
      right: (PAGE.width - PAGE.right) * MM,
      bottom: (PAGE.height - CONTENT_BOTTOM) * MM,
    },
    autoFirstPage: false,
    bufferPages: true,
    info: {
      CreationDate: new Date(Date.UTC(2000, 0, 1)),
      Producer: 'Encours',
      Creator: 'Encours',
      ...(options.title ? { Title: options.title } : {}),
    },
  });
}

/**
 * The document's bytes once it ends. pdfkit writes many small chunks: they are merged into
 * blocks of about 1 MB as they come, so a batch of 20,000 pages holds a few dozen buffers, not
 * millions of small ones. Await `untilFlowing` before drawing, or every chunk waits in the
 * stream's own buffer until the drawing is done.
 */
export function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const blocks: Buffer[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= 1024 * 1024) {
        blocks.push(Buffer.concat(pending));
        pending = [];
        pendingBytes = 0;
      }
    });
    doc.on('end', () => resolve(Buffer.concat([...blocks, ...pending])));
    doc.on('error', reject);
  });
}

/**
 * Resolves once the document's stream flows: from then on each chunk pdfkit writes goes at once
 * to `collect`, even while a long synchronous drawing runs.
 */
export function untilFlowing(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Checks that an SVG logo draws, and says why not: the same library draws it on every letter.
 * Images it links to are never fetched (see `drawSvg`).
 */
export function checkSvgLogo(svg: string): string | null {
  const warnings: string[] = [];
  const doc = new PDFDocument({ autoFirstPage: true });
  try {
    drawSvg(doc, svg, (w) => warnings.push(w));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  doc.end();
  return warnings.find((w) => /parse|root|invalid/i.test(w)) ?? null;
}

function drawSvg(doc: PDFKit.PDFDocument, svg: string, onWarning: (w: string) => void = () => {}): void {
  SVGtoPDF(doc as unknown as Parameters<typeof SVGtoPDF>[0], svg, LOGO_BOX.x * MM, LOGO_BOX.y * MM, {
    width: LOGO_BOX.width * MM,
    height: LOGO_BOX.height * MM,
    preserveAspectRatio: 'xMinYMin meet',
    // An SVG may link an image by path or URL: only images inside it (data: URIs) are drawn,
    // so an uploaded file can never make the server read its own disk.
    imageCallback: (link) => (link.startsWith('data:image/') ? link : ''),
    warningCallback: onWarning,
  });
}

/**
 * pdfkit's `openImage` (left out of its type definitions): parses a PNG or JPEG, throwing on
 * anything else, into an image that `doc.image` embeds once however often it is drawn.
 */
export function openImage(doc: PDFKit.PDFDocument, data: Buffer): PDFKit.Mixins.ImageSrc {
  // The opened image is what `image` accepts besides a Buffer or a path (not in the types either).
  return (doc as unknown as { openImage(src: Buffer): PDFKit.Mixins.ImageSrc }).openImage(data);
}

/** Opens the logo once for the whole document (pdfkit embeds an opened image once). */
export function prepareLetterhead(doc: PDFKit.PDFDocument, letterhead: Letterhead): PreparedLetterhead {
  const logo = letterhead.logo;
  let drawLogo: PreparedLetterhead['drawLogo'] = null;
  if (logo?.type === 'image/svg+xml') {
    const svg = logo.data.toString('utf8');
    drawLogo = (d) => drawSvg(d, svg);
  } else if (logo) {
    const image = openImage(doc, logo.data);
    drawLogo = (d) =>
      d.image(image, LOGO_BOX.x * MM, LOGO_BOX.y * MM, {
        fit: [LOGO_BOX.width * MM, LOGO_BOX.height * MM],
      });
  }
  return { letterhead, drawLogo, footer: legalFooter(letterhead) };
}

const MONEY: Record<PdfLanguage, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};

/**
 * An amount for print: `1 234,56 €`, `1,234.56 USD`. The exact decimal text goes to Intl (a
 * string, never a float); the narrow no-break space is not in the PDF fonts' encoding.
 * @example formatMoney(123456, 'EUR', 'fr') // '1 234,56 €'
 */
export function formatMoney(cents: Cents, currency: string, language: PdfLanguage): string {
  const text = MONEY[language]
    .format(centsToDecimal(cents) as unknown as number)
    .replace(/\u202F/g, '\u00A0');
  return `${text}\u00A0${currency === 'EUR' ? '€' : currency}`;
}

/** `31/07/2023` in both languages (the items tables). */
export const formatShortDate = (date: CalendarDate) =>
  `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

const MONTHS: Record<PdfLanguage, readonly string[]> = {
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** `31 juillet 2023`, `1er août 2023`, `31 July 2023`. */
export function formatLongDate(date: CalendarDate, language: PdfLanguage): string {
  const day = Number(date.slice(8, 10));
  const month = MONTHS[language][Number(date.slice(5, 7)) - 1];
  const dayText = language === 'fr' && day === 1 ? '1er' : String(day);
  return `${dayText} ${month} ${date.slice(0, 4)}`;
}

/** "Fait à Lyon, le 31 juillet 2023" / "Lyon, 31 July 2023"; without a place, the date alone. */
export function placeAndDate(place: string | null | undefined, date: CalendarDate, language: PdfLanguage) {
  const long = formatLongDate(date, language);
  const town = place?.trim();
  if (language === 'fr') return town ? `Fait à ${town}, le ${long}` : `Le ${long}`;
  return town ? `${town}, ${long}` : long;
}

/** The address lines of NF Z 10-011: town and country in capitals, at most `maxLines`. */
export function addressLines(
  name: string | null,
  address: PostalAddress | null | undefined,
  maxLines: number = ADDRESS_WINDOW.maxLines,
): string[] {
  const country = address?.country?.trim();
  const isFrance = !country || /^(france|fr|fra)$/i.test(country);
  const lines = [
    name,
    address?.line1,
    address?.line2,
    [address?.postalCode?.trim(), address?.city?.trim().toUpperCase()].filter(Boolean).join(' '),
    isFrance ? null : country.toUpperCase(),
  ]
    .map((l) => l?.trim())
    .filter((l): l is string => Boolean(l));
  if (lines.length <= maxLines) return lines;
  // Too many lines: keep the name and the last ones, which the post reads first.
  return [lines[0]!, ...lines.slice(lines.length - (maxLines - 1))];
}

/** "SAS au capital de 50 000,00 € · SIREN 123 456 789 RCS Lyon · TVA FR12123456789". */
export function legalFooter(letterhead: Letterhead, language: PdfLanguage = 'fr'): string {
  const parts: string[] = [];
  const form = letterhead.legalForm?.trim();
  const capital =
    letterhead.shareCapital != null ? formatMoney(letterhead.shareCapital, letterhead.currency, 'fr') : null;
  // "Ateliers Morel SAS" already says its form: not "Ateliers Morel SAS SAS".
  const isFormInName =
    form !== undefined &&
    form !== '' &&
    new RegExp(`(^|\\s)${form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i').test(
      letterhead.companyName.trim(),
    );
  const identity = [letterhead.companyName, isFormInName ? null : form].filter(Boolean).join(' ');
  parts.push(
    capital
      ? `${identity} ${language === 'fr' ? 'au capital de' : 'with a share capital of'} ${capital}`
      : identity,
  );
  const siren = letterhead.siren?.replace(/\s+/g, '');
  if (siren) {
    const spaced = /^\d{9}$/.test(siren) ? siren.replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3') : siren;
    const rcs = letterhead.rcsCity?.trim();
    parts.push(rcs ? `RCS ${rcs} ${spaced}` : `SIREN ${spaced}`);
  }
  const vat = letterhead.vatNumber?.trim();
  if (vat) parts.push(`${language === 'fr' ? 'TVA intracommunautaire' : 'VAT'} ${vat}`);
  return parts.join(' · ');
}

/** Small marks on the left edge where the sheet is folded for a DL envelope. */
function drawFoldMarks(doc: PDFKit.PDFDocument): void {
  doc.save().lineWidth(0.4).strokeColor('#999999');
  for (const y of FOLDS_MM) {
    doc
      .moveTo(4 * MM, y * MM)
      .lineTo(9 * MM, y * MM)
      .stroke();
  }
  doc.restore();
}

/**
 * The top of a first page: fold marks, logo, the company's name and address on the left (never
 * under the window), the recipient's address in the window. Returns where the text may go on.
 */
export function drawFirstPageHeader(
  doc: PDFKit.PDFDocument,
  prepared: PreparedLetterhead,
  recipient: { name: string; address: PostalAddress | null },
): void {
  drawFoldMarks(doc);
  const { letterhead } = prepared;
  prepared.drawLogo?.(doc);
  const top = (prepared.drawLogo ? LOGO_BOX.y + LOGO_BOX.height + 3 : LOGO_BOX.y) * MM;
  const own = addressLines(null, letterhead.address, 5);
  const contact = [letterhead.phone?.trim(), letterhead.email?.trim()].filter(Boolean).join(' · ');
  doc
    .fillColor('#000000')
    .font('Helvetica-Bold')
    .fontSize(10)
    .text(letterhead.companyName, PAGE.left * MM, top, { width: 75 * MM, lineBreak: false });
  doc.font('Helvetica').fontSize(8.5).fillColor('#333333');
  for (const line of own) doc.text(line, { width: 75 * MM, lineBreak: false });
  if (contact) doc.text(contact, { width: 75 * MM, lineBreak: false });
  doc.fillColor('#000000');
  const lines = addressLines(recipient.name, recipient.address);
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(lines.join('\n'), ADDRESS_WINDOW.x * MM, ADDRESS_WINDOW.y * MM, {
      width: ADDRESS_WINDOW.width * MM,
      lineGap: 1,
    });
}

/**
 * Writes the legal footer and "n/count" on each of `count` buffered pages from `first`
 * (absolute page index). The bottom margin is lifted while writing, so nothing breaks a page.
 */
export function stampPages(
  doc: PDFKit.PDFDocument,
  prepared: PreparedLetterhead,
  first: number,
  count: number,
): void {
  for (let i = 0; i < count; i++) {
    doc.switchToPage(first + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.save().lineWidth(0.4).strokeColor('#bbbbbb');
    doc
      .moveTo(PAGE.left * MM, 279 * MM)
      .lineTo(PAGE.right * MM, 279 * MM)
      .stroke();
    doc.restore();
    doc.font('Helvetica').fontSize(7).fillColor('#555555');
    if (prepared.footer) {
      doc.text(prepared.footer, PAGE.left * MM, 281 * MM, {
        width: (PAGE.contentWidth - 18) * MM,
        lineGap: 0.5,
      });
    }
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(`${i + 1}/${count}`, (PAGE.right - 16) * MM, 281 * MM, {
        width: 16 * MM,
        align: 'right',
        lineBreak: false,
      });
    doc.fillColor('#000000');
    doc.page.margins.bottom = bottom;
  }
}

/** The absolute index the next page will get. */
export function nextPageIndex(doc: PDFKit.PDFDocument): number {
  const range = doc.bufferedPageRange();
  return range.start + range.count;
}
