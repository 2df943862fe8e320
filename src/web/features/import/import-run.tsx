import { CircleCheck, CircleX, RotateCcw, Users } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportSource, ImportStatus, SyncReport } from '../../../contracts/imports';
import { useFormat } from '../../lib/format';
import { Link } from '../../router/router';
import { Amount } from '../../ui/amount';
import { Button, buttonClasses } from '../../ui/button';
import { ErrorNotice, ProgressBar, Spinner } from '../../ui/feedback';
import { isLedgerSource } from './import-sources';
import { StatusBadge } from './status-badge';
import { useImportStatus } from './use-imports';

/** Line errors shown at once; the rest are counted (a bad file can have thousands). */
const ERRORS_SHOWN = 200;

function Stat({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <div className="min-w-0 rounded-md bg-zinc-50 px-3 py-2">
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd data-testid={testId} className="mt-0.5 truncate text-sm font-semibold text-zinc-900 tabular-nums">
        {children}
      </dd>
    </div>
  );
}

/** The figures of a finished import (IMP-9); also shown by the sync history. */
export function Report({ report, source }: { report: SyncReport; source: ImportSource }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4">
      <Stat label={t('import.report.lines')} testId="import-report-lines">
        {format.integer(report.lines)}
      </Stat>
      <Stat label={t('import.report.customers')} testId="import-report-customers">
        {format.integer(report.customers)}
      </Stat>
      {isLedgerSource(source) ? <LedgerStats report={report} /> : null}
      <Stat label={t('import.report.inserted')} testId="import-report-inserted">
        {format.integer(report.inserted)}
      </Stat>
      <Stat label={t('import.report.updated')} testId="import-report-updated">
        {format.integer(report.updated)}
      </Stat>
      <Stat label={t('import.report.gone')} testId="import-report-gone">
        {format.integer(report.gone)}
      </Stat>
    </dl>
  );
}

/** Counts and amounts of a ledger (FEC or entries); a customers or contacts file has none. */
function LedgerStats({ report }: { report: SyncReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <Stat label={t('import.report.entries')} testId="import-report-entries">
        {format.integer(report.entries)}
      </Stat>
      <Stat label={t('import.report.openItems')} testId="import-report-open-items">
        {format.integer(report.openItems)}
      </Stat>
      <Stat label={t('import.report.outstanding')} testId="import-report-outstanding">
        <Amount cents={report.outstanding} currency={report.currency} />
      </Stat>
      <Stat label={t('import.report.totalDebit')} testId="import-report-total-debit">
        <Amount cents={report.totalDebit} currency={report.currency} />
      </Stat>
      <Stat label={t('import.report.totalCredit')} testId="import-report-total-credit">
        <Amount cents={report.totalCredit} currency={report.currency} />
      </Stat>
    </>
  );
}

