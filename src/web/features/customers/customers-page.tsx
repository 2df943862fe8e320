import { SearchX, Upload, Users } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { Link, useSearchParams } from '../../router/router';
import { PageHeader, useDocumentTitle } from '../../shell/app-shell';
import { Button, buttonClasses } from '../../ui/button';
import { ExportButtons } from '../../ui/export-buttons';
import { EmptyState, ErrorNotice, PageLoading, Spinner } from '../../ui/feedback';
import { Pagination } from '../../ui/pagination';
import { useCompanies } from '../companies/use-companies';
import { AgingBoundsContext, AgingLegend } from './aging-bar';
import { CustomerCards } from './customer-cards';
import { isNarrowed, PAGE_SIZES, readCustomerQuery, updateCustomerQuery } from './customer-filters';
import { CustomerTotals } from './customer-totals';
import { CustomersTable } from './customers-table';
import { CustomersToolbar } from './customers-toolbar';
import { useCustomers } from './use-customers';

/** `asOf` is a calendar date or an instant; show either for the user's locale. */
function useAsOf(asOf: string | undefined): string | null {
  const format = useFormat();
  if (!asOf) return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? format.date(asOf) : format.dateTime(asOf);
}

/** "Who owes what" (VIS-4): totals, filters in the URL, a table on desktop and cards on a phone. */
export default function CustomersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.customers'));
  const format = useFormat();
  const params = useSearchParams();
  const query = readCustomerQuery(params);
  const companies = useCompanies();
  const customers = useCustomers(query);
  const asOf = useAsOf(customers.data?.asOf);

  const importLink = query.companyId ? `/import?companyId=${encodeURIComponent(query.companyId)}` : '/import';
  const showCompany = !query.companyId && (companies.data?.length ?? 0) > 1;
  const data = customers.data;

  return (
    <div className="mx-auto max-w-7xl">
      <PageHeader
        title={t('customers.title')}
        description={asOf ? t('customers.asOf', { date: asOf }) : t('customers.subtitle')}
        actions={
          <>
            <ExportButtons path="/api/customers/export" query={query} testId="customers-export" />
            <Link to={importLink} className={buttonClasses({ variant: 'secondary' })}>
              <Upload aria-hidden="true" className="size-4" />
              <span className="sr-only sm:not-sr-only">{t('customers.importAction')}</span>
            </Link>
          </>
        }
      />

      {customers.isError && !data ? (
        <ErrorNotice error={customers.error} onRetry={() => void customers.refetch()} />
      ) : !data ? (
        <PageLoading />
      ) : (
        <AgingBoundsContext value={data.agingBounds}>
          <div className="space-y-5">
            <CustomerTotals totals={data.totals} />
            <CustomersToolbar query={query} companies={companies.data ?? []} />
            {customers.isError ? (
              <ErrorNotice error={customers.error} onRetry={() => void customers.refetch()} />
            ) : null}

            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="text-sm font-medium text-zinc-700" aria-live="polite">
                <span data-testid="customers-count" data-count={data.total}>
                  {t('customers.count', { count: data.total, formatted: format.integer(data.total) })}
                </span>
                {customers.isFetching ? <Spinner className="ml-2 align-middle text-zinc-400" /> : null}
              </p>
              {data.items.length > 0 ? (
                <div className="hidden xl:block">
                  <AgingLegend />
                </div>
              ) : null}
            </div>

            {data.total === 0 ? (
              isNarrowed(query) ? (
                <EmptyState
                  icon={<SearchX className="size-8" />}
                  title={t('customers.noMatchTitle')}
                  description={t('customers.noMatchText')}
                  action={
                    <Button
                      variant="secondary"
                      onClick={() => updateCustomerQuery({ search: '', filter: 'all' })}
                    >
                      {t('customers.clearFilters')}
                    </Button>
                  }
                />
              ) : (
                <EmptyState
                  icon={<Users className="size-8" />}
                  title={t('customers.emptyTitle')}
                  description={t('customers.emptyText')}
                  action={
                    <Link to={importLink} className={buttonClasses()}>
                      <Upload aria-hidden="true" className="size-4" />
                      {t('customers.emptyAction')}
                    </Link>
                  }
                />
              )
            ) : data.items.length === 0 ? (
              <EmptyState
                title={t('customers.pastLastPageTitle')}
                action={
                  <Button variant="secondary" onClick={() => updateCustomerQuery({ page: 1 })}>
                    {t('customers.firstPage')}
                  </Button>
                }
              />
            ) : (
              <div className={customers.isPlaceholderData ? 'opacity-60 transition-opacity' : undefined}>
                <div className="hidden lg:block">
                  <CustomersTable rows={data.items} query={query} showCompany={showCompany} />
                </div>
                <div className="lg:hidden">
                  <CustomerCards rows={data.items} showCompany={showCompany} />
                </div>
              </div>
            )}

            {data.total > 0 ? (
              <Pagination
                page={query.page}
                pageSize={query.pageSize}
                total={data.total}
                pageSizes={PAGE_SIZES}
                onPage={(page) => updateCustomerQuery({ page })}
                onPageSize={(pageSize) => updateCustomerQuery({ pageSize })}
              />
            ) : null}
          </div>
        </AgingBoundsContext>
      )}
    </div>
  );
}
