import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, Readable, Transform } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { FileRejectedError, type LineError } from '../import-rows';
import type { EncodingOption } from './column-mapping';
import { parseDate } from './value-formats';

/**
 * The physical side of spreadsheet import (IMP-1 b): recognizing a file, and streaming its
 * records as cells with their line numbers. Nothing here knows about fields or mappings.
 */

export type TableFormat = 'csv' | 'xlsx';

/** One cell of a record. CSV cells are always text; XLSX cells keep their type. */
export type Cell =
  | { type: 'text'; text: string }
  | { type: 'number'; value: number }
  | { type: 'date'; value: Date }
  | { type: 'boolean'; value: boolean }
  /** A formula error (`#DIV/0!`…), or a formula without a computed value; `error` when known. */
  | { type: 'error'; error: string | null; formula: string | null };

/** A record of the file (cells in column order, `null` when blank), or a line it could not read. */
export type SourceItem = { line: number; cells: (Cell | null)[] } | { line: number; error: LineError };

/** Mutable facts a reader learns while it streams. */
export interface SourceState {
  /** Bytes of the file consumed so far, for progress. */
  bytesRead: number;
  /** XLSX workbooks in the 1904 date system count serial days from 1904-01-01. */
  date1904: boolean;
}

export type CsvDelimiter = ',' | ';' | '\t' | '|';
/** `windows-1252` is what "ISO-8859-15" files from Excel on Windows really are (see below). */
export type CsvEncoding = 'utf-8' | 'iso-8859-15' | 'windows-1252' | 'utf-16';

const SNIFF_BYTES = 64 * 1024;
/** A quote never closed would otherwise swallow the rest of the file into one value. */
const MAX_RECORD_CHARS = 1_000_000;

/**
 * Tells XLSX (a zip: `PK\x03\x04`) from CSV, and refuses empty and binary files.
 * @example await sniffFormat('/tmp/clients.xlsx') // 'xlsx'
 */
export async function sniffFormat(path: string): Promise<TableFormat> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    if (bytesRead === 0) throw new FileRejectedError('empty_file', 'The file is empty.');
    if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
    if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
      throw new FileRejectedError(
        'binary_file',
        'This is an old Excel (.xls) or other Office binary file: save it as .xlsx or as CSV.',
      );
    }
    if (!hasUtf16Bom(head) && head.includes(0)) throw binaryFileError();
    return 'csv';
  } finally {
    await handle.close();
  }
}

function hasUtf16Bom(head: Buffer): boolean {
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}

function binaryFileError(): FileRejectedError {
  return new FileRejectedError(
    'binary_file',
    'The file holds binary data (NUL bytes): it is neither a CSV nor an XLSX file. ' +
      'A UTF-16 text file without byte-order mark also looks like this: save it as UTF-8 CSV.',
  );
}

/**
 * Reads the whole file once to decide its encoding: UTF-16 by its byte-order mark, UTF-8 when
 * every byte sequence of the file is valid UTF-8, else a one-byte Latin encoding — ISO-8859-15,
 * or Windows-1252 when bytes 0x80–0x9F appear (control characters in ISO-8859-15, but `€ ’ œ …`
 * in the files Excel writes on Windows). Also refuses a file with NUL bytes further down.
 */
export async function detectCsvEncoding(path: string, requested: EncodingOption): Promise<CsvEncoding> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let isUtf8 = true;
  let hasC1Bytes = false;
  let isFirst = true;
  const file = createReadStream(path, { highWaterMark: SNIFF_BYTES });
  try {
    for await (const chunk of file as AsyncIterable<Buffer>) {
      if (isFirst && hasUtf16Bom(chunk)) return 'utf-16';
      isFirst = false;
      if (chunk.includes(0)) throw binaryFileError();
      if (!hasC1Bytes && chunk.some((byte) => byte >= 0x80 && byte <= 0x9f)) hasC1Bytes = true;
      if (isUtf8) {
        try {
          utf8.decode(chunk, { stream: true });
        } catch {
          isUtf8 = false;
        }
      }
    }
  } finally {
    file.destroy();
  }
  if (isUtf8) {
    try {
      utf8.decode();
    } catch {
      isUtf8 = false;
    }
  }
  if (requested === 'utf-8' && !isUtf8) {
    throw new FileRejectedError(
      'bad_encoding',
      'The file is not valid UTF-8 although the mapping says so: choose ISO-8859-15 (or automatic detection).',
    );
  }
  if (requested === 'utf-8' || (requested === 'auto' && isUtf8)) return 'utf-8';
  return hasC1Bytes ? 'windows-1252' : 'iso-8859-15';
}

