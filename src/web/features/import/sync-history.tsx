import { History } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Company } from '../../../contracts/companies';
import { useFormat } from '../../lib/format';
import { Amount } from '../../ui/amount';
import { EmptyState, ErrorNotice, Spinner } from '../../ui/feedback';
import { isLedgerSource, reportNumber, reportString } from './import-sources';
import { StatusBadge } from './status-badge';
import { useSyncs } from './use-imports';

/** IMP-9: every sync, newest first, with its counts and outcome. */
export function SyncHistory({
  companyId,
  companies,
}: {
  companyId: string | undefined;
  companies: readonly Company[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const syncs = useSyncs(companyId);
  const companyCode = (id: string) => companies.find((company) => company.id === id)?.code ?? '';

  return (
    <section aria-labelledby="sync-history-title" className="space-y-3">
      <div className="flex items-center gap-2">
        <h2 id="sync-history-title" className="text-base font-semibold text-zinc-900">
          {t('import.history.title')}
        </h2>
        {syncs.isFetching ? <Spinner /> : null}
      </div>
      {syncs.isError ? (
        <ErrorNotice error={syncs.error} onRetry={() => void syncs.refetch()} />
      ) : !syncs.data ? null : syncs.data.length === 0 ? (
        <EmptyState
          icon={<History className="size-7" />}
          title={t('import.history.emptyTitle')}
          description={t('import.history.emptyText')}
        />
      ) : (
        <ul className="divide-y divide-zinc-100 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-zinc-200">
          {syncs.data.map((sync) => {
            const customers = reportNumber(sync.report, 'customers');
            const isLedger = isLedgerSource(sync.source);
            const entries = isLedger ? reportNumber(sync.report, 'entries') : null;
            const outstanding = isLedger ? reportNumber(sync.report, 'outstanding') : null;
            const currency = reportString(sync.report, 'currency');
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
                    {t(`import.history.trigger.${sync.trigger}`, { defaultValue: sync.trigger })}
                    {sync.durationMs !== null ? ` · ${format.duration(sync.durationMs)}` : null}
                  </p>
                </div>
                <p className="text-xs text-zinc-600 md:self-center md:text-right">
                  {sync.status === 'failed'
                    ? t('import.history.errors', {
                        count: sync.errorCount,
                        formatted: format.integer(sync.errorCount),
                      })
                    : [
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
                        .join(' · ')}
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
