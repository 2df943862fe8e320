import type { CalendarDate } from '../../../domain/calendar';
import type { Cents } from '../../../domain/money';
import { isReceivableAccount, type LedgerLine, type LineError } from '../import-rows';
import type { FecHeader } from './fec-header';
import { explainBadAmount, explainBadDate, INVALID_DATE, readFecAmount, readFecDate } from './fec-values';

/**
 * Parses one decoded line into a ledger line, or returns null after reporting what is wrong with
 * it, or {@link OTHER_LINE} for a good line outside the accounts asked for (its amounts are then
 * in the parser's `other`).
 */
export interface FecLineParser {
  (text: string, line: number): LedgerLine | typeof OTHER_LINE | null;
  /** Debit and credit of the last line returned as {@link OTHER_LINE}, in cents. */
  readonly other: { debit: Cents; credit: Cents };
}

/** What the parser returns for a good line it was asked only to check and total. */
export const OTHER_LINE = Symbol('other line');

/** The `extra` of every line of a file without extra columns: shared, hence frozen. */
const NO_EXTRA: Record<string, string> = Object.freeze({});

/** The trimmed value of a field (fixed-width files pad with spaces); most fields need no trimming. */
function fieldAt(fields: string[], column: number): string {
  const text = fields[column]!;
  const last = text.length - 1;
  if (last < 0 || (text.charCodeAt(0) > 32 && text.charCodeAt(last) > 32)) return text;
  return text.trim();
}

/** Whether a line holds nothing but blanks and separators (skipped, like an empty line). */
function isBlankLine(text: string, separator: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== separator && c !== ' ' && c !== '\t' && c !== '\x1a' && c !== '\f') return false;
  }
  return true;
}

/**
 * Builds the parser of the data lines of a FEC whose header is `header` (IMP-2, IMP-3). Fields are
 * split on the separator without quotes (a FEC has none) and trimmed (fixed-width padding).
 */