/**
 * Decodes the file chunk by chunk, BOM stripped, every line end (CRLF, CR) turned into LF so
 * that the CSV parser counts physical lines right.
 */
async function* decodeText(path: string, encoding: CsvEncoding, state: SourceState): AsyncGenerator<string> {
  const file = createReadStream(path, { highWaterMark: SNIFF_BYTES });
  const decoder = iconv.getDecoder(encoding);
  let pendingCr = false;
  let isFirst = true;
  const normalize = (decoded: string): string => {
    let text = pendingCr ? `\r${decoded}` : decoded;
    if (isFirst && text.startsWith('\ufeff')) text = text.slice(1);
    isFirst = false;
    pendingCr = text.endsWith('\r');
    if (pendingCr) text = text.slice(0, -1);
    return text.replace(/\r\n?/g, '\n');
  };
  try {
    for await (const chunk of file as AsyncIterable<Buffer>) {
      state.bytesRead += chunk.length;
      const text = normalize(decoder.write(chunk));
      if (text !== '') yield text;
    }
    const tail = normalize(decoder.end() ?? '');
    if (tail !== '' || pendingCr) yield pendingCr ? `${tail}\n` : tail;
  } finally {
    file.destroy();
  }
}

const DELIMITER_CANDIDATES: CsvDelimiter[] = [';', '\t', ',', '|'];
const DELIMITER_SEARCH_LINES = 10;

/**
 * Finds the delimiter on the header line: the most frequent of `;` tab `,` `|` outside quotes.
 * When the first line has none (a title line), the next lines are looked at.
 * @example await detectCsvDelimiter('/tmp/clients.csv', 'utf-8') // ';'
 */
export async function detectCsvDelimiter(path: string, encoding: CsvEncoding): Promise<CsvDelimiter> {
  let text = '';
  const filledLines = (): string[] => text.split('\n').filter((line) => line.trim() !== '');
  for await (const chunk of decodeText(path, encoding, { bytesRead: 0, date1904: false })) {
    text += chunk;
    if (filledLines().length > DELIMITER_SEARCH_LINES || text.length > 4 * SNIFF_BYTES) break;
  }
  const lines = filledLines();
  if (lines.length === 0) throw new FileRejectedError('empty_file', 'The file holds only blank lines.');
  for (const line of lines.slice(0, DELIMITER_SEARCH_LINES)) {
    const counts = countOutsideQuotes(line);
    const best = DELIMITER_CANDIDATES.reduce((a, b) => (counts[b] > counts[a] ? b : a));
    if (counts[best] > 0) return best;
  }
  throw new FileRejectedError(
    'bad_separator',
    'No column separator (; , tab or |) was found on the first lines: is this a CSV file?',
  );
}

function countOutsideQuotes(line: string): Record<CsvDelimiter, number> {
  const counts: Record<CsvDelimiter, number> = { ';': 0, '\t': 0, ',': 0, '|': 0 };
  let inQuotes = false;
  for (const char of line) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && char in counts) counts[char as CsvDelimiter] += 1;
  }
  return counts;
}

/**
 * Streams the records of a CSV file with the physical line each starts on (header = line 1).
 * A syntax error the parser cannot get past ends the stream with a line error.
 */
