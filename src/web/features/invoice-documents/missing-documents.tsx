import { CircleCheck, Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Company } from '../../../contracts/companies';
import type { MissingDocumentRow } from '../../../contracts/invoice-documents';
import { apiUrl } from '../../api/client';
import { useFormat } from '../../lib/format';
import { Link } from '../../router/router';
import { Amount } from '../../ui/amount';
import { Button, buttonClasses } from '../../ui/button';
import { EmptyState, ErrorNotice, PageLoading, Spinner } from '../../ui/feedback';
import { Pagination } from '../../ui/pagination';
import { useMissingDocuments } from './use-invoice-documents';

export const PAGE_SIZES = [25, 50, 100, 200] as const;

const rowKey = (row: MissingDocumentRow, index: number) => `${row.customerId}/${row.pieceRef}/${index}`;

function CustomerCell({ row }: { row: MissingDocumentRow }) {
  return (
    <div className="min-w-0">
      <Link
        to={`/customers/${encodeURIComponent(row.customerId)}?status=open`}
        className="block truncate font-medium text-zinc-900 hover:text-indigo-700 hover:underline"
        title={row.customerName}
      >
        {row.customerName}
      </Link>
      <span className="block truncate font-mono text-xs text-zinc-500">{row.customerAccount}</span>
    </div>
  );
}

