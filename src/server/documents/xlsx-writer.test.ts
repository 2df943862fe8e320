import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnLetters, type XlsxCell, XlsxStreamWriter } from './xlsx-writer';

/** Writes a sheet with `fill`, then opens the bytes with exceljs (an independent reader). */
async function roundTrip(
  widths: number[],
  fill: (book: XlsxStreamWriter) => Promise<void> | void,
  autoFilterRows?: number,
): Promise<{ sheet: ExcelJS.Worksheet; bytes: Buffer }> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve, reject) => {
    output.on('end', resolve);
    output.on('error', reject);
  });
  const book = new XlsxStreamWriter(output, { sheetName: "Relevé d'Été & co", widths });
  await fill(book);
  book.end({ autoFilterRows });
  await ended;
  const bytes = Buffer.concat(chunks);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return { sheet: workbook.worksheets[0]!, bytes };
}

describe('XLSX writer', () => {
  it('names columns past Z as spreadsheets do', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetters)).toEqual([
      'A',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });

  it('COL-6 escapes XML, drops the characters XML forbids, keeps spaces, and names the sheet', async () => {
    const { sheet } = await roundTrip([20, 20], (book) => {
      book.addRow([
        { type: 'text', text: ' a & <b> "c" \u0001\u001Fend ' },
        { type: 'text', text: "l'Été\ttab\nline" },
      ]);
    });
    expect(sheet.name).toBe("Relevé d'Été & co");
    expect(sheet.getCell('A1').value).toBe(' a & <b> "c" end ');
    expect(sheet.getCell('B1').value).toBe("l'Été\ttab\nline");
  });

  it('COL-6 a row of 30 columns lands in A…AD, dates become the same calendar days', async () => {
    const widths = Array.from({ length: 30 }, () => 10);
    const dates = ['1900-03-01', '2024-02-29', '2024-12-31', '2099-12-31'];
    const { sheet } = await roundTrip(widths, (book) => {
      book.addRow(widths.map((_, i): XlsxCell => ({ type: 'number', value: i, format: 'integer' })));
      book.addRow(dates.map((date): XlsxCell => ({ type: 'date', date, format: 'dateFr' })));
    });
    expect(sheet.getCell('AD1').value).toBe(29);
    expect(sheet.getCell('Z1').value).toBe(25);
    expect(sheet.getRow(2).values).toEqual([undefined, ...dates.map((d) => new Date(`${d}T00:00:00Z`))]);
    expect(sheet.getCell('A2').numFmt).toBe('dd/mm/yyyy');
  });

  it('refuses a row wider than the sheet', async () => {
    const book = new XlsxStreamWriter(new PassThrough(), { sheetName: 'x', widths: [10] });
    expect(() =>
      book.addRow([
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
      ]),
    ).toThrow(/2 cells in a sheet of 1 column/);
  });

  it('COL-6 20,000 rows flushed in batches come back whole and in order; same table, same bytes', async () => {
    const fill = async (book: XlsxStreamWriter) => {
      book.addRow(
        [
          { type: 'text', text: 'Pièce' },
          { type: 'text', text: 'Montant' },
        ],
        'header',
      );
      for (let i = 1; i <= 20_000; i++) {
        book.addRow([
          { type: 'text', text: `FA${i}` },
          { type: 'number', value: `${i}.${String(i % 100).padStart(2, '0')}`, format: 'money' },
        ]);
        if (i % 500 === 0) await book.flush();
      }
      book.addRow(
        [
          { type: 'text', text: 'Total' },
          { type: 'empty', format: 'money' },
        ],
        'footer',
      );
    };
    const first = await roundTrip([12, 14], fill, 20_001);
    const { sheet } = first;
    expect(sheet.rowCount).toBe(20_002);
    expect(sheet.getCell('A2').value).toBe('FA1');
    expect(sheet.getCell('B2').value).toBe(1.01);
    expect(sheet.getCell('A20001').value).toBe('FA20000');
    expect(sheet.getCell('B20001').value).toBe(20000);
    expect(sheet.autoFilter).toBe('A1:B20001');
    expect(sheet.getCell('B20002').border?.top?.style).toBe('thin');
    expect(sheet.getCell('A20002').font?.bold).toBe(true);
    expect(sheet.getCell('B3').font?.bold).toBeFalsy();
    // Compressed: the sheet's XML is several times larger than the file.
    expect(first.bytes.length).toBeLessThan(400_000);
    const second = await roundTrip([12, 14], fill, 20_001);
    expect(second.bytes.equals(first.bytes)).toBe(true);
  });
});