export async function* readCsv(
  path: string,
  { encoding, delimiter }: { encoding: CsvEncoding; delimiter: CsvDelimiter },
  state: SourceState,
): AsyncGenerator<SourceItem> {
  const parser = parse({
    delimiter,
    record_delimiter: '\n',
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
    info: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  const source = Readable.from(decodeText(path, encoding, state));
  // Errors reach the loop below through the parser, which the pipeline destroys with them.
  pipeline(source, parser, () => {});
  let lastLine = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const line = lastLine + 1;
      lastLine = info.lines;
      yield { line, cells: record.map((text) => (text.trim() === '' ? null : { type: 'text', text })) };
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    yield { line: lastLine + 1, error: csvSyntaxError(error, lastLine + 1) };
  } finally {
    parser.destroy();
    source.destroy();
  }
}

function csvSyntaxError(error: CsvError, line: number): LineError {
  const reason =
    error.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a value opened with a quote on this line is never closed'
      : error.code === 'CSV_MAX_RECORD_SIZE'
        ? `the line is longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters: is a quote never closed?`
        : `the line cannot be read as CSV (${error.message})`;
  return { line, column: null, value: null, reason, code: 'bad_value' };
}

/**
 * Streams the rows of the first worksheet of an XLSX workbook with exceljs's streaming reader
 * (memory does not grow with the sheet), each with its row number.
 */
export async function* readXlsx(path: string, state: SourceState): AsyncGenerator<SourceItem> {
  const file = createReadStream(path);
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      state.bytesRead += chunk.length;
      callback(null, chunk);
    },
  });
  pipeline(file, counter, () => {});
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(counter, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles carry the number formats that tell a date cell from a number cell.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let hasWorksheet = false;
  try {
    for await (const worksheet of workbook) {
      hasWorksheet = true;
      for await (const row of worksheet) {
        state.date1904 = isDate1904(workbook);
        yield { line: row.number, cells: rowCells(row.values) };
      }
      break;
    }
  } catch (error) {
    if (error instanceof FileRejectedError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new FileRejectedError(
      'unknown_format',
      `The file starts like an XLSX workbook but cannot be read as one (${detail}).`,
    );
  } finally {
    counter.destroy();
    file.destroy();
  }
  if (!hasWorksheet) {
    throw new FileRejectedError(
      'unknown_format',
      'The file is a zip archive without any worksheet: not an XLSX workbook.',
    );
  }
}

function isDate1904(workbook: unknown): boolean {
  // The streaming reader keeps the parsed <workbookPr> as `properties.model`, untyped.
  const properties = (workbook as { properties?: { model?: { date1904?: unknown } } }).properties;
  return properties?.model?.date1904 === true;
}

function rowCells(values: unknown): (Cell | null)[] {
  const list = Array.isArray(values) ? values : [];
  const cells: (Cell | null)[] = [];
  // exceljs row values are 1-based: index 0 is always empty.
  for (let column = 1; column < list.length; column++) cells.push(toCell(list[column]));
  return cells;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Converts an exceljs cell value (see `CellValue`) into a {@link Cell}. */
export function toCell(value: unknown): Cell | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : { type: 'text', text: value };
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { type: 'number', value } : { type: 'error', error: null, formula: null };
  }
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (value instanceof Date) return { type: 'date', value };
  if (!isObject(value)) return { type: 'text', text: String(value) };
  if (typeof value.error === 'string') return { type: 'error', error: value.error, formula: null };
  if (Array.isArray(value.richText)) {
    return toCell(
      value.richText.map((run: unknown) => (isObject(run) ? String(run.text ?? '') : '')).join(''),
    );
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = String(value.formula ?? value.sharedFormula ?? '');
    // exceljs drops the cached value of a formula that evaluates to an error (#DIV/0!…).
    if (value.result === undefined || value.result === null) return { type: 'error', error: null, formula };
    const result = toCell(value.result);
    return result?.type === 'error' ? { ...result, formula } : result;
  }
  if ('hyperlink' in value) return toCell(value.text);
  return { type: 'text', text: String(value) };
}

/**
 * The text of a cell as a user would read it: numbers without float noise, dates `YYYY-MM-DD`.
 * @example cellText({ type: 'number', value: 0.1 + 0.2 }) // '0.3'
 */
export function cellText(cell: Cell | null): string {
  if (cell === null) return '';
  switch (cell.type) {
    case 'text':
      return cell.text;
    case 'number':
      return String(Number(cell.value.toPrecision(15)));
    case 'date':
      return parseDate(cell.value, 'YYYY-MM-DD') ?? '';
    case 'boolean':
      return cell.value ? 'true' : 'false';
    case 'error':
      return cell.error ?? (cell.formula ? `=${cell.formula}` : '#ERROR');
  }
}

/**
 * Spreadsheet column letters of a 1-based column number.
 * @example columnLetter(28) // 'AB'
 */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}
