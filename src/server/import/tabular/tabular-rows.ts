import type { CalendarDate } from '../../../domain/calendar';
import type { Cents } from '../../../domain/money';
import type { ContactRow, CustomerRow, LedgerLine, LineError } from '../import-rows';
import { type AmountMode, FIELD_LABELS, type FieldName, type TableKind } from './column-mapping';
import { type Cell, type CsvDelimiter, cellText, columnLetter, type TableFormat } from './tabular-sources';
import {
  type ConcreteDateFormat,
  type DecimalSeparator,
  numberToCents,
  parseAmount,
  parseDate,
} from './value-formats';

/**
 * The logical side of spreadsheet import (IMP-1 b): one record of cells becomes a typed row,
 * or the line errors that say why not (IMP-6).
 */

export interface TableRowByKind {
  customers: CustomerRow;
  entries: LedgerLine;
  contacts: ContactRow;
}
export type TableRow = TableRowByKind[TableKind];

/** Everything needed to read the records of one file, fixed once the header is known. */
export interface TableLayout {
  kind: TableKind;
  format: TableFormat;
  /** Header names, one per column, unique. */
  headers: string[];
  /** Position of each mapped field's column. */
  columns: Map<FieldName, number>;
  /** Positions of the columns no field uses: kept as custom fields (IMP-6). */
  extraColumns: number[];
  amountMode: AmountMode | null;
  dateFormat: ConcreteDateFormat;
  decimalSeparator: DecimalSeparator;
  delimiter: CsvDelimiter | null;
}

/** Whether every cell of a record is blank: such rows are skipped. */
export function isBlankRecord(cells: (Cell | null)[]): boolean {
  return cells.every((cell) => cell === null);
}

/**
 * Converts one record into a row of the layout's kind, or returns the line errors found.
 * @example convertRecord(layout, { line: 2, cells }, { date1904: false }) // { row: { line: 2, … }, errors: [] }
 */
export function convertRecord(
  layout: TableLayout,
  record: { line: number; cells: (Cell | null)[] },
  { date1904 }: { date1904: boolean },
): { row: TableRow | null; errors: LineError[] } {
  const reader = new RecordReader(layout, record.line, record.cells, date1904);
  const row =
    layout.kind === 'entries'
      ? toLedgerLine(reader)
      : layout.kind === 'customers'
        ? toCustomerRow(reader)
        : toContactRow(reader);
  return reader.errors.length > 0 ? { row: null, errors: reader.errors } : { row, errors: [] };
}

function toLedgerLine(r: RecordReader): LedgerLine {
  const documentDate = r.requiredDate('documentDate');
  const { debit, credit } = r.layout.amountMode === 'signed' ? r.signedAmount() : r.debitCredit();
  return {
    line: r.line,
    journalCode: r.text('journalCode') ?? '',
    entryNumber: '',
    entryDate: r.date('entryDate') ?? documentDate,
    accountNumber: '',
    accountLabel: '',
    auxAccount: r.required('account'),
    auxLabel: r.text('customerName') ?? '',
    pieceRef: r.required('pieceRef'),
    documentDate,
    label: r.text('label') ?? '',
    debit,
    credit,
    letteringCode: r.text('letteringCode') ?? '',
    letteringDate: r.date('letteringDate'),
    validationDate: null,
    originalAmount: r.amount('originalAmount'),
    currency: r.currency('currency'),
    dueDate: r.date('dueDate'),
    paymentMethod: r.text('paymentMethod'),
    extra: r.extra(),
  };
}

function toCustomerRow(r: RecordReader): CustomerRow {
  return {
    line: r.line,
    account: r.required('account'),
    name: r.required('name'),
    externalId: r.text('externalId'),
    registrationNumber: r.text('registrationNumber'),
    salesRep: r.text('salesRep'),
    collector: r.text('collector'),
    terms: r.text('terms'),
    email: r.text('email'),
    phone: r.text('phone'),
    addressLine1: r.text('addressLine1'),
    addressLine2: r.text('addressLine2'),
    postalCode: r.text('postalCode'),
    city: r.text('city'),
    country: r.text('country'),
    language: r.text('language'),
    extra: r.extra(),
  };
}

function toContactRow(r: RecordReader): ContactRow {
  return {
    line: r.line,
    account: r.required('account'),
    name: r.text('name'),
    email: r.text('email'),
    phone: r.text('phone'),
    role: r.text('role'),
    isPrimary: r.boolean('isPrimary') ?? false,
    extra: r.extra(),
  };
}

const TRUE_WORDS = new Set(['oui', 'o', 'yes', 'y', 'true', 'vrai', '1', 'x', 'principal', 'primary']);
const FALSE_WORDS = new Set(['non', 'n', 'no', 'false', 'faux', '0', '-']);
const CURRENCY_SYMBOLS: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', '¥': 'JPY' };

/** Reads the fields of one record, collecting one line error per bad cell. */
class RecordReader {
  readonly errors: LineError[] = [];
  /** Columns whose cell is a formula error: reported once, then read as blank. */
  private readonly broken = new Set<number>();

  constructor(
    readonly layout: TableLayout,
    readonly line: number,
    private readonly cells: (Cell | null)[],
    private readonly date1904: boolean,
  ) {
    const { headers, format, delimiter } = layout;
    headers.forEach((header, position) => {
      const cell = cells[position] ?? null;
      if (cell?.type !== 'error') return;
      this.broken.add(position);
      const address = `${columnLetter(position + 1)}${line}`;
      this.errors.push({
        line,
        column: header,
        value: cellText(cell),
        reason: cell.error
          ? `cell ${address} holds the error ${cell.error}`
          : `cell ${address}: the formula =${cell.formula} gives an error (#DIV/0!, #REF!, #VALUE!, #N/A…) or was never calculated`,
        code: 'formula_error',
      });
    });
    // CSV only: a surplus filled field shifts the columns (often a separator inside a value).
    if (format === 'csv' && cells.slice(headers.length).some((cell) => cell !== null)) {
      this.errors.push({
        line,
        column: null,
        value: null,
        reason: `the line has ${cells.length} fields but the header has ${headers.length}: is there a '${
          delimiter === '\t' ? 'tab' : delimiter
        }' inside a value without quotes?`,
        code: 'wrong_field_count',
      });
    }
  }

