import { ArrowRight, History } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Company } from '../../../contracts/companies';
import { useFormat } from '../../lib/format';
import { Link } from '../../router/router';
import { Amount } from '../../ui/amount';
import { focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { EmptyState, ErrorNotice, Spinner } from '../../ui/feedback';
import { syncFigures, useStartedBy } from '../sync-history/sync-labels';
import { useSyncList } from '../sync-history/use-sync-history';
import { StatusBadge } from './status-badge';

/** The latest syncs shown under the import form; the whole history is on `/syncs`. */
const RECENT_COUNT = 5;

/** IMP-9: the latest syncs of a company, newest first, with their counts and outcome. */
export function SyncHistory({
  companyId,
  companies,
}: {
  companyId: string | undefined;
  companies: readonly Company[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const startedBy = useStartedBy();
  const syncs = useSyncList({ companyId, page: 1, pageSize: RECENT_COUNT });
  const companyCode = (id: string) => companies.find((company) => company.id === id)?.code ?? '';
  const historyLink = companyId ? `/syncs?companyId=${encodeURIComponent(companyId)}` : '/syncs';

  return (
    <section aria-labelledby="sync-history-title" className="space-y-3">
      <div className="flex items-center gap-2">
        <h2 id="sync-history-title" className="text-base font-semibold text-zinc-900">
          {t('import.history.title')}
        </h2>
        {syncs.isFetching ? <Spinner /> : null}
        {syncs.data && syncs.data.total > 0 ? (
          <Link
            to={historyLink}
            className={cx(
              'ml-auto inline-flex items-center gap-1 rounded text-sm font-medium text-indigo-700 hover:text-indigo-900',
              focusRing,
            )}
          >
            {t('syncHistory.seeAll')}
            <ArrowRight aria-hidden="true" className="size-4" />
          </Link>
        ) : null}
      </div>
      {syncs.isError ? (
        <ErrorNotice error={syncs.error} onRetry={() => void syncs.refetch()} />
      ) : !syncs.data ? null : syncs.data.syncs.length === 0 ? (
        <EmptyState
          icon={<History className="size-7" />}
          title={t('import.history.emptyTitle')}
          description={t('import.history.emptyText')}
        />
      ) : (
        <ul className="divide-y divide-zinc-100 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-zinc-200">
          {syncs.data.syncs.map((sync) => {
            const { customers, entries, outstanding, currency } = syncFigures(sync);
            return (
              <li
                key={sync.id}
                className="grid gap-x-4 gap-y-1 px-4 py-3 text-sm md:grid-cols-[9rem_minmax(0,1fr)_auto_9rem]"
              >
                <div className="flex items-center justify-between gap-2 md:block">
                  <p className="text-zinc-900 tabular-nums">{format.dateTime(sync.startedAt)}</p>
                  <div className="md:mt-1">
                    <StatusBadge status={sync.status} />
                  </div>
                </div>
                <div className="min-w-0">
                  <p className="truncate font-medium text-zinc-900" title={sync.fileName}>
                    {sync.fileName}
                  </p>
                  <p className="truncate text-xs text-zinc-500">
                    {t(`import.sources.${sync.source}.label`)}
                    {!companyId && companyCode(sync.companyId) ? ` · ${companyCode(sync.companyId)}` : null}
                    {' · '}
                    {startedBy(sync)}
                    {sync.durationMs !== null ? ` · ${format.duration(sync.durationMs)}` : null}
                  </p>
                </div>
                <p className="text-xs text-zinc-600 md:self-center md:text-right">
                  {sync.status === 'failed' ? (
                    <Link
                      to={`/syncs?sync=${encodeURIComponent(sync.id)}${companyId ? `&companyId=${encodeURIComponent(companyId)}` : ''}`}
                      className={cx('rounded text-red-700 underline-offset-2 hover:underline', focusRing)}
                    >
                      {t('import.history.errors', {
                        count: sync.errorCount,
                        formatted: format.integer(sync.errorCount),
                      })}
                    </Link>
                  ) : (
                    [
                      customers !== null
                        ? t('import.history.customers', {
                            count: customers,
                            formatted: format.integer(customers),
                          })
                        : null,
                      entries !== null
                        ? t('import.history.entries', {
                            count: entries,
                            formatted: format.integer(entries),
                          })
                        : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')
                  )}
                </p>
                <p className="md:self-center md:text-right">
                  {outstanding !== null && currency ? (
                    <Amount cents={outstanding} currency={currency} className="font-medium" />
                  ) : null}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
