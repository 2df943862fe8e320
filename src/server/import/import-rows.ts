import type { CalendarDate } from '../../domain/calendar';
import type { Cents } from '../../domain/money';

/**
 * One line of a ledger, as read from a FEC or from an entries spreadsheet, before it is filtered
 * to the receivable accounts. Readers fill it; the sync service decides what to keep.
 */
export interface LedgerLine {
  /** Line number in the source file, 1-based, the header being line 1 (row number for XLSX). */
  line: number;
  journalCode: string;
  entryNumber: string;
  entryDate: CalendarDate;
  /** CompteNum: the general-ledger account; '' when the source has none (entries spreadsheet). */
  accountNumber: string;
  accountLabel: string;
  /** CompAuxNum, trimmed; '' when the line has no auxiliary account. */
  auxAccount: string;
  auxLabel: string;
  pieceRef: string;
  /** PieceDate, else EcritureDate (IMP-3). */
  documentDate: CalendarDate;
  label: string;
  debit: Cents;
  credit: Cents;
  /** EcritureLet, spaces trimmed; '' when unlettered. */
  letteringCode: string;
  letteringDate: CalendarDate | null;
  validationDate: CalendarDate | null;
  /**
   * Montantdevise, signed as in the source, in hundredths (a FEC amount has two decimals); the sync
   * turns it into the currency's minor units (VIS-12). Null when blank.
   */
  originalAmount: Cents | null;
  /** Idevise, upper case; null when blank. */
  currency: string | null;
  /** Due date from the source (DateEcheance or a mapped column), else null (IMP-4). */
  dueDate: CalendarDate | null;
  /** Payment method from the source (ModeRglt or a mapped column), else null (IMP-10). */
  paymentMethod: string | null;
  /** Columns the reader does not know, by their header name, values trimmed (IMP-6 custom fields). */
  extra: Record<string, string>;
}

/** A customer row of a customers spreadsheet (IMP-1 b). Blank cells are null. */
export interface CustomerRow {
  line: number;
  account: string;
  name: string;
  externalId: string | null;
  registrationNumber: string | null;
  salesRep: string | null;
  collector: string | null;
  /** Payment terms as written (`45 days end of month`), parsed by the sync. */
  terms: string | null;
  email: string | null;
  phone: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  language: string | null;
  extra: Record<string, string>;
}

/** A contact row of a contacts spreadsheet, attached to a customer by its account. */
export interface ContactRow {
  line: number;
  account: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  role: string | null;
  isPrimary: boolean;
  extra: Record<string, string>;
}

/** The most line errors a refused file reports: enough to fix it, not a flood. */
export const MAX_LINE_ERRORS = 1000;

/** A problem on one line of a source file; the whole file is then rejected (IMP-6). */
export interface LineError {
  line: number;
  /** Header name of the column, or null when the problem is the line as a whole. */
  column: string | null;
  value: string | null;
  /** A sentence a user can act on: "'12.5.0' is not an amount". */
  reason: string;
  code: LineErrorCode;
}

export const LINE_ERROR_CODES = [
  'bad_amount',
  'bad_date',
  'missing_value',
  'wrong_field_count',
  'bad_value',
  'formula_error',
] as const;
export type LineErrorCode = (typeof LINE_ERROR_CODES)[number];

/** Whether a general-ledger account belongs to the customer ledger (IMP-3). */
export function isReceivableAccount(accountNumber: string, prefixes: readonly string[]): boolean {
  for (let i = 0; i < prefixes.length; i++) if (accountNumber.startsWith(prefixes[i]!)) return true;
  return false;
}

/** What a streaming reader yields: a batch of good rows, the errors met, and how far it got. */
export interface ReadBatch<Row> {
  rows: Row[];
  errors: LineError[];
  /** Bytes of the source consumed so far, for progress. */
  bytesRead: number;
  /**
   * Good lines outside the customer ledger that a FEC reader asked to (`receivableOnly`) only
   * counted and totalled, without making rows of them.
   */
  skipped?: { lines: number; debit: number; credit: number };
}

/** A reader's verdict on a file as a whole (not a line of it): nothing of the file is imported. */
export class FileRejectedError extends Error {
  constructor(
    readonly code:
      | 'empty_file'
      | 'binary_file'
      | 'unknown_format'
      | 'bad_separator'
      | 'missing_columns'
      | 'bad_encoding'
      | 'bad_mapping',
    message: string,
  ) {
    super(message);
    this.name = 'FileRejectedError';
  }
}
