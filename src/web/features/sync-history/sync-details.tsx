import { useTranslation } from 'react-i18next';
import { type SyncRow, syncReportSchema } from '../../../contracts/imports';
import { ErrorNotice, Spinner } from '../../ui/feedback';
import { LineErrors, Report } from '../import/import-run';
import { useFailureText } from './sync-labels';
import { useSyncDetail } from './use-sync-history';

/** The refusal of a failed sync and its refused lines, read when the details are opened. */
function FailedDetails({ sync }: { sync: SyncRow }) {
  const { t } = useTranslation();
  const failureText = useFailureText();
  const detail = useSyncDetail(sync.id);
  return (
    <div className="space-y-4">
      <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
        <p>{failureText(sync)}</p>
        {sync.errorCount > 0 ? <p className="mt-1 text-red-700">{t('import.nothingImported')}</p> : null}
      </div>
      {detail.isError ? (
        <ErrorNotice error={detail.error} onRetry={() => void detail.refetch()} />
      ) : detail.data ? (
        <LineErrors errors={detail.data.errors} />
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
