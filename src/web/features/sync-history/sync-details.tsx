import { useTranslation } from 'react-i18next';
import { type LineErrorDto, type SyncRow, syncReportSchema } from '../../../contracts/imports';
import { useFormat } from '../../lib/format';
import { ErrorNotice, Spinner } from '../../ui/feedback';
import { LineErrors, Report } from '../import/import-run';
import { useFailureText } from './sync-labels';
import { useSyncDetail } from './use-sync-history';

/** Refused lines listed on a phone; the rest are counted, as on the import page. */
const PHONE_ERRORS_SHOWN = 200;

/** Refused lines shown on a phone, below 640 px: one block per line, the reason in full. */
function RefusedLineList({ errors }: { errors: LineErrorDto[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (errors.length === 0) return null;
  const shown = errors.slice(0, PHONE_ERRORS_SHOWN);
  return (
    <div className="sm:hidden">
      <h4 className="mb-2 text-sm font-semibold text-zinc-900">
        {t('import.errors.title', { count: errors.length, formatted: format.integer(errors.length) })}
      </h4>
      <ul className="divide-y divide-zinc-100 rounded-lg bg-white text-sm ring-1 ring-zinc-200">
        {shown.map((error, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a finished sync's errors never change or reorder
          <li key={`${error.line}-${error.column}-${index}`} className="px-3 py-2">
            <p className="text-xs text-zinc-500">
              <span className="tabular-nums">
                {t('import.errors.line')} {format.integer(error.line)}
              </span>
              {error.column ? ` · ${error.column}` : null}
              {error.value ? (
                <>
                  {' · '}
                  <span className="font-mono break-all">{error.value}</span>
                </>
              ) : null}
            </p>
            <p className="text-zinc-900">
              {t(`import.lineError.${error.code}`, { value: error.value, defaultValue: error.reason })}
            </p>
          </li>
        ))}
      </ul>
      {errors.length > shown.length ? (
        <p className="mt-2 text-xs text-zinc-500">
          {t('import.errors.more', { count: errors.length - shown.length })}
        </p>
      ) : null}
    </div>
  );
}

/** The refusal of a failed sync and its refused lines, read when the details are opened. */
function FailedDetails({ sync }: { sync: SyncRow }) {
  const { t } = useTranslation();
  const failureText = useFailureText();
  const detail = useSyncDetail(sync.id);
  // The row or card above already says why; here the full reason when no line is to blame, else what to do.
  return (
    <div className="space-y-4">
      <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
        {sync.errorCount > 0 ? t('import.nothingImported') : failureText(sync)}
      </p>
      {detail.isError ? (
        <ErrorNotice error={detail.error} onRetry={() => void detail.refetch()} />
      ) : detail.data ? (
        <>
          <div className="hidden sm:block">
            <LineErrors errors={detail.data.errors} />
          </div>
          <RefusedLineList errors={detail.data.errors} />
        </>
      ) : sync.errorCount > 0 ? (
        <Spinner label={t('common.loading')} />
      ) : null}
    </div>
  );
}

/** What a sync brought in (its whole report) or why it was refused (IMP-9, IMP-6). */
export function SyncDetails({ sync, id }: { sync: SyncRow; id: string }) {
  const { t } = useTranslation();
  const report = syncReportSchema.safeParse(sync.report);
  return (
    <section
      id={id}
      aria-label={t('syncHistory.details.label', { file: sync.fileName })}
      className="space-y-3"
    >
      {sync.status === 'failed' ? (
        <FailedDetails sync={sync} />
      ) : sync.status === 'running' ? (
        <p className="flex items-center gap-2 text-sm text-zinc-600">
          <Spinner className="text-indigo-600" />
          {t('syncHistory.running')}
        </p>
      ) : report.success ? (
        <Report report={report.data} source={sync.source} />
      ) : (
        <p className="text-sm text-zinc-500">{t('syncHistory.details.noReport')}</p>
      )}
    </section>
  );
}
