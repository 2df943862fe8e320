import { PassThrough, Readable, type Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { CalendarDate } from '../../domain/calendar';
import { minorUnitDecimals } from '../../domain/currency';
import { type Cents, centsToDecimal } from '../../domain/money';
import { writeToOutput } from './write-output';
import { type XlsxCell, XlsxStreamWriter } from './xlsx-writer';

/**
 * Lists written to CSV or XLSX (COL-6), row by row: the rows come from an iterable (a database
 * cursor, a generator) and go out as they come, so 100,000 rows are never held at once.
 *
 * Choices, for whoever reads the files:
 * - Money is integer minor units. A money column has a `currency`: a fixed code is written in
 *   the header (`Balance (EUR)`); a currency that changes with the row (original amounts,
 *   VIS-12) is a function, and the caller adds a text column with the code beside the amounts.
 *   Ledger amounts are hundredths whatever the currency (`minorUnits: 'hundredths'`, the
 *   default); original amounts are in the currency's own minor units (`'currency'`: a yen is 1).
 * - XLSX: amounts are numbers (`#,##0.00`, or `#,##0` for a currency without decimals), dates
 *   real dates (`dd/mm/yyyy` in French, `yyyy-mm-dd` in English), percentages numbers formatted
 *   `0.0%`; the header row is bold and frozen with an autofilter over the data; footer rows
 *   (totals) are bold under a top border.
 * - CSV: UTF-8 with a BOM, lines ending with `\n`, fields quoted only when needed. `fr`: `;`,
 *   decimal comma, `31/12/2024`; `en`: `,`, decimal point, `2024-12-31`. Amounts are exact decimal
 *   strings built from the integers, with no thousands separator and no currency sign. A text
 *   starting with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'` so a
 *   spreadsheet does not run it as a formula (amounts and numbers are never touched).
 */

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_LOCALES = ['fr', 'en'] as const;
export type ExportLocale = (typeof EXPORT_LOCALES)[number];

export const COLUMN_KINDS = ['text', 'money', 'date', 'integer', 'percent', 'days'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

type Maybe<T> = T | null | undefined;

interface ColumnBase {
  /** Names the column for footer values; unique in the table. */
  key: string;
  /** Already translated. */
  header: string;
  /** XLSX width in characters; a default per kind otherwise. */
  width?: number;
}

export type TableColumn<R> = ColumnBase &
  (
    | { kind: 'text'; value: (row: R) => Maybe<string> }
    | {
        kind: 'money';
        /** Integer minor units (cents for the ledger). */
        value: (row: R) => Maybe<Cents>;
        /** A fixed code (written in the header) or the row's code (the caller shows it in a column). */
        currency: string | ((row: R) => string);
        /** `hundredths` (default): ledger cents; `currency`: the currency's own minor units (VIS-12). */
        minorUnits?: 'hundredths' | 'currency';
      }
    | { kind: 'date'; value: (row: R) => Maybe<CalendarDate> }
    /** integer: a count; percent: 12.5 means 12.5 %; days: a number of days, decimals allowed. */
    | { kind: 'integer' | 'percent' | 'days'; value: (row: R) => Maybe<number> }
  );

/** A line after the data (totals, balance): the label goes in the first column. */
export interface FooterRow {
  label: string;
  /** By column key: cents for money, a date for dates, a number or a text. */
  values: Readonly<Record<string, Maybe<string | number>>>;
  /** For money columns whose currency is per row: the currency of this line's amounts. */
  currency?: string;
}

export interface TableExport<R> {
  format: ExportFormat;
  locale: ExportLocale;
  columns: readonly TableColumn<R>[];
  rows: AsyncIterable<R> | Iterable<R>;
  /**
   * Lines after the data. A function is called once the rows are all read, so totals can be
   * summed while they stream by.
   */
  footer?: readonly FooterRow[] | (() => readonly FooterRow[]);
  /** XLSX sheet name (cut to 31 characters, without `[]:*?/\`). */
  sheetName?: string;
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Rows per CSV chunk, and rows between two pauses of the XLSX writer. */
const BATCH = 500;

/**
 * The table as a byte stream (CSV or XLSX), produced as it is read: rows are pulled from
 * `table.rows` only as fast as the reader takes the bytes. An error from the rows destroys the
 * stream with that error.
 * @example
 * const stream = tableExportStream({
 *   format: 'csv',
 *   locale: 'fr',
 *   columns: [
 *     { key: 'name', header: 'Client', kind: 'text', value: (c) => c.name },
 *     { key: 'balance', header: 'Solde', kind: 'money', currency: 'EUR', value: (c) => c.balance },
 *   ],
 *   rows: customers,
 * }); // "\uFEFFClient;Solde (EUR)\nDupont;1234,50\n"
 */
export function tableExportStream<R>(table: TableExport<R>): Readable {
  assertColumns(table.columns);
  if (table.format === 'csv') return Readable.from(csvChunks(table), { objectMode: false });
  const output = new PassThrough();
  writeXlsx(output, table).catch((error: unknown) => output.destroy(error as Error));
  return output;
}

/**
 * Writes the table to `output` and resolves once it is all written. `process.stdout` is written
 * to but never ended.
 * @example await writeTableExport(process.stdout, { format: 'csv', locale: 'en', columns, rows })
 */
export async function writeTableExport<R>(output: Writable, table: TableExport<R>): Promise<void> {
  await writeToOutput(tableExportStream(table), output);
}

// —— values ————————————————————————————————————————————————————————————————————————————————————

function assertColumns<R>(columns: readonly TableColumn<R>[]): void {
  if (columns.length === 0) throw new RangeError('a table export needs at least one column');
  const keys = new Set<string>();
  for (const c of columns) {
    if (keys.has(c.key)) throw new RangeError(`column key ${c.key} is used twice`);
    keys.add(c.key);
  }
}

function headerOf<R>(column: TableColumn<R>): string {
  return column.kind === 'money' && typeof column.currency === 'string'
    ? `${column.header} (${column.currency})`
    : column.header;
}

/** Decimals of a money column's amounts on one line. */
function moneyDecimals<R>(
  column: Extract<TableColumn<R>, { kind: 'money' }>,
  currency: string | undefined,
): 0 | 2 {
  if (column.minorUnits !== 'currency' || currency === undefined) return 2;
  return minorUnitDecimals(currency);
}

function moneyCurrency<R>(column: Extract<TableColumn<R>, { kind: 'money' }>, row: R): string {
  return typeof column.currency === 'string' ? column.currency : column.currency(row);
}

/** Exact decimal text with a dot: `1234.50`, `-0.05`, or `1500` for a currency without decimals. */
function moneyText(amount: Cents, decimals: 0 | 2): string {
  return decimals === 2 ? centsToDecimal(amount) : String(amount);
}

interface Cell {
  kind: ColumnKind;
  /** Text, money decimal text (dot), ISO date, or number. */
  value: string | number | null;
  decimals?: 0 | 2;
}

function rowCells<R>(columns: readonly TableColumn<R>[], row: R): Cell[] {
  return columns.map((column): Cell => {
    if (column.kind === 'money') {
      const amount = column.value(row);
      if (amount === null || amount === undefined) return { kind: 'money', value: null };
      const decimals = moneyDecimals(column, moneyCurrency(column, row));
      return { kind: 'money', value: moneyText(amount, decimals), decimals };
    }
    const value = column.value(row);
    return { kind: column.kind, value: value ?? null };
  });
}

function footerRows<R>(table: TableExport<R>): readonly FooterRow[] {
  return typeof table.footer === 'function' ? table.footer() : (table.footer ?? []);
}

function footerCells<R>(columns: readonly TableColumn<R>[], footer: FooterRow): Cell[] {
  return columns.map((column, index): Cell => {
    if (index === 0) return { kind: 'text', value: footer.label };
    const value = footer.values[column.key];
    if (value === null || value === undefined) return { kind: column.kind, value: null };
    if (column.kind === 'money') {
      if (typeof value !== 'number')
        throw new TypeError(`footer ${footer.label}: ${column.key} is not cents`);
      const currency = typeof column.currency === 'string' ? column.currency : footer.currency;
      const decimals = moneyDecimals(column, currency);
      return { kind: 'money', value: moneyText(value, decimals), decimals };
    }
    return { kind: column.kind, value };
  });
}

// —— CSV ————————————————————————————————————————————————————————————————————————————————————————

const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(cell: Cell, locale: ExportLocale): string {
  const { value } = cell;
  if (value === null) return '';
  switch (cell.kind) {
    case 'text': {
      const text = String(value);
      return FORMULA_START.test(text) ? `'${text}` : text;
    }
    case 'date': {
      const date = String(value);
      return locale === 'fr' ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : date;
    }
    case 'money':
    case 'integer':
    case 'percent':
    case 'days': {
      const text = String(value);
      return locale === 'fr' ? text.replace('.', ',') : text;
    }
  }
}

async function* csvChunks<R>(table: TableExport<R>): AsyncGenerator<string> {
  const { columns, locale } = table;
  const options = { delimiter: locale === 'fr' ? ';' : ',', record_delimiter: 'unix' as const };
  const line = (cells: Cell[]) => cells.map((cell) => csvField(cell, locale));
  yield `\uFEFF${stringify([columns.map(headerOf)], options)}`;
  let batch: string[][] = [];
  for await (const row of table.rows) {
    batch.push(line(rowCells(columns, row)));
    if (batch.length === BATCH) {
      yield stringify(batch, options);
      batch = [];
    }
  }
  for (const footer of footerRows(table)) batch.push(line(footerCells(columns, footer)));
  if (batch.length > 0) yield stringify(batch, options);
}

// —— XLSX ———————————————————————————————————————————————————————————————————————————————————————

const DEFAULT_WIDTHS: Record<ColumnKind, number> = {
  text: 24,
  money: 14,
  date: 12,
  integer: 10,
  percent: 9,
  days: 8,
};

function xlsxSheetName(name: string | undefined): string {
  const cleaned = (name ?? 'Export').replace(/[[\]:*?/\\]/g, ' ').trim();
  return cleaned.slice(0, 31) || 'Export';
}

const DATE_FORMATS = { fr: 'dateFr', en: 'dateEn' } as const;

function xlsxCell(source: Cell, locale: ExportLocale): XlsxCell {
  const { value } = source;
  if (value === null) return null;
  switch (source.kind) {
    case 'text':
      return { type: 'text', text: String(value) };
    case 'money':
      // The exact decimal text goes into the file: never a division of cents.
      return { type: 'number', value, format: source.decimals === 0 ? 'money0' : 'money' };
    case 'date':
      return { type: 'date', date: String(value), format: DATE_FORMATS[locale] };
    case 'integer':
      return { type: 'number', value: Number(value), format: 'integer' };
    case 'percent':
      return { type: 'number', value: Number(value) / 100, format: 'percent' };
    case 'days':
      return {
        type: 'number',
        value: Number(value),
        format: Number.isInteger(Number(value)) ? 'days' : 'days1',
      };
  }
}

/** A footer cell: its value with the column's format, or an empty cell that still has the border. */
function xlsxFooterCell(source: Cell, locale: ExportLocale): XlsxCell {
  const cell = xlsxCell(source, locale);
  if (cell !== null) return cell;
  if (source.kind === 'date') return { type: 'empty', format: DATE_FORMATS[locale] };
  return {
    type: 'empty',
    format: source.kind === 'text' ? 'general' : source.kind === 'money' ? 'money' : 'integer',
  };
}

async function writeXlsx<R>(output: PassThrough, table: TableExport<R>): Promise<void> {
  const { columns, locale } = table;
  const book = new XlsxStreamWriter(output, {
    sheetName: xlsxSheetName(table.sheetName),
    widths: columns.map(
      (c) => c.width ?? Math.max(DEFAULT_WIDTHS[c.kind], Math.min(headerOf(c).length + 2, 40)),
    ),
  });
  book.addRow(
    columns.map((c) => ({ type: 'text', text: headerOf(c) })),
    'header',
  );
  for await (const row of table.rows) {
    book.addRow(rowCells(columns, row).map((cell) => xlsxCell(cell, locale)));
    if (book.rowCount % BATCH === 0) {
      await book.flush();
    }
  }
  const autoFilterRows = book.rowCount;
  for (const footer of footerRows(table)) {
    book.addRow(
      footerCells(columns, footer).map((cell) => xlsxFooterCell(cell, locale)),
      'footer',
    );
  }
  book.end({ autoFilterRows });
}
