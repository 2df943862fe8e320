import { useTranslation } from 'react-i18next';
import type { SyncRow } from '../../../contracts/imports';
import { isLedgerSource, reportNumber, reportString } from '../import/import-sources';

/** The figures of a sync's report the history shows; null where the report has none. */
export interface SyncFigures {
  lines: number | null;
  customers: number | null;
  /** Ledger syncs only (FEC, entries): a customers or contacts file has no entries nor amounts. */
  entries: number | null;
  openItems: number | null;
  outstanding: number | null;
  currency: string | null;
  inserted: number | null;
  updated: number | null;
  gone: number | null;
}

/** Reads the figures out of a sync's free-form report (IMP-9). */
export function syncFigures(sync: Pick<SyncRow, 'source' | 'report'>): SyncFigures {
  const { report } = sync;
  const isLedger = isLedgerSource(sync.source);
  return {
    lines: reportNumber(report, 'lines'),
    customers: reportNumber(report, 'customers'),
    entries: isLedger ? reportNumber(report, 'entries') : null,
    openItems: isLedger ? reportNumber(report, 'openItems') : null,
    outstanding: isLedger ? reportNumber(report, 'outstanding') : null,
    currency: reportString(report, 'currency'),
    inserted: reportNumber(report, 'inserted'),
    updated: reportNumber(report, 'updated'),
    gone: reportNumber(report, 'gone'),
  };
}

/** "Who started it": the user's name, else what did (schedule, command line, demo…). */
export function useStartedBy(): (sync: Pick<SyncRow, 'userName' | 'trigger'>) => string {
  const { t } = useTranslation();
  return (sync) =>
    sync.userName ?? t(`import.history.trigger.${sync.trigger}`, { defaultValue: sync.trigger });
}

/** Why a failed sync was refused, in the user's language when the reason has a code. */
export function useFailureText(): (sync: Pick<SyncRow, 'message' | 'messageCode' | 'errorCount'>) => string {
  const { t } = useTranslation();
  return (sync) => {
    const fallback = sync.message ?? t('import.failedNoMessage');
    return sync.messageCode
      ? t(`import.failure.${sync.messageCode}`, { count: sync.errorCount, defaultValue: fallback })
      : fallback;
  };
}
