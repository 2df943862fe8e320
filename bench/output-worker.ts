/**
 * One measurement of `npm run bench -- output`, in a process of its own so that its peak memory
 * (the kernel's `maxRSS`) is that of the measurement alone. Prints one JSON line.
 *
 *   letters N LOGO PAGES_FILE   the app's renderer: N letters into one grouped PDF for duplex
 *                               printing (`renderLettersPdf`); writes each letter's page count
 *   pdfkit N LOGO PAGES_FILE    pdfkit alone writing the same text on the same number of pages,
 *                               with no layout logic: each string at the next line, the logo on
 *                               each first page, footer and "n/N" on each page, blanks where the
 *                               grouped PDF has them
 *   archive N LOGO              one PDF per letter, as the send service archives each (DUN-14)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import {
  addressLines,
  collect,
  formatMoney,
  formatShortDate,
  legalFooter,
  MM,
  newDocument,
  openImage,
  placeAndDate,
  prepareLetterhead,
  untilFlowing,
} from '../src/server/documents/pdf-page';
import {
  type Letter,
  renderLettersPdf,
  splitBodyAtItems,
  writeLetters,
} from '../src/server/documents/reminder-letters';
import { benchLetterhead, benchLetters } from './output-letters';

export interface OutputMeasure {
  mode: 'letters' | 'pdfkit' | 'archive';
  letters: number;
  templatesMs: number;
  renderMs: number;
  pages: number;
  bytes: number;
  /** Every letter starts on an odd page of the grouped PDF (letters mode). */
  isEveryStartOdd: boolean | null;
  peakRssMB: number;
}

const MB = 1024 * 1024;
const kernelPeakMB = () => (process.resourceUsage().maxRSS * 1024) / MB;
let peakAtRender: number | null = null;
const [mode, countText, logo, pagesFile] = process.argv.slice(2) as [
  OutputMeasure['mode'],
  string,
  'png' | 'svg' | 'none',
  string | undefined,
];
const count = Number(countText);
const letterhead = benchLetterhead(logo);

// The letters with their text rendered by the templates, held in memory as a send holds them.
const templatesStarted = performance.now();
const letters = [...benchLetters(count)];
const templatesMs = performance.now() - templatesStarted;

/** pdfkit alone: the same strings as the letter, one after the other, no measuring or placing. */
async function renderPlain(pagesPerLetter: readonly number[]): Promise<Buffer> {
  const doc = newDocument();
  const done = collect(doc);
  await untilFlowing();
  const image = letterhead.logo?.type === 'image/png' ? openImage(doc, letterhead.logo.data) : null;
  const footer = legalFooter(letterhead);
  const ownAddress = addressLines(letterhead.companyName, letterhead.address);
  letters.forEach((letter, index) => {
    const pages = pagesPerLetter[index]!;
    if (index > 0 && pagesPerLetter[index - 1]! % 2 === 1) doc.addPage();
    const first = doc.bufferedPageRange().count + doc.bufferedPageRange().start;
    doc.addPage();
    if (image) doc.image(image, 20 * MM, 12 * MM, { fit: [60 * MM, 22 * MM] });
    let y = 40 * MM;
    const line = (text: string, font = 'Helvetica') => {
      if (y > 265 * MM) {
        doc.addPage();
        y = 20 * MM;
      }
      doc
        .font(font)
        .fontSize(9)
        .text(text, 20 * MM, y, { lineBreak: false });
      y += 11;
    };
    for (const text of plainStrings(letter, ownAddress)) line(text);
    while (doc.bufferedPageRange().start + doc.bufferedPageRange().count - first < pages) doc.addPage();
    for (let p = 0; p < pages; p++) {
      doc.switchToPage(first + p);
      doc.page.margins.bottom = 0;
      doc
        .font('Helvetica')
        .fontSize(7)
        .text(footer, 20 * MM, 281 * MM, { lineBreak: false });
      doc.text(`${p + 1}/${pages}`, 180 * MM, 281 * MM, { lineBreak: false });
    }
    doc.flushPages();
  });
  doc.end();
  return done;
}

