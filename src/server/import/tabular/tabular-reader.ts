import { FileRejectedError, type LineError, type ReadBatch } from '../import-rows';
import {
  type ColumnMapping,
  columnMappingSchema,
  FIELDS_BY_KIND,
  type FieldName,
  findMissingRequired,
  guessMapping,
  normalizeHeader,
  resolveAmountMode,
  type TableKind,
} from './column-mapping';
import {
  convertRecord,
  isBlankRecord,
  type TableLayout,
  type TableRow,
  type TableRowByKind,
} from './tabular-rows';
import {
  type Cell,
  type CsvDelimiter,
  type CsvEncoding,
  cellText,
  columnLetter,
  detectCsvDelimiter,
  detectCsvEncoding,
  readCsv,
  readXlsx,
  type SourceItem,
  type SourceState,
  sniffFormat,
  type TableFormat,
} from './tabular-sources';
import { detectDateFormat, detectDecimalSeparator } from './value-formats';

export type { TableRowByKind } from './tabular-rows';
export type { TableFormat } from './tabular-sources';

export interface OpenTableOptions<K extends TableKind> {
  kind: K;
  /** A saved mapping; without one, the mapping is guessed from the headers. */
  mapping?: ColumnMapping;
  /** Rows (plus line errors) per batch. */
  batchSize?: number;
}

export interface OpenedTable<K extends TableKind> {
  /** Header names as found (blank ones named `Column N`/`Column X`, duplicates suffixed ` (2)`). */
  headers: string[];
  /** The mapping used, every `auto` option resolved: show it, or save it for the next imports. */
  mapping: ColumnMapping;
  format: TableFormat;
  /** The rows; each iteration reads the file again from the start. */
  batches: AsyncIterable<ReadBatch<TableRowByKind[K]>>;
}

/** Rows above the header that may hold a title: the header is looked for among the first ones. */
const HEADER_SEARCH_ROWS = 10;
/** Data rows looked at to detect the date format and the decimal separator. */
const SAMPLE_ROWS = 200;
const DATE_FIELDS: FieldName[] = ['documentDate', 'dueDate', 'entryDate', 'letteringDate'];
const AMOUNT_FIELDS: FieldName[] = ['debit', 'credit', 'amount', 'originalAmount'];

/**
 * Opens a customers, entries or contacts spreadsheet (CSV or XLSX, IMP-1 b): finds the header,
 * resolves the mapping (saved or guessed) and the formats, then streams typed rows in batches
 * with the line errors met (IMP-6). Throws {@link FileRejectedError} when the file as a whole
 * cannot be imported (empty, binary, unreadable, required columns missing).
 * @example
 * const table = await openTable('/tmp/encours.csv', { kind: 'entries' });
 * for await (const batch of table.batches) save(batch.rows, batch.errors);
 */
export async function openTable<K extends TableKind>(
  path: string,
  { kind, mapping, batchSize = 1000 }: OpenTableOptions<K>,
): Promise<OpenedTable<K>> {
  const table = await prepareTable(path, kind, mapping);
  if (table.notFound.length > 0) {
    throw new FileRejectedError(
      'missing_columns',
      `The file lacks columns the saved mapping uses: ${table.notFound.map(quote).join(', ')}. ` +
        `Headers found: ${table.headers.map(quote).join(', ')}.`,
    );
  }
  if (table.missingRequired.length > 0) throw badMapping(kind, table.missingRequired, table.headers);
  const { read, layout, headerLine } = table;
  return {
    headers: table.headers,
    mapping: table.mapping,
    format: table.format,
    batches: {
      [Symbol.asyncIterator]: () =>
        readBatches(read, layout, headerLine, batchSize) as AsyncGenerator<ReadBatch<TableRowByKind[K]>>,
    },
  };
}

export interface InspectedTable {
  format: TableFormat;
  headers: string[];
  /** The saved mapping (its columns found in this file) or the guessed one, formats resolved. */
  mapping: ColumnMapping;
  /** Required fields the mapping leaves without a column: the user must map them. */
  missingRequired: FieldName[];
  /** Headers no field uses: they will be kept as custom fields (IMP-6). */
  unmapped: string[];
}

/**
 * Looks at a spreadsheet before importing it, to show its headers and a mapping to confirm:
 * unlike {@link openTable}, required fields left unmapped are reported, not thrown. Throws
 * {@link FileRejectedError} only for a file that cannot be read at all.
 * @example
 * const { mapping, missingRequired } = await inspectTable('/tmp/clients.xlsx', 'customers');
 */
export async function inspectTable(
  path: string,
  kind: TableKind,
  mapping?: ColumnMapping,
): Promise<InspectedTable> {
  const table = await prepareTable(path, kind, mapping);
  const mapped = new Set(Object.values(table.mapping.columns));
  return {
    format: table.format,
    headers: table.headers,
    mapping: table.mapping,
    missingRequired: table.missingRequired,
    unmapped: table.headers.filter((header) => !mapped.has(header)),
  };
}

