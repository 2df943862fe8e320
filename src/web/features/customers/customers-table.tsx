import { MailX } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerListQuery, CustomerRowDto } from '../../../contracts/customers';
import { useFormat } from '../../lib/format';
import { Link } from '../../router/router';
import { Amount } from '../../ui/amount';
import { focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { SortHeader as SortableHeader } from '../../ui/sort-header';
import { AgingBar } from './aging-bar';
import { type CustomerSort, defaultDirection, updateCustomerQuery } from './customer-filters';

/** A sortable column of this list. */
function SortHeader(props: {
  sort: CustomerSort;
  query: CustomerListQuery;
  align?: 'left' | 'right';
  children: ReactNode;
  className?: string;
}) {
  return (
    <SortableHeader
      {...props}
      firstDirection={defaultDirection(props.sort)}
      onSort={(sort, direction) => updateCustomerQuery({ sort, direction })}
    />
  );
}

/** "Who owes what" as a table, from 1024 px wide (VIS-4). */
export function CustomersTable({
  rows,
  query,
  showCompany,
}: {
  rows: CustomerRowDto[];
  query: CustomerListQuery;
  showCompany: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-zinc-200">
      <table className="w-full table-fixed text-sm">
        <caption className="sr-only">{t('customers.tableCaption')}</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-500">
          <tr>
            <SortHeader sort="name" query={query} align="left" className="pl-4">
              {t('customers.columns.customer')}
            </SortHeader>
            <SortHeader sort="balance" query={query} className="w-36">
              {t('customers.columns.balance')}
            </SortHeader>
            <SortHeader sort="overdue" query={query} className="w-36">
              {t('customers.columns.overdue')}
            </SortHeader>
            <SortHeader sort="notDue" query={query} className="w-36">
              {t('customers.columns.notDue')}
            </SortHeader>
            <SortHeader sort="daysLate" query={query} className="w-24">
              {t('customers.columns.daysLate')}
            </SortHeader>
            <th scope="col" className="hidden w-44 px-3 py-2.5 text-left font-medium xl:table-cell">
              {t('customers.columns.aging')}
            </th>
            <th scope="col" className="w-20 px-3 py-2.5 text-right font-medium">
              <abbr title={t('customers.columns.openItemsLong')} className="no-underline">
                {t('customers.columns.openItems')}
              </abbr>
            </th>
            <th scope="col" className="w-20 px-3 py-2.5 pr-4 text-center font-medium">
              {t('customers.columns.email')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 text-zinc-900">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-zinc-50">
              <td className="py-2.5 pr-3 pl-4">
                <Link
                  to={`/customers/${row.id}`}
                  className={cx(
                    'block truncate rounded font-medium text-zinc-900 hover:text-indigo-700 hover:underline',
                    focusRing,
                  )}
                  title={row.name}
                >
                  {row.name}
                </Link>
                <div className="truncate text-xs text-zinc-500">
                  <span className="font-mono">{row.account}</span>
                  {showCompany ? <span> · {row.companyCode}</span> : null}
                  {row.salesRep ? <span> · {row.salesRep}</span> : null}
                </div>
              </td>
              <td className="px-3 py-2.5 text-right">
                <Amount cents={row.balance} currency={row.currency} className="font-medium" muteZero />
              </td>
              <td className="px-3 py-2.5 text-right">
                <Amount cents={row.overdue} currency={row.currency} tone="overdue" muteZero />
              </td>
              <td className="px-3 py-2.5 text-right">
                <Amount cents={row.notDue} currency={row.currency} muteZero />
              </td>
              <td className="px-3 py-2.5 text-right tabular-nums text-zinc-600">
                {row.maxDaysLate === null ? (
                  <span className="text-zinc-400">—</span>
                ) : (
                  <span title={t('customers.daysLateHint')}>{format.integer(row.maxDaysLate)}</span>
                )}
              </td>
              <td className="hidden px-3 py-2.5 xl:table-cell">
                <AgingBar buckets={row.buckets} currency={row.currency} />
              </td>
              <td className="px-3 py-2.5 text-right text-zinc-600">{format.integer(row.openItemCount)}</td>
              <td className="px-3 py-2.5 pr-4 text-center">
                {row.email ? (
                  <span className="sr-only">{t('customers.hasEmail')}</span>
                ) : (
                  <span title={t('customers.noEmail')} className="inline-flex text-amber-600">
                    <MailX aria-hidden="true" className="size-4" />
                    <span className="sr-only">{t('customers.noEmail')}</span>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
