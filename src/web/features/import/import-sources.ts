import type { ImportSource } from '../../../contracts/imports';

/** File pickers show the usual extensions of each kind; drag and drop accepts anything. */
export const ACCEPT: Record<ImportSource, string> = {
  fec: '.txt,.csv,.tsv,.fec,.dat,text/plain,text/csv,text/tab-separated-values',
  customers: '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  entries: '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  contacts: '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Sources that carry ledger lines, hence entries, open items and amounts. */
export function isLedgerSource(source: ImportSource): boolean {
  return source === 'fec' || source === 'entries';
}

/** A number from a sync's free-form report, or null when absent. */
export function reportNumber(report: Record<string, unknown>, key: string): number | null {
  const value = report[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function reportString(report: Record<string, unknown>, key: string): string | null {
  const value = report[key];
  return typeof value === 'string' && value !== '' ? value : null;
}