/** The refused lines of a failed import (IMP-6); also shown by the sync history. */
export function LineErrors({ errors }: { errors: ImportStatus['errors'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (errors.length === 0) return null;
  const shown = errors.slice(0, ERRORS_SHOWN);
  return (
    <div>
      <h4 className="mb-2 text-sm font-semibold text-zinc-900">
        {t('import.errors.title', { count: errors.length, formatted: format.integer(errors.length) })}
      </h4>
      <div className="max-h-96 overflow-auto rounded-lg ring-1 ring-zinc-200">
        <table className="w-full min-w-[34rem] text-sm" data-testid="import-errors">
          <thead className="sticky top-0 bg-zinc-50 text-xs text-zinc-500">
            <tr>
              <th scope="col" className="w-20 px-3 py-2 text-right font-medium">
                {t('import.errors.line')}
              </th>
              <th scope="col" className="w-40 px-3 py-2 text-left font-medium">
                {t('import.errors.column')}
              </th>
              <th scope="col" className="w-40 px-3 py-2 text-left font-medium">
                {t('import.errors.value')}
              </th>
              <th scope="col" className="px-3 py-2 text-left font-medium">
                {t('import.errors.reason')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {shown.map((error, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a finished import's errors never change or reorder
              <tr key={`${error.line}-${error.column}-${index}`}>
                <td className="px-3 py-2 text-right tabular-nums">{format.integer(error.line)}</td>
                <td className="px-3 py-2 break-words text-zinc-700">{error.column ?? '—'}</td>
                <td
                  className="max-w-40 truncate px-3 py-2 font-mono text-xs text-zinc-700"
                  title={error.value ?? ''}
                >
                  {error.value ?? '—'}
                </td>
                <td className="px-3 py-2 text-zinc-900" title={error.reason}>
                  {t(`import.lineError.${error.code}`, { value: error.value, defaultValue: error.reason })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {errors.length > shown.length ? (
        <p className="mt-2 text-xs text-zinc-500">
          {t('import.errors.more', { count: errors.length - shown.length })}
        </p>
      ) : null}
    </div>
  );
}

function Progress({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { phase, bytesRead, totalBytes, lines } = status.progress;
  const ratio = totalBytes > 0 && phase !== 'queued' ? bytesRead / totalBytes : null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="flex items-center gap-2 font-medium text-zinc-800">
          <Spinner className="text-indigo-600" />
          {t(`import.phase.${phase}`)}
        </span>
        <span className="text-zinc-500 tabular-nums">
          {ratio === null ? null : `${format.percent(Math.min(1, ratio))} · `}
          {t('import.progressLines', { count: lines, formatted: format.integer(lines) })}
        </span>
      </div>
      <ProgressBar value={ratio} label={t('import.progressLabel')} />
      {totalBytes > 0 ? (
        <p className="text-xs text-zinc-500 tabular-nums">
          {format.bytes(bytesRead)} / {format.bytes(totalBytes)}
        </p>
      ) : null}
    </div>
  );
}

/** An import under way or finished: progress while it runs, then its report or its errors. */
export function ImportRun({ importId, onDone }: { importId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useImportStatus(importId);
  const status = query.data;

  if (!status) {
    return (
      <section
        className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-zinc-200"
        data-testid="import-status"
        data-status="loading"
      >
        {query.isError ? (
          <div className="space-y-3">
            <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
            <Button variant="secondary" onClick={onDone}>
              {t('import.another')}
            </Button>
          </div>
        ) : (
          <Spinner label={t('common.loading')} />
        )}
      </section>
    );
  }

  const isFinished = status.status === 'succeeded' || status.status === 'failed';
  const duration =
    status.finishedAt !== null
      ? new Date(status.finishedAt).getTime() - new Date(status.startedAt).getTime()
      : null;

  return (
    <section
      aria-live="polite"
      data-testid="import-status"
      data-status={status.status}
      className="space-y-5 rounded-lg bg-white p-5 shadow-sm ring-1 ring-zinc-200"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex items-center gap-2">
            {status.status === 'succeeded' ? (
              <CircleCheck aria-hidden="true" className="size-5 text-emerald-600" />
            ) : status.status === 'failed' ? (
              <CircleX aria-hidden="true" className="size-5 text-red-600" />
            ) : null}
            <h2 className="text-base font-semibold text-zinc-900">{t(`import.title.${status.status}`)}</h2>
            <StatusBadge status={status.status} />
          </div>
          <p className="mt-1 truncate text-sm text-zinc-500">
            {t(`import.sources.${status.source}.label`)} ·{' '}
            <span className="font-mono">{status.fileName}</span>
            {duration !== null && duration >= 0 ? ` · ${format.duration(duration)}` : null}
          </p>
        </div>
        {isFinished ? (
          <div className="flex flex-wrap gap-2">
            {status.status === 'succeeded' ? (
              <Link
                to={`/customers?companyId=${encodeURIComponent(status.companyId)}`}
                className={buttonClasses({ variant: 'primary' })}
              >
                <Users aria-hidden="true" className="size-4" />
                {t('import.seeCustomers')}
              </Link>
            ) : null}
            <Button variant="secondary" onClick={onDone}>
              <RotateCcw aria-hidden="true" className="size-4" />
              {t('import.another')}
            </Button>
          </div>
        ) : null}
      </div>

      {!isFinished ? <Progress status={status} /> : null}
      {status.status === 'succeeded' && status.report ? (
        <Report report={status.report} source={status.source} />
      ) : null}
      {status.status === 'failed' ? (
        <div className="space-y-4">
          <div
            role="alert"
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200"
          >
            <p>
              {status.messageCode
                ? t(`import.failure.${status.messageCode}`, {
                    count: status.errors.length,
                    defaultValue: status.message ?? t('import.failedNoMessage'),
                  })
                : (status.message ?? t('import.failedNoMessage'))}
            </p>
            {status.errors.length > 0 ? (
              <p className="mt-1 text-red-700">{t('import.nothingImported')}</p>
            ) : null}
          </div>
          <LineErrors errors={status.errors} />
        </div>
      ) : null}
    </section>
  );
}
