import { CONTENT_BOTTOM, MM, PAGE } from './pdf-page';

/** One column of a PDF table: its width in millimetres and its text per row. */
export interface PdfColumn<T> {
  header: string;
  width: number;
  align?: 'left' | 'right';
  /** Amounts and dates are never cut: a text too wide is printed smaller instead. */
  isExact?: boolean;
  value: (row: T) => string;
}

const PADDING = 1.5 * MM;

/** `text`, shortened with an ellipsis until it fits `width` points in the current font. */
function fitText(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let end = text.length;
  while (end > 1 && doc.widthOfString(`${text.slice(0, end)}…`) > width) end--;
  return `${text.slice(0, end)}…`;
}

function drawRow(
  doc: PDFKit.PDFDocument,
  cells: readonly string[],
  columns: readonly { width: number; align?: 'left' | 'right'; isExact?: boolean }[],
  y: number,
  height: number,
  fontSize: number,
): void {
  let x = PAGE.left * MM;
  for (let c = 0; c < columns.length; c++) {
    const column = columns[c]!;
    const width = column.width * MM - 2 * PADDING;
    let text = cells[c] ?? '';
    let size = fontSize;
    if (column.isExact) {
      while (size > 4 && doc.fontSize(size).widthOfString(text) > width) size -= 0.5;
    } else {
      text = fitText(doc, text, width);
    }
    doc.text(text, x + PADDING, y + (height - doc.currentLineHeight()) / 2, {
      width,
      align: column.align ?? 'left',
      lineBreak: false,
    });
    doc.fontSize(fontSize);
    x += column.width * MM;
  }
}

/**
 * Draws a table from the current `doc.y`: a grey header row, one line per row (long texts end
 * with "…"), then the totals row in bold over a rule. A row that would cross the bottom of the
 * text area goes to a new page, under the header drawn again.
 * @example drawTable(doc, columns, items, { totals: ['Total', '', '', '1 234,56 €'] })
 */
export function drawTable<T>(
  doc: PDFKit.PDFDocument,
  columns: readonly PdfColumn<T>[],
  rows: readonly T[],
  options: { fontSize?: number; totals?: readonly string[] | null } = {},
): void {
  const fontSize = options.fontSize ?? 9;
  const rowHeight = fontSize * 1.9;
  const tableWidth = columns.reduce((sum, c) => sum + c.width, 0) * MM;
  const bottom = CONTENT_BOTTOM * MM;
  let y = doc.y;
  const header = () => {
    doc
      .save()
      .rect(PAGE.left * MM, y, tableWidth, rowHeight)
      .fill('#e8ecf1')
      .restore();
    doc.font('Helvetica-Bold').fontSize(fontSize).fillColor('#000000');
    drawRow(
      doc,
      columns.map((c) => c.header),
      columns,
      y,
      rowHeight,
      fontSize,
    );
    y += rowHeight;
    doc.font('Helvetica').fontSize(fontSize);
  };
  const room = (height: number) => {
    if (y + height <= bottom) return;
    doc.addPage();
    y = doc.page.margins.top;
    header();
  };
  if (y + 2 * rowHeight > bottom) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  header();
  for (let r = 0; r < rows.length; r++) {
    room(rowHeight);
    const row = rows[r]!;
    if (r % 2 === 1)
      doc
        .save()
        .rect(PAGE.left * MM, y, tableWidth, rowHeight)
        .fill('#f6f7f9')
        .restore();
    doc.fillColor('#000000');
    drawRow(
      doc,
      columns.map((c) => c.value(row)),
      columns,
      y,
      rowHeight,
      fontSize,
    );
    y += rowHeight;
  }
  if (options.totals) {
    room(rowHeight);
    doc
      .save()
      .lineWidth(0.8)
      .moveTo(PAGE.left * MM, y)
      .lineTo(PAGE.left * MM + tableWidth, y)
      .stroke('#000000')
      .restore();
    doc.font('Helvetica-Bold').fontSize(fontSize);
    drawRow(doc, options.totals, columns, y, rowHeight, fontSize);
    y += rowHeight;
    doc.font('Helvetica');
  }
  doc.x = PAGE.left * MM;
  doc.y = y + 3 * MM;
}
