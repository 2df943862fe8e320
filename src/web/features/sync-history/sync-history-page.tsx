import { History, SearchX, Upload } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth';
import { useFormat } from '../../lib/format';
import { Link, useSearchParams } from '../../router/router';
import { PageHeader, useDocumentTitle } from '../../shell/app-shell';
import { Button, buttonClasses } from '../../ui/button';
import { ExportButtons } from '../../ui/export-buttons';
import { EmptyState, ErrorNotice, PageLoading, Spinner } from '../../ui/feedback';
import { Pagination } from '../../ui/pagination';
import { useCompanies } from '../companies/use-companies';
import { SyncCards } from './sync-cards';
import { isNarrowed, PAGE_SIZES, readSyncQuery, toListQuery, updateSyncQuery } from './sync-filters';
import { SyncTable } from './sync-table';
import { SyncToolbar } from './sync-toolbar';
import { useSyncList } from './use-sync-history';

/**
 * Sync history (IMP-9): every import of the organization with when, by whom, source, outcome,
 * duration and figures; the report or the refused lines unfold per sync. Filters, page and the
 * open sync live in the URL.
 */
export default function SyncHistoryPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('syncHistory.title'));
  const format = useFormat();
  const me = useCurrentUser();
  const canImport = me.user.role !== 'viewer';
  const query = readSyncQuery(useSearchParams());
  const companies = useCompanies();
  const syncs = useSyncList(toListQuery(query));
  const data = syncs.data;

  const importLink = query.companyId ? `/import?companyId=${encodeURIComponent(query.companyId)}` : '/import';
  const companyList = companies.data ?? [];
  const showCompany = !query.companyId && companyList.length > 1;
  const toggle = (syncId: string) => updateSyncQuery({ sync: query.sync === syncId ? undefined : syncId });

  return (
    <div className="mx-auto max-w-7xl">
      <PageHeader
        title={t('syncHistory.title')}
        description={t('syncHistory.subtitle')}
        actions={
          <>
            <ExportButtons path="/api/syncs/export" query={toListQuery(query)} testId="syncs-export" />
            {canImport ? (
              <Link to={importLink} className={buttonClasses({ variant: 'secondary' })}>
                <Upload aria-hidden="true" className="size-4" />
                <span className="sr-only sm:not-sr-only">{t('syncHistory.importAction')}</span>
              </Link>
            ) : null}
          </>
        }
      />

      {syncs.isError && !data ? (
        <ErrorNotice error={syncs.error} onRetry={() => void syncs.refetch()} />
      ) : !data ? (
        <PageLoading />
      ) : (
        <div className="space-y-5">
          <SyncToolbar query={query} companies={companyList} />
          {syncs.isError ? <ErrorNotice error={syncs.error} onRetry={() => void syncs.refetch()} /> : null}

          <p className="text-sm font-medium text-zinc-700" aria-live="polite">
            <span data-testid="syncs-count" data-count={data.total}>
              {t('syncHistory.count', { count: data.total, formatted: format.integer(data.total) })}
            </span>
            {syncs.isFetching ? <Spinner className="ml-2 align-middle text-zinc-400" /> : null}
          </p>

          {data.total === 0 ? (
            isNarrowed(query) ? (
              <EmptyState
                icon={<SearchX className="size-8" />}
                title={t('syncHistory.noMatchTitle')}
                description={t('syncHistory.noMatchText')}
                action={
                  <Button
                    variant="secondary"
                    onClick={() =>
                      updateSyncQuery({ companyId: undefined, status: undefined, source: undefined })
                    }
                  >
                    {t('syncHistory.filters.clear')}
                  </Button>
                }
              />
            ) : (
              <EmptyState
                icon={<History className="size-8" />}
                title={t('syncHistory.emptyTitle')}
                description={canImport ? t('syncHistory.emptyText') : t('syncHistory.emptyTextViewer')}
                action={
                  canImport ? (
                    <Link to={importLink} className={buttonClasses()}>
                      <Upload aria-hidden="true" className="size-4" />
                      {t('syncHistory.importAction')}
                    </Link>
                  ) : undefined
                }
              />
            )
          ) : data.syncs.length === 0 ? (
            <EmptyState
              title={t('syncHistory.pastLastPageTitle')}
              action={
                <Button variant="secondary" onClick={() => updateSyncQuery({ page: 1 })}>
                  {t('syncHistory.firstPage')}
                </Button>
              }
            />
          ) : (
            <div className={syncs.isPlaceholderData ? 'opacity-60 transition-opacity' : undefined}>
              <div className="hidden lg:block">
                <SyncTable
                  rows={data.syncs}
                  openId={query.sync}
                  onToggle={toggle}
                  showCompany={showCompany}
                />
              </div>
              <div className="lg:hidden">
                <SyncCards
                  rows={data.syncs}
                  openId={query.sync}
                  onToggle={toggle}
                  showCompany={showCompany}
                />
              </div>
            </div>
          )}

          {data.total > 0 ? (
            <Pagination
              page={query.page}
              pageSize={query.pageSize}
              total={data.total}
              pageSizes={PAGE_SIZES}
              onPage={(page) => updateSyncQuery({ page })}
              onPageSize={(pageSize) => updateSyncQuery({ pageSize, page: 1 })}
            />
          ) : null}
        </div>
      )}
    </div>
  );
}
