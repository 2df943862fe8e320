import PDFDocument from 'pdfkit';

/**
 * Reminder letters as A4 PDF (issue 4 point 5): the sender's name, the recipient's name and
 * address on the right, where a French DL window envelope shows it, place and date, subject and
 * body. One letter per file for the archive (DUN-14), or a whole batch in one file to print,
 * each letter on a new page. The full layout (logo, items table, page numbers, duplex) comes
 * with the template editor (TPL-4).
 */

export interface LetterAddress {
  line1?: string | null;
  line2?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string | null;
}

export interface Letter {
  senderName: string;
  recipientName: string;
  recipientAddress: LetterAddress | null;
  /** Already written for the reader: "Le 31/07/2023". */
  dateLine: string;
  subject: string;
  body: string;
}

const MM = 72 / 25.4;

function drawLetter(doc: PDFKit.PDFDocument, letter: Letter): void {
  doc
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(letter.senderName, 20 * MM, 15 * MM, { width: 90 * MM });
  // DL window: 100 mm from the left, 45 to 90 mm from the top.
  const address = letter.recipientAddress;
  const lines = [
    letter.recipientName,
    address?.line1,
    address?.line2,
    [address?.postalCode, address?.city].filter(Boolean).join(' '),
    address?.country,
  ].filter((l): l is string => Boolean(l?.trim()));
  doc
    .font('Helvetica')
    .fontSize(11)
    .text(lines.join('\n'), 100 * MM, 50 * MM, { width: 90 * MM });
  doc.text(letter.dateLine, 100 * MM, 95 * MM, { width: 90 * MM });
  doc.font('Helvetica-Bold').text(letter.subject, 20 * MM, 110 * MM, { width: 170 * MM });
  doc.moveDown();
  doc
    .font('Helvetica')
    .fontSize(10.5)
    .text(letter.body, { width: 170 * MM, lineGap: 2 });
}

/**
 * One PDF with every letter, each starting on a new page.
 * @example const pdf = await renderLettersPdf([letter]); // Buffer starting with %PDF
 */
export function renderLettersPdf(letters: readonly Letter[]): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 20 * MM,
    autoFirstPage: false,
    // Fixed dates and no random id: the same letters give the same bytes.
    info: { CreationDate: new Date(Date.UTC(2000, 0, 1)), Producer: 'Encours', Creator: 'Encours' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const letter of letters) {
    doc.addPage();
    drawLetter(doc, letter);
  }
  if (letters.length === 0) doc.addPage();
  doc.end();
  return done;
}