function MissingTable({ rows, currency }: { rows: MissingDocumentRow[]; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-zinc-200">
      <table className="w-full table-fixed text-sm" data-testid="missing-documents-table">
        <caption className="sr-only">{t('invoiceDocuments.missing.caption')}</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-500">
          <tr>
            <th scope="col" className="py-2.5 pr-3 pl-4 text-left font-medium">
              {t('invoiceDocuments.missing.columns.customer')}
            </th>
            <th scope="col" className="w-[22%] px-3 py-2.5 text-left font-medium">
              {t('invoiceDocuments.missing.columns.piece')}
            </th>
            <th scope="col" className="w-28 px-3 py-2.5 text-right font-medium">
              {t('invoiceDocuments.missing.columns.documentDate')}
            </th>
            <th scope="col" className="w-28 px-3 py-2.5 text-right font-medium">
              {t('invoiceDocuments.missing.columns.dueDate')}
            </th>
            <th scope="col" className="w-40 px-3 py-2.5 pr-4 text-right font-medium">
              {t('invoiceDocuments.missing.columns.openAmount')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 text-zinc-900">
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)} data-piece={row.pieceRef} className="align-top hover:bg-zinc-50">
              <td className="py-2.5 pr-3 pl-4">
                <CustomerCell row={row} />
              </td>
              <td className="truncate px-3 py-2.5 font-mono text-xs text-zinc-700" title={row.pieceRef}>
                {row.pieceRef}
              </td>
              <td className="px-3 py-2.5 text-right text-zinc-600 tabular-nums">
                {format.date(row.documentDate)}
              </td>
              <td className="px-3 py-2.5 text-right tabular-nums">{format.date(row.dueDate)}</td>
              <td className="px-3 py-2.5 pr-4 text-right">
                <Amount cents={row.openAmount} currency={currency} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MissingCards({ rows, currency }: { rows: MissingDocumentRow[]; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="grid gap-2 md:grid-cols-2" data-testid="missing-documents-cards">
      {rows.map((row, index) => (
        <li
          key={rowKey(row, index)}
          data-piece={row.pieceRef}
          className="min-w-0 rounded-lg bg-white px-4 py-3 shadow-sm ring-1 ring-zinc-200"
        >
          <div className="flex items-start justify-between gap-3">
            <CustomerCell row={row} />
            <Amount cents={row.openAmount} currency={currency} className="mt-0.5 shrink-0 font-medium" />
          </div>
          <dl className="mt-2 grid grid-cols-3 gap-2 text-sm">
            <div className="min-w-0">
              <dt className="text-xs text-zinc-500">{t('invoiceDocuments.missing.columns.piece')}</dt>
              <dd className="truncate font-mono text-xs leading-5 text-zinc-700">{row.pieceRef}</dd>
            </div>
            <div className="min-w-0">
              <dt className="text-xs text-zinc-500">{t('invoiceDocuments.missing.columns.documentDate')}</dt>
              <dd className="tabular-nums">{format.date(row.documentDate)}</dd>
            </div>
            <div className="min-w-0 text-right">
              <dt className="text-xs text-zinc-500">{t('invoiceDocuments.missing.columns.dueDate')}</dt>
              <dd className="tabular-nums">{format.date(row.dueDate)}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}

function ExportLinks({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const path = `/api/companies/${encodeURIComponent(companyId)}/invoice-documents/missing/export`;
  return (
    <div className="flex items-center gap-2">
      {(['csv', 'xlsx'] as const).map((format) => (
        <a
          key={format}
          href={apiUrl(path, { format })}
          download
          data-testid={`missing-documents-export-${format}`}
          className={buttonClasses({ variant: 'secondary', size: 'sm' })}
        >
          <Download aria-hidden="true" className="size-4" />
          <span className="sr-only">{t('invoiceDocuments.missing.exportLabel')} </span>
          {t(format === 'csv' ? 'invoiceDocuments.missing.exportCsv' : 'invoiceDocuments.missing.exportXlsx')}
        </a>
      ))}
    </div>
  );
}

/** The company's open items without a PDF (issue 5 point 4), a page at a time, with its export. */
export function MissingDocuments({
  company,
  page,
  pageSize,
  onPage,
}: {
  company: Company;
  page: number;
  pageSize: number;
  onPage: (changes: { page?: number; pageSize?: number }) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const missing = useMissingDocuments(company.id, { page, pageSize });
  const data = missing.data;

  return (
    <section aria-labelledby="missing-documents-title" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h2 id="missing-documents-title" className="text-base font-semibold text-zinc-900">
            {t('invoiceDocuments.missing.title')}
          </h2>
          {data ? (
            <p className="mt-0.5 text-sm text-zinc-600" aria-live="polite">
              <span data-testid="missing-documents-count" data-count={data.total}>
                {t('invoiceDocuments.missing.count', {
                  count: data.total,
                  formatted: format.integer(data.total),
                })}
              </span>
              {missing.isFetching ? <Spinner className="ml-2 align-middle text-zinc-400" /> : null}
            </p>
          ) : null}
        </div>
        {data && data.total > 0 ? <ExportLinks companyId={company.id} /> : null}
      </div>

      {missing.isError && !data ? (
        <ErrorNotice error={missing.error} onRetry={() => void missing.refetch()} />
      ) : !data ? (
        <PageLoading />
      ) : data.total === 0 ? (
        <EmptyState
          icon={<CircleCheck className="size-8" />}
          title={t('invoiceDocuments.missing.emptyTitle')}
          description={t('invoiceDocuments.missing.emptyText')}
        />
      ) : data.items.length === 0 ? (
        <EmptyState
          title={t('invoiceDocuments.missing.pastLastPageTitle')}
          action={
            <Button variant="secondary" onClick={() => onPage({ page: 1 })}>
              {t('invoiceDocuments.missing.firstPage')}
            </Button>
          }
        />
      ) : (
        <div className={missing.isPlaceholderData ? 'opacity-60 transition-opacity' : undefined}>
          <div className="hidden lg:block">
            <MissingTable rows={data.items} currency={company.currency} />
          </div>
          <div className="lg:hidden">
            <MissingCards rows={data.items} currency={company.currency} />
          </div>
        </div>
      )}

      {missing.isError && data ? (
        <ErrorNotice error={missing.error} onRetry={() => void missing.refetch()} />
      ) : null}

      {data && data.total > 0 ? (
        <Pagination
          page={page}
          pageSize={pageSize}
          total={data.total}
          pageSizes={PAGE_SIZES}
          onPage={(next) => onPage({ page: next })}
          onPageSize={(next) => onPage({ page: 1, pageSize: next })}
        />
      ) : null}
    </section>
  );
}