interface PreparedTable {
  format: TableFormat;
  headers: string[];
  mapping: ColumnMapping;
  /** Headers of the saved mapping this file lacks. */
  notFound: string[];
  missingRequired: FieldName[];
  read: (state: SourceState) => AsyncGenerator<SourceItem>;
  layout: TableLayout;
  headerLine: number;
}

/** Recognizes the file, finds its header, resolves the mapping and the formats from a first look. */
async function prepareTable(
  path: string,
  kind: TableKind,
  mapping: ColumnMapping | undefined,
): Promise<PreparedTable> {
  const requested = mapping === undefined ? undefined : validateMapping(mapping, kind);
  const format = await sniffFormat(path);
  let csv: { encoding: CsvEncoding; delimiter: CsvDelimiter } | null = null;
  if (format === 'csv') {
    const encoding = await detectCsvEncoding(path, requested?.encoding ?? 'auto');
    const wanted = requested?.delimiter ?? 'auto';
    csv = { encoding, delimiter: wanted === 'auto' ? await detectCsvDelimiter(path, encoding) : wanted };
  }
  const read = (state: SourceState): AsyncGenerator<SourceItem> =>
    csv ? readCsv(path, csv, state) : readXlsx(path, state);

  const records = await readFirstRecords(read, HEADER_SEARCH_ROWS + SAMPLE_ROWS);
  if (records.length === 0)
    throw new FileRejectedError('empty_file', 'The file has no header line and no data.');
  const header = findHeader(records, kind, format, requested);
  const samples = records.slice(header.index + 1, header.index + 1 + SAMPLE_ROWS);
  const resolved = resolveFormats(header.mapping, header.headers, samples);
  if (csv) {
    resolved.delimiter = csv.delimiter;
    // Windows-1252 is read under the Latin option; UTF-16 is found again by its byte-order mark.
    resolved.encoding =
      csv.encoding === 'utf-8' ? 'utf-8' : csv.encoding === 'utf-16' ? 'auto' : 'iso-8859-15';
  }
  return {
    format,
    headers: header.headers,
    mapping: resolved,
    notFound: header.notFound,
    missingRequired: findMissingRequired(resolved),
    read,
    layout: buildLayout(resolved, header.headers, format, csv?.delimiter ?? null),
    headerLine: records[header.index]!.line,
  };
}

function validateMapping(mapping: ColumnMapping, kind: TableKind): ColumnMapping {
  const parsed = columnMappingSchema.safeParse(mapping);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new FileRejectedError('bad_mapping', `The saved column mapping is invalid: ${problems}.`);
  }
  if (parsed.data.kind !== kind) {
    throw new FileRejectedError(
      'bad_mapping',
      `The saved column mapping is for ${parsed.data.kind}, not ${kind}.`,
    );
  }
  return parsed.data;
}

type DataRecord = { line: number; cells: (Cell | null)[] };

/** The first non-blank records, read then let go (the batches read the file again). */
async function readFirstRecords(
  read: (state: SourceState) => AsyncGenerator<SourceItem>,
  count: number,
): Promise<DataRecord[]> {
  const records: DataRecord[] = [];
  for await (const item of read({ bytesRead: 0, date1904: false })) {
    if ('error' in item || isBlankRecord(item.cells)) continue;
    records.push(item);
    if (records.length >= count) break;
  }
  return records;
}

