import { PassThrough } from 'node:stream';
import { ZipFile } from 'yazl';

/**
 * A one-sheet XLSX workbook written as it goes: the sheet's rows are deflated into the zip as
 * they are added (Node's zlib, through yazl), so a 100,000-row export never sits in memory, and a
 * 200-row one costs about a millisecond. It writes only what the exports need (inline texts, numbers with a format, bold
 * header and footer, a frozen header row, column widths, an autofilter); reading workbooks stays
 * with exceljs (ADR 0004 says why the exports do not use it).
 */

/** A cell's number format. `general` is the text and the default. */
export const XLSX_FORMATS = [
  'general',
  'money',
  'money0',
  'dateFr',
  'dateEn',
  'integer',
  'percent',
  'days',
  'days1',
] as const;
export type XlsxFormat = (typeof XLSX_FORMATS)[number];

const FORMAT_CODES: Record<Exclude<XlsxFormat, 'general'>, string> = {
  money: '#,##0.00',
  money0: '#,##0',
  dateFr: 'dd/mm/yyyy',
  dateEn: 'yyyy-mm-dd',
  integer: '#,##0',
  percent: '0.0%',
  days: '0',
  days1: '0.0',
};

/** How a row looks: `header` is bold, `footer` bold under a thin top border. */
export type XlsxRowStyle = 'body' | 'header' | 'footer';
const ROW_STYLES: readonly XlsxRowStyle[] = ['body', 'header', 'footer'];

export type XlsxCell =
  | { type: 'text'; text: string }
  /** `value`: the number as written in the file, e.g. the exact decimal text `1234.50`. */
  | { type: 'number'; value: string | number; format: XlsxFormat }
  /** A calendar date `YYYY-MM-DD`, stored as its serial day number. */
  | { type: 'date'; date: string; format: 'dateFr' | 'dateEn' }
  /** Nothing in it, but the row's style (a footer's border runs under every column). */
  | { type: 'empty'; format: XlsxFormat }
  | null;

