import { Download, SearchX, Upload } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { Link, useSearchParams } from '../../router/router';
import { PageHeader, useDocumentTitle } from '../../shell/app-shell';
import { Button, buttonClasses } from '../../ui/button';
import { EmptyState, ErrorNotice, PageLoading, Spinner } from '../../ui/feedback';
import { Pagination } from '../../ui/pagination';
import { useCompanies } from '../companies/use-companies';
import { DueDateCards } from './due-date-cards';
import { ToneLegend } from './due-date-cells';
import {
  CLEARED_FILTERS,
  exportUrl,
  isNarrowed,
  PAGE_SIZES,
  readDueDateQuery,
  updateDueDateQuery,
} from './due-date-filters';
import { DueDateTotals } from './due-date-totals';
import { DueDatesTable } from './due-dates-table';
import { DueDatesToolbar } from './due-dates-toolbar';
import { useDueDates } from './use-due-dates';

/** The two downloads of the current filter and order (VIS-5 export). */
function ExportLinks({ href }: { href: (format: 'csv' | 'xlsx') => string }) {
  const { t } = useTranslation();
  return (
    <div className="flex items-center gap-2">
      {(['csv', 'xlsx'] as const).map((format) => (
        <a
          key={format}
          href={href(format)}
          download
          title={t(format === 'csv' ? 'dueDates.exportCsvLong' : 'dueDates.exportXlsxLong')}
          data-testid={`due-dates-export-${format}`}
          className={buttonClasses({ variant: 'secondary' })}
        >
          <Download aria-hidden="true" className="size-4" />
          <span className="sr-only">{t('dueDates.export')} </span>
          {t(format === 'csv' ? 'dueDates.exportCsv' : 'dueDates.exportXlsx')}
        </a>
      ))}
    </div>
  );
}

/** Due-date tracking (VIS-5): every open item, filters in the URL, a table on desktop, cards on a phone. */
export default function DueDatesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('dueDates.title'));
  const format = useFormat();
  const params = useSearchParams();
  const query = readDueDateQuery(params);
  const companies = useCompanies();
  const dueDates = useDueDates(query);
  const data = dueDates.data;

  const importLink = query.companyId ? `/import?companyId=${encodeURIComponent(query.companyId)}` : '/import';
  const showCompany = !query.companyId && (companies.data?.length ?? 0) > 1;

  return (
    <div className="mx-auto max-w-7xl">
      <PageHeader
        title={t('dueDates.title')}
        description={data ? t('dueDates.asOf', { date: format.date(data.asOf) }) : t('dueDates.subtitle')}
        actions={data && data.total > 0 ? <ExportLinks href={(f) => exportUrl(query, f)} /> : null}
      />

      {dueDates.isError && !data ? (
        <ErrorNotice error={dueDates.error} onRetry={() => void dueDates.refetch()} />
      ) : !data ? (
        <PageLoading />
      ) : (
        <div className="space-y-5">
          <DueDateTotals totals={data.totals} total={data.total} />
          <DueDatesToolbar query={query} companies={companies.data ?? []} agingBounds={data.agingBounds} />
          {dueDates.isError ? (
            <ErrorNotice error={dueDates.error} onRetry={() => void dueDates.refetch()} />
          ) : null}

          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm font-medium text-zinc-700" aria-live="polite">
              <span data-testid="due-dates-count" data-count={data.total}>
                {t('dueDates.count', { count: data.total, formatted: format.integer(data.total) })}
              </span>
              {dueDates.isFetching ? <Spinner className="ml-2 align-middle text-zinc-400" /> : null}
            </p>
            {data.items.length > 0 ? <ToneLegend /> : null}
          </div>

          {data.total === 0 ? (
            isNarrowed(query) ? (
              <EmptyState
                icon={<SearchX className="size-8" />}
                title={t('dueDates.noMatchTitle')}
                description={t('dueDates.noMatchText')}
                action={
                  <Button variant="secondary" onClick={() => updateDueDateQuery(CLEARED_FILTERS)}>
                    {t('dueDates.clearFilters')}
                  </Button>
                }
              />
            ) : (
              <EmptyState
                icon={<Upload className="size-8" />}
                title={t('dueDates.emptyTitle')}
                description={t('dueDates.emptyText')}
                action={
                  <Link to={importLink} className={buttonClasses()}>
                    <Upload aria-hidden="true" className="size-4" />
                    {t('dueDates.emptyAction')}
                  </Link>
                }
              />
            )
          ) : data.items.length === 0 ? (
            <EmptyState
              title={t('dueDates.pastLastPageTitle')}
              action={
                <Button variant="secondary" onClick={() => updateDueDateQuery({ page: 1 })}>
                  {t('dueDates.firstPage')}
                </Button>
              }
            />
          ) : (
            <div className={dueDates.isPlaceholderData ? 'opacity-60 transition-opacity' : undefined}>
              <div className="hidden lg:block">
                <DueDatesTable rows={data.items} query={query} asOf={data.asOf} showCompany={showCompany} />
              </div>
              <div className="lg:hidden">
                <DueDateCards rows={data.items} asOf={data.asOf} showCompany={showCompany} />
              </div>
            </div>
          )}

          {data.total > 0 ? (
            <Pagination
              page={query.page}
              pageSize={query.pageSize}
              total={data.total}
              pageSizes={PAGE_SIZES}
              onPage={(page) => updateDueDateQuery({ page })}
              onPageSize={(pageSize) => updateDueDateQuery({ pageSize })}
            />
          ) : null}
        </div>
      )}
    </div>
  );
}