/** Header names: trimmed, trailing blanks dropped, blanks named by position, duplicates numbered. */
function headerNames(cells: (Cell | null)[], format: TableFormat): string[] {
  const texts = cells.map((cell) => cellText(cell).trim());
  while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
  const seen = new Map<string, number>();
  return texts.map((text, position) => {
    const base =
      text !== '' ? text : `Column ${format === 'xlsx' ? columnLetter(position + 1) : position + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

interface FoundHeader {
  index: number;
  headers: string[];
  mapping: ColumnMapping;
  notFound: string[];
}

/**
 * The header is the first non-blank row, unless it does not fit the mapping and a later one of
 * the first rows does (exports often start with a title line); when none fits, the one that fits
 * best.
 */
function findHeader(
  records: DataRecord[],
  kind: TableKind,
  format: TableFormat,
  requested: ColumnMapping | undefined,
): FoundHeader {
  const candidates = records.slice(0, HEADER_SEARCH_ROWS).map((record, index) => {
    const headers = headerNames(record.cells, format);
    if (requested) {
      const { mapping, notFound } = applySavedMapping(requested, headers);
      return {
        index,
        headers,
        mapping,
        notFound,
        isComplete: notFound.length === 0,
        score: -notFound.length,
      };
    }
    const guess = guessMapping(kind, headers);
    const score = Object.keys(guess.mapping.columns).length;
    return {
      index,
      headers,
      mapping: guess.mapping,
      notFound: [],
      isComplete: guess.missingRequired.length === 0,
      score,
    };
  });
  return (
    candidates.find((candidate) => candidate.isComplete) ??
    candidates.reduce((best, candidate) => (candidate.score > best.score ? candidate : best))
  );
}

function quote(text: string): string {
  return `'${text}'`;
}

function badMapping(kind: TableKind, missing: string[], headers: string[]): FileRejectedError {
  const amountNote = missing.includes('amount') ? ' (or debit and credit columns)' : '';
  return new FileRejectedError(
    'bad_mapping',
    `No column found for the required field(s) of ${kind}: ${missing.join(', ')}${amountNote}. ` +
      `Headers found: ${headers.map(quote).join(', ')}. Map them by hand.`,
  );
}

/** Matches the headers of a saved mapping exactly, else ignoring case, accents and punctuation. */
function applySavedMapping(
  requested: ColumnMapping,
  headers: string[],
): { mapping: ColumnMapping; notFound: string[] } {
  const columns: Partial<Record<FieldName, string>> = {};
  const notFound: string[] = [];
  for (const [field, wanted] of Object.entries(requested.columns) as [FieldName, string][]) {
    const found =
      headers.find((header) => header === wanted.trim()) ??
      headers.find((header) => normalizeHeader(header) === normalizeHeader(wanted));
    if (found === undefined) notFound.push(wanted);
    else columns[field] = found;
  }
  return { mapping: { ...requested, columns }, notFound };
}

/** Replaces `auto` (or absent) date format, decimal separator and amount mode by what the samples show. */
function resolveFormats(mapping: ColumnMapping, headers: string[], samples: DataRecord[]): ColumnMapping {
  const textsOf = (fields: FieldName[]): string[] => {
    const positions = fields
      .map((field) => mapping.columns[field])
      .filter((header): header is string => header !== undefined)
      .map((header) => headers.indexOf(header));
    return samples.flatMap((record) =>
      positions.flatMap((position) => {
        const cell = record.cells[position];
        return cell?.type === 'text' ? [cell.text] : [];
      }),
    );
  };
  const resolved: ColumnMapping = { ...mapping, columns: { ...mapping.columns } };
  if (mapping.dateFormat === undefined || mapping.dateFormat === 'auto') {
    resolved.dateFormat = detectDateFormat(textsOf(DATE_FIELDS));
  }
  if (mapping.decimalSeparator === undefined || mapping.decimalSeparator === 'auto') {
    resolved.decimalSeparator = detectDecimalSeparator(textsOf(AMOUNT_FIELDS));
  }
  if (mapping.kind === 'entries') resolved.amountMode = resolveAmountMode(mapping) ?? undefined;
  return resolved;
}

function buildLayout(
  mapping: ColumnMapping,
  headers: string[],
  format: TableFormat,
  delimiter: CsvDelimiter | null,
): TableLayout {
  const columns = new Map<FieldName, number>();
  for (const field of FIELDS_BY_KIND[mapping.kind]) {
    const header = mapping.columns[field];
    if (header !== undefined) columns.set(field, headers.indexOf(header));
  }
  const used = new Set(columns.values());
  const { dateFormat, decimalSeparator } = mapping;
  return {
    kind: mapping.kind,
    format,
    headers,
    columns,
    extraColumns: headers.map((_, position) => position).filter((position) => !used.has(position)),
    amountMode: mapping.kind === 'entries' ? resolveAmountMode(mapping) : null,
    dateFormat: dateFormat === undefined || dateFormat === 'auto' ? 'DD/MM/YYYY' : dateFormat,
    decimalSeparator: decimalSeparator === undefined || decimalSeparator === 'auto' ? ',' : decimalSeparator,
    delimiter,
  };
}

async function* readBatches(
  read: (state: SourceState) => AsyncGenerator<SourceItem>,
  layout: TableLayout,
  headerLine: number,
  batchSize: number,
): AsyncGenerator<ReadBatch<TableRow>> {
  const state: SourceState = { bytesRead: 0, date1904: false };
  let rows: TableRow[] = [];
  let errors: LineError[] = [];
  for await (const item of read(state)) {
    if (item.line <= headerLine) continue;
    if ('error' in item) errors.push(item.error);
    else if (!isBlankRecord(item.cells)) {
      const converted = convertRecord(layout, item, state);
      if (converted.row) rows.push(converted.row);
      errors.push(...converted.errors);
    }
    if (rows.length + errors.length >= batchSize) {
      yield { rows, errors, bytesRead: state.bytesRead };
      rows = [];
      errors = [];
    }
  }
  if (rows.length > 0 || errors.length > 0) yield { rows, errors, bytesRead: state.bytesRead };
}