export interface XlsxSheetOptions {
  sheetName: string;
  /** Width of each column, in characters. */
  widths: readonly number[];
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Characters XML 1.0 forbids; a ledger label may carry one from an old system. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ESCAPED = /[&<>"]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

// biome-ignore lint/suspicious/noControlCharactersInRegex: a text with none of these is written as it is.
const NEEDS_WORK = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function xmlText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(FORBIDDEN, '').replace(ESCAPED, (c) => ENTITIES[c]!);
}

/** `A`, `Z`, `AA`… for a 0-based column index. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** Days since 1899-12-30, the serial number spreadsheets give a date (1900 system). */
function serialDay(date: string): number {
  const utc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return utc / 86_400_000 + 25_569;
}

/** The `cellXfs` index of a format in a row style: one entry per pair, `general` body first. */
const STYLE_INDEX = Object.fromEntries(
  ROW_STYLES.map((row, r) => [
    row,
    Object.fromEntries(XLSX_FORMATS.map((format, f) => [format, f * ROW_STYLES.length + r])),
  ]),
) as Record<XlsxRowStyle, Record<XlsxFormat, number>>;

function stylesXml(): string {
  const custom = XLSX_FORMATS.slice(1).map(
    (format, i) => `<numFmt numFmtId="${164 + i}" formatCode="${xmlText(FORMAT_CODES[format as 'money'])}"/>`,
  );
  const xfs = XLSX_FORMATS.flatMap((_, i) =>
    ROW_STYLES.map((row) => {
      const numFmtId = i === 0 ? 0 : 163 + i;
      const fontId = row === 'body' ? 0 : 1;
      const borderId = row === 'footer' ? 1 : 0;
      const applied = `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${borderId ? ' applyBorder="1"' : ''}`;
      return `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="${borderId}" xfId="0"${applied}/>`;
    }),
  );
  return `${XML_HEAD}<styleSheet xmlns="${MAIN}"><numFmts count="${custom.length}">${custom.join('')}</numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left/><right/><top style="thin"><color indexed="64"/></top><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
}

const CONTENT_TYPES = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
const ROOT_RELS = `${XML_HEAD}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK_RELS = `${XML_HEAD}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/></Relationships>`;
const STYLES = stylesXml();

function cellXml(cell: XlsxCell, reference: string, styles: Record<XlsxFormat, number>): string {
  if (cell === null) return '';
  switch (cell.type) {
    case 'text':
      return `<c r="${reference}" s="${styles.general}" t="inlineStr"><is><t xml:space="preserve">${xmlText(cell.text)}</t></is></c>`;
    case 'number':
      return `<c r="${reference}" s="${styles[cell.format]}"><v>${cell.value}</v></c>`;
    case 'date':
      return `<c r="${reference}" s="${styles[cell.format]}"><v>${serialDay(cell.date)}</v></c>`;
    case 'empty':
      return `<c r="${reference}" s="${styles[cell.format]}"/>`;
  }
}

/** The zip's date for every part: fixed, so one table gives the same bytes at every export. */
const PART_DATE = new Date(Date.UTC(2000, 0, 1));

/**
 * Writes one worksheet into `output` as a zip stream. Call `addRow` for each row (the first is
 * usually the header), `await flush()` now and then to hand the rows on and wait while the
 * reader is behind, then `end`.
 * @example
 * const book = new XlsxStreamWriter(output, { sheetName: 'Clients', widths: [24, 14] });
 * book.addRow([{ type: 'text', text: 'Name' }, { type: 'text', text: 'Balance' }], 'header');
 * book.addRow([{ type: 'text', text: 'Dupont' }, { type: 'number', value: '12.50', format: 'money' }]);
 * book.end({ autoFilterRows: 2 });
 */
export class XlsxStreamWriter {
  readonly #output: PassThrough;
  readonly #zip = new ZipFile();
  readonly #sheet = new PassThrough();
  readonly #letters: string[];
  readonly #sheetName: string;
  #pending: string[] = [];
  #rows = 0;

  constructor(output: PassThrough, options: XlsxSheetOptions) {
    this.#output = output;
    this.#sheetName = options.sheetName;
    this.#letters = options.widths.map((_, i) => columnLetters(i));
    this.#zip.outputStream.on('error', (error: Error) => output.destroy(error));
    this.#zip.outputStream.pipe(output);
    this.#addPart('[Content_Types].xml', CONTENT_TYPES);
    this.#addPart('_rels/.rels', ROOT_RELS);
    this.#addPart('xl/_rels/workbook.xml.rels', WORKBOOK_RELS);
    this.#addPart('xl/styles.xml', STYLES);
    this.#zip.addReadStream(this.#sheet, 'xl/worksheets/sheet1.xml', {
      compressionLevel: 1,
      mtime: PART_DATE,
    });
    const cols = options.widths
      .map((width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`)
      .join('');
    this.#pending.push(
      `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`,
    );
  }

  /** Rows added so far. */
  get rowCount(): number {
    return this.#rows;
  }

  addRow(cells: readonly XlsxCell[], style: XlsxRowStyle = 'body'): void {
    const letters = this.#letters;
    if (cells.length > letters.length)
      throw new RangeError(`a row of ${cells.length} cells in a sheet of ${letters.length} columns`);
    const r = ++this.#rows;
    const styles = STYLE_INDEX[style];
    let xml = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) xml += cellXml(cells[i] ?? null, `${letters[i]}${r}`, styles);
    this.#pending.push(`${xml}</row>`);
  }

  /**
   * Hands the rows added since the last flush to the zip, and waits while the reader is behind;
   * throws when the reader went away (a closed download), which stops the caller's loop.
   */
  async flush(): Promise<void> {
    this.#sheet.write(this.#pending.join(''));
    this.#pending = [];
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#sheet.writableNeedDrain && !this.#output.destroyed) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.#sheet.off('drain', done);
          this.#output.off('close', done);
          resolve();
        };
        this.#sheet.on('drain', done);
        this.#output.on('close', done);
      });
    }
    if (this.#output.destroyed) throw new Error('the export was closed before its end');
  }

  /** Closes the sheet and the workbook; `autoFilterRows`: the filter covers rows 1 to it. */
  end(options: { autoFilterRows?: number } = {}): void {
    const last = this.#letters.at(-1) ?? 'A';
    const rows = options.autoFilterRows;
    this.#pending.push(`</sheetData>${rows ? `<autoFilter ref="A1:${last}${rows}"/>` : ''}</worksheet>`);
    this.#sheet.end(this.#pending.join(''));
    this.#pending = [];
    const name = xmlText(this.#sheetName);
    // Spreadsheets keep the filtered range under this hidden name too.
    const filter = rows
      ? `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'${name.replace(/'/g, "''")}'!$A$1:$${last}$${rows}</definedName></definedNames>`
      : '';
    this.#addPart(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><bookViews><workbookView/></bookViews><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets>${filter}</workbook>`,
    );
    this.#zip.end();
  }

  /** A small fixed part, stored as it is. */
  #addPart(path: string, xml: string): void {
    this.#zip.addBuffer(Buffer.from(xml), path, { compress: false, mtime: PART_DATE });
  }
}
