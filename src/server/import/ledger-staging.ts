import { toMinorUnits } from '../../domain/currency';
import type { Cents } from '../../domain/money';
import { copyField } from '../db/copy-text';
import {
  isReceivableAccount,
  type LedgerLine,
  type LineError,
  MAX_LINE_ERRORS,
  type ReadBatch,
} from './import-rows';

/** Columns of the staging table, in the order of the COPY lines built here. */
export const STAGING_COLUMNS = [
  'customer_account',
  'journal_code',
  'entry_number',
  'entry_date',
  'account_number',
  'piece_ref',
  'document_date',
  'source_due_date',
  'label',
  'debit',
  'credit',
  'original_amount',
  'currency',
  'payment_method',
  'lettering_code',
  'lettering_date',
  'custom_fields',
  'source_line',
] as const;

/** About 1 MB of COPY text per chunk: large enough for PGlite's per-statement cost, small enough to stream. */
const COPY_CHUNK_CHARS = 1_000_000;

/** What reading a ledger learnt besides its rows. */
export interface StagingSummary {
  lines: number;
  totalDebit: Cents;
  totalCredit: Cents;
  entries: number;
  /** Customers met, with the name the ledger gives them (IMP-3). */
  customers: [account: string, name: string][];
  /** Debit and credit of the staged rows by journal and month: the company's monthly flows. */
  flows: JournalMonthSums[];
  errors: LineError[];
}

/** Sums of a ledger's rows for one journal and one month (`YYYY-MM-01`). */
export interface JournalMonthSums {
  journalCode: string;
  month: string;
  debit: Cents;
  credit: Cents;
}

/** Adds one row's (or one part's) sums into `sums`, keyed by journal and month. */
export function addFlow(sums: Map<string, JournalMonthSums>, flow: JournalMonthSums): void {
  const key = `${flow.journalCode}\u001f${flow.month}`;
  const known = sums.get(key);
  if (known) {
    known.debit += flow.debit;
    known.credit += flow.credit;
  } else {
    sums.set(key, { ...flow });
  }
}

/** The prefixes to give a FEC reader when only the customer ledger becomes rows (IMP-3). */
export function receivableOnly(options: {
  keepAllLines: boolean;
  receivablePrefixes: readonly string[];
}): readonly string[] | undefined {
  return options.keepAllLines ? undefined : options.receivablePrefixes;
}

function hasKeys(record: Record<string, string>): boolean {
  for (const _ in record) return true;
  return false;
}

/** One staging row as COPY text, without its line end. `join` builds flat strings: no rope for the GC. */
function toCopyLine(account: string, line: LedgerLine, originalAmount: number | null): string {
  const extra = hasKeys(line.extra) ? JSON.stringify(line.extra) : null;
  return [
    copyField(account),
    copyField(line.journalCode),
    copyField(line.entryNumber),
    line.entryDate,
    copyField(line.accountNumber),
    copyField(line.pieceRef),
    line.documentDate,
    copyField(line.dueDate),
    copyField(line.label),
    line.debit,
    line.credit,
    copyField(originalAmount),
    copyField(line.currency),
    copyField(line.paymentMethod),
    copyField(line.letteringCode),
    copyField(line.letteringDate),
    copyField(extra),
    line.line,
  ].join('\t');
}

/**
 * Turns a ledger's batches into COPY text for the staging table, keeping only the customer
 * ledger (IMP-3), and totals the whole file. Once a line is bad the file will be refused: it keeps
 * reading to report every error but yields nothing more (IMP-6). Memory holds one chunk and the
 * customers met — it grows with the number of customers, not of lines.
 */
export async function* stageLedgerLines(
  batches: AsyncIterable<ReadBatch<LedgerLine>>,
  options: { keepAllLines: boolean; receivablePrefixes: readonly string[] },
  summary: StagingSummary,
  onProgress: (bytesRead: number, lines: number) => void,
): AsyncGenerator<string> {
  const { keepAllLines, receivablePrefixes } = options;
  const names = new Map<string, string>();
  const flows = new Map<string, JournalMonthSums>();
  let chunk: string[] = [];
  let chunkChars = 0;
  for await (const batch of batches) {
    for (const error of batch.errors) if (summary.errors.length < MAX_LINE_ERRORS) summary.errors.push(error);
    // Sums in locals, written back per batch: the hot loop touches no shared object.
    let debit = 0;
    let credit = 0;
    let entries = 0;
    const rows = batch.rows;
    for (let i = 0; i < rows.length; i++) {
      const line = rows[i]!;
      debit += line.debit;
      credit += line.credit;
      if (summary.errors.length > 0) continue;
      if (!keepAllLines && !isReceivableAccount(line.accountNumber, receivablePrefixes)) continue;
      // IMP-3: the customer is the auxiliary account, else the general account itself.
      const hasAux = line.auxAccount !== '';
      const account = hasAux ? line.auxAccount : line.accountNumber;
      if (!names.get(account)) names.set(account, (hasAux ? line.auxLabel : line.accountLabel) || account);
      // VIS-12: the original amount is kept in its currency's minor units (¥1,500 is 1500).
      let originalAmount = line.originalAmount;
      if (originalAmount !== null && line.currency) {
        originalAmount = toMinorUnits(originalAmount, line.currency);
        if (originalAmount === null) {
          if (summary.errors.length >= MAX_LINE_ERRORS) continue;
          summary.errors.push({
            line: line.line,
            column: 'Montantdevise',
            value: String(line.originalAmount! / 100),
            reason: `${line.currency} has no fraction: ${line.originalAmount! / 100} is not an amount in ${line.currency}`,
            code: 'bad_amount',
          });
          continue;
        }
      }
      const month = `${line.entryDate.slice(0, 7)}-01`;
      addFlow(flows, { journalCode: line.journalCode, month, debit: line.debit, credit: line.credit });
      const copyLine = toCopyLine(account, line, originalAmount);
      chunk.push(copyLine);
      chunkChars += copyLine.length;
      entries++;
    }
    const skipped = batch.skipped;
    summary.totalDebit += debit + (skipped?.debit ?? 0);
    summary.totalCredit += credit + (skipped?.credit ?? 0);
    summary.entries += entries;
    summary.lines += batch.rows.length + batch.errors.length + (skipped?.lines ?? 0);
    onProgress(batch.bytesRead, summary.lines);
    if (chunkChars >= COPY_CHUNK_CHARS && summary.errors.length === 0) {
      yield `${chunk.join('\n')}\n`;
      chunk = [];
      chunkChars = 0;
    }
  }
  if (summary.errors.length === 0 && chunk.length > 0) yield `${chunk.join('\n')}\n`;
  summary.customers = [...names];
  summary.flows = [...flows.values()];
}

export const emptyStagingSummary = (): StagingSummary => ({
  lines: 0,
  totalDebit: 0,
  totalCredit: 0,
  entries: 0,
  customers: [],
  flows: [],
  errors: [],
});