/** Every string a letter prints, body paragraphs as lines. */
function plainStrings(letter: Letter, ownAddress: readonly string[]): string[] {
  const money = (cents: number) => formatMoney(cents, letter.currency, letter.language);
  const split = splitBodyAtItems(letter.body);
  const paragraphs = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
  const strings = [
    ...ownAddress,
    letterhead.phone ?? '',
    ...addressLines(letter.recipientName, letter.recipientAddress),
    `Compte client : ${letter.customerAccount}`,
    placeAndDate(letterhead.place, letter.date, letter.language),
    `Objet : ${letter.subject}`,
    ...paragraphs(split ? split.before : letter.body),
    'Pièce Date Échéance Montant Reste dû Jours de retard',
  ];
  for (const item of letter.items) {
    strings.push(
      `${item.piece}  ${formatShortDate(item.documentDate)}  ${formatShortDate(item.dueDate)}  ${money(item.amount)}  ${money(item.remaining)}  ${item.daysLate}`,
    );
  }
  strings.push(
    `Total ${money(letter.items.reduce((s, i) => s + i.amount, 0))} ${money(letter.items.reduce((s, i) => s + i.remaining, 0))}`,
  );
  if (split) strings.push(...paragraphs(split.after));
  strings.push(letterhead.signatoryName ?? '', letterhead.signatoryTitle ?? '');
  if (letter.kind === 'formalNotice') {
    strings.push(
      'LETTRE RECOMMANDÉE AVEC ACCUSÉ DE RÉCEPTION',
      'Pénalités de retard et indemnité forfaitaire',
    );
    // The legal mention is one paragraph of about 900 characters: about 8 lines.
    for (let l = 0; l < 8; l++)
      strings.push(
        'Conformément à l’article L441-10 du Code de commerce, les sommes non réglées à leur échéance portent',
      );
  }
  return strings;
}

const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;

let result: Omit<OutputMeasure, 'peakRssMB'>;
if (mode === 'letters') {
  // What `renderLettersPdf(letters, letterhead, { duplex: true })` does, keeping where each starts.
  const started = performance.now();
  const doc = newDocument();
  const done = collect(doc);
  await untilFlowing();
  const { letterStarts } = writeLetters(doc, prepareLetterhead(doc, letterhead), letters, { duplex: true });
  doc.end();
  const pdf = await done;
  const renderMs = performance.now() - started;
  // The peak of the grouped PDF alone: the check below renders every letter again.
  peakAtRender = kernelPeakMB();
  // Each letter's page count, for the pdfkit-alone run: from the letters one by one, untimed.
  const pagesPerLetter: number[] = [];
  for (const letter of letters)
    pagesPerLetter.push(pageCount(await renderLettersPdf([letter], letterhead, { duplex: false })));
  const isEveryStartOdd = letterStarts.length === count && letterStarts.every((page) => page % 2 === 1);
  // The grouped PDF is the letters one after the other, each of an odd length followed by a blank.
  const expected = pagesPerLetter.reduce((sum, pages, i) => sum + pages + (i < count - 1 ? pages % 2 : 0), 0);
  if (expected !== pageCount(pdf))
    throw new Error(`grouped PDF of ${pageCount(pdf)} pages, expected ${expected}`);
  writeFileSync(pagesFile!, JSON.stringify(pagesPerLetter));
  result = {
    mode,
    letters: count,
    templatesMs,
    renderMs,
    pages: pageCount(pdf),
    bytes: pdf.length,
    isEveryStartOdd,
  };
} else if (mode === 'pdfkit') {
  const pagesPerLetter = JSON.parse(readFileSync(pagesFile!, 'utf8')) as number[];
  const started = performance.now();
  const pdf = await renderPlain(pagesPerLetter);
  const renderMs = performance.now() - started;
  result = {
    mode,
    letters: count,
    templatesMs,
    renderMs,
    pages: pageCount(pdf),
    bytes: pdf.length,
    isEveryStartOdd: null,
  };
} else {
  const started = performance.now();
  let bytes = 0;
  let pages = 0;
  for (const letter of letters) {
    const pdf = await renderLettersPdf([letter], letterhead, { duplex: false });
    bytes += pdf.length;
    pages += pageCount(pdf);
  }
  const renderMs = performance.now() - started;
  result = { mode, letters: count, templatesMs, renderMs, pages, bytes, isEveryStartOdd: null };
}
const peakRssMB = peakAtRender ?? kernelPeakMB();
console.log(JSON.stringify({ ...result, peakRssMB } satisfies OutputMeasure));