export function createFecLineParser(
  header: FecHeader,
  report: (error: LineError) => void,
  /**
   * When given, only the lines whose CompteNum starts with one of these prefixes (IMP-3) become
   * rows; the others are checked as thoroughly, totalled, and returned as {@link OTHER_LINE}.
   */
  wantedPrefixes?: readonly string[],
): FecLineParser {
  const { index, names, separator, columnCount, extras } = header;
  const other = { debit: 0, credit: 0 };
  const isMontantSens = header.amountLayout === 'montant-sens';
  let isFailed = false;

  const fail = (
    line: number,
    column: number | null,
    value: string | null,
    error: Omit<LineError, 'line' | 'column' | 'value'>,
  ) => {
    isFailed = true;
    report({ line, column: column === null ? null : names[column]!, value, ...error });
  };

  const amountAt = (fields: string[], column: number, line: number, blank: Cents | null): Cents | null => {
    const text = fieldAt(fields, column);
    if (text === '') return blank;
    const cents = readFecAmount(text);
    if (!Number.isNaN(cents)) return cents;
    fail(line, column, text, { code: 'bad_amount', reason: explainBadAmount(text) });
    return 0;
  };

  /** '' when blank. */
  const dateAt = (fields: string[], column: number, line: number): CalendarDate => {
    if (column === -1) return '';
    const text = fieldAt(fields, column);
    const date = readFecDate(text);
    if (date !== INVALID_DATE) return date;
    fail(line, column, text, { code: 'bad_date', reason: explainBadDate(text) });
    return '';
  };

  // Set by readDebitCredit: two numbers rather than a pair, to allocate nothing per line.
  let debit: Cents = 0;
  let credit: Cents = 0;
  const readDebitCredit = (fields: string[], line: number): void => {
    if (!isMontantSens) {
      debit = amountAt(fields, index.debit, line, 0)!;
      credit = amountAt(fields, index.credit, line, 0)!;
      return;
    }
    const amount = amountAt(fields, index.amount, line, 0)!;
    const written = fieldAt(fields, index.direction);
    const direction = written.toUpperCase();
    debit = 0;
    credit = 0;
    if (direction === 'D' || direction === '+1' || direction === '1') debit = amount;
    else if (direction === 'C' || direction === '-1') credit = amount;
    else if (direction !== '' || amount !== 0) reportBadDirection(line, written);
  };

  const reportBadDirection = (line: number, written: string): void => {
    if (written === '') {
      fail(line, index.direction, '', { code: 'missing_value', reason: 'Sens is blank: write D or C' });
      return;
    }
    fail(line, index.direction, written, {
      code: 'bad_value',
      reason: `'${written}' is not a Sens: write D or C (or +1 or -1)`,
    });
  };

  const parse = (text: string, line: number): LedgerLine | typeof OTHER_LINE | null => {
    const fields = text.split(separator);
    if (fields.length !== columnCount && !hasRightFieldCount(fields, columnCount)) {
      if (isBlankLine(text, separator)) return null;
      isFailed = true;
      report({
        line,
        column: null,
        value: null,
        code: 'wrong_field_count',
        reason:
          fields.length < columnCount
            ? `The line has ${fields.length} fields, the header has ${columnCount} columns: it is cut short`
            : `The line has ${fields.length} fields, the header has ${columnCount} columns: ` +
              `a text may hold the separator ${separator === '\t' ? '(a tab)' : '(|)'}`,
      });
      return null;
    }
    isFailed = false;
    const entryDate = dateAt(fields, index.entryDate, line);
    if (entryDate === '' && !isFailed) {
      if (isBlankLine(text, separator)) return null;
      fail(line, index.entryDate, '', { code: 'missing_value', reason: 'EcritureDate is blank' });
    }
    const documentDate = dateAt(fields, index.documentDate, line);
    const letteringDate = dateAt(fields, index.letteringDate, line);
    const validationDate = dateAt(fields, index.validationDate, line);
    const dueDate = dateAt(fields, index.dueDate, line);
    readDebitCredit(fields, line);
    const originalAmount = amountAt(fields, index.originalAmount, line, null);
    if (isFailed) return null;
    if (wantedPrefixes && !isReceivableAccount(fieldAt(fields, index.accountNumber), wantedPrefixes)) {
      other.debit = debit;
      other.credit = credit;
      return OTHER_LINE;
    }

    const currency = fieldAt(fields, index.currency);
    const paymentMethod = index.paymentMethod === -1 ? '' : fieldAt(fields, index.paymentMethod);
    const extra: Record<string, string> = extras.length === 0 ? NO_EXTRA : {};
    for (let i = 0; i < extras.length; i++) {
      const column = extras[i]!;
      extra[column.key] = fieldAt(fields, column.index);
    }
    return {
      line,
      journalCode: fieldAt(fields, index.journalCode),
      entryNumber: fieldAt(fields, index.entryNumber),
      entryDate,
      accountNumber: fieldAt(fields, index.accountNumber),
      accountLabel: fieldAt(fields, index.accountLabel),
      auxAccount: fieldAt(fields, index.auxAccount),
      auxLabel: fieldAt(fields, index.auxLabel),
      pieceRef: fieldAt(fields, index.pieceRef),
      // IMP-3: the document date is PieceDate, else EcritureDate.
      documentDate: documentDate === '' ? entryDate : documentDate,
      label: fieldAt(fields, index.label),
      debit,
      credit,
      letteringCode: fieldAt(fields, index.letteringCode),
      letteringDate: letteringDate === '' ? null : letteringDate,
      validationDate: validationDate === '' ? null : validationDate,
      originalAmount,
      currency: currency === '' ? null : currency.toUpperCase(),
      dueDate: dueDate === '' ? null : dueDate,
      paymentMethod: paymentMethod === '' ? null : paymentMethod,
      extra,
    };
  };
  return Object.assign(parse, { other });
}

/** More fields than columns is fine when the extra ones are empty (a trailing separator). */
function hasRightFieldCount(fields: string[], columnCount: number): boolean {
  if (fields.length < columnCount) return false;
  for (let i = columnCount; i < fields.length; i++) {
    if (fieldAt(fields, i) !== '') return false;
  }
  return true;
}