  private cellOf(field: FieldName): { header: string; cell: Cell } | null {
    const position = this.layout.columns.get(field);
    if (position === undefined || this.broken.has(position)) return null;
    const cell = this.cells[position] ?? null;
    if (cell === null || (cell.type === 'text' && cell.text.trim() === '')) return null;
    return { header: this.layout.headers[position]!, cell };
  }

  private fail(field: FieldName, code: LineError['code'], reason: string, value: string | null): null {
    const position = this.layout.columns.get(field);
    const column = position === undefined ? null : (this.layout.headers[position] ?? null);
    this.errors.push({ line: this.line, column, value, reason, code });
    return null;
  }

  /** Whether the field's cell holds something (a broken cell counts as reported, not blank). */
  isFilled(field: FieldName): boolean {
    const position = this.layout.columns.get(field);
    return this.cellOf(field) !== null || (position !== undefined && this.broken.has(position));
  }

  text(field: FieldName): string | null {
    const found = this.cellOf(field);
    return found ? cellText(found.cell).trim() : null;
  }

  required(field: FieldName): string {
    const text = this.text(field);
    if (text !== null) return text;
    if (!this.isFilled(field)) this.fail(field, 'missing_value', `the ${FIELD_LABELS[field]} is empty`, '');
    return '';
  }

  amount(field: FieldName): Cents | null {
    const found = this.cellOf(field);
    if (!found) return null;
    const { cell } = found;
    const sep = this.layout.decimalSeparator;
    const cents =
      cell.type === 'number'
        ? numberToCents(cell.value)
        : cell.type === 'text'
          ? parseAmount(cell.text, sep)
          : null;
    if (cents !== null) return cents;
    const value = cellText(cell).trim();
    const hint = cell.type === 'text' ? ` (decimal separator '${sep}')` : '';
    return this.fail(field, 'bad_amount', `'${value}' is not an amount${hint}`, value);
  }

  date(field: FieldName): CalendarDate | null {
    const found = this.cellOf(field);
    if (!found) return null;
    const { cell } = found;
    const format = this.layout.dateFormat;
    const options = { date1904: this.date1904 };
    const date =
      cell.type === 'text' || cell.type === 'number' || cell.type === 'date'
        ? parseDate(cell.type === 'text' ? cell.text : cell.value, format, options)
        : null;
    if (date !== null) return date;
    const value = cellText(cell).trim();
    const hint = cell.type === 'text' ? ` (expected ${format})` : '';
    return this.fail(field, 'bad_date', `'${value}' is not a date${hint}`, value);
  }

  /** A required date; '' only when an error was recorded (the row is then dropped). */
  requiredDate(field: FieldName): CalendarDate {
    const date = this.date(field);
    if (date !== null) return date;
    if (!this.isFilled(field)) this.fail(field, 'missing_value', `the ${FIELD_LABELS[field]} is empty`, '');
    return '';
  }

  boolean(field: FieldName): boolean | null {
    const found = this.cellOf(field);
    if (!found) return null;
    if (found.cell.type === 'boolean') return found.cell.value;
    const value = cellText(found.cell).trim();
    const word = value.toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    return this.fail(field, 'bad_value', `'${value}' is neither yes nor no`, value);
  }

  currency(field: FieldName): string | null {
    const text = this.text(field);
    if (text === null) return null;
    const code = CURRENCY_SYMBOLS[text] ?? text.toUpperCase();
    if (/^[A-Z]{3}$/.test(code)) return code;
    return this.fail(
      field,
      'bad_value',
      `'${text}' is not a currency code (three letters, such as EUR)`,
      text,
    );
  }

  /** Debit and credit columns; a negative amount moves to the other side (balance unchanged). */
  debitCredit(): { debit: Cents; credit: Cents } {
    if (!this.isFilled('debit') && !this.isFilled('credit')) {
      this.fail('debit', 'missing_value', 'the line has neither a debit nor a credit', '');
      return { debit: 0, credit: 0 };
    }
    const debit = this.amount('debit') ?? 0;
    const credit = this.amount('credit') ?? 0;
    return {
      debit: Math.max(debit, 0) + Math.max(-credit, 0),
      credit: Math.max(credit, 0) + Math.max(-debit, 0),
    };
  }

  /** A signed amount: positive is a debit, negative a credit. */
  signedAmount(): { debit: Cents; credit: Cents } {
    if (!this.isFilled('amount')) {
      this.fail('amount', 'missing_value', `the ${FIELD_LABELS.amount} is empty`, '');
      return { debit: 0, credit: 0 };
    }
    const amount = this.amount('amount') ?? 0;
    return amount >= 0 ? { debit: amount, credit: 0 } : { debit: 0, credit: -amount };
  }

  /** Unmapped columns by header name, blank cells left out (IMP-6 custom fields). */
  extra(): Record<string, string> {
    const extra: Record<string, string> = {};
    for (const position of this.layout.extraColumns) {
      const cell = this.cells[position] ?? null;
      if (cell === null || this.broken.has(position)) continue;
      const text = cellText(cell).trim();
      if (text !== '') extra[this.layout.headers[position]!] = text;
    }
    return extra;
  }
}
