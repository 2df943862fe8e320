import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DueDateListQuery, DueDateRow } from '../../../contracts/due-dates';
import { useFormat } from '../../lib/format';
import { SortHeader as SortableHeader } from '../../ui/sort-header';
import { CustomerCell, DaysLate, OpenAmount, StatusBadge } from './due-date-cells';
import { type DueDateSort, defaultDirection, updateDueDateQuery } from './due-date-filters';

/** A sortable column of this list. */
function SortHeader(props: {
  sort: DueDateSort;
  query: DueDateListQuery;
  align?: 'left' | 'right';
  children: ReactNode;
  className?: string;
}) {
  return (
    <SortableHeader
      {...props}
      firstDirection={defaultDirection(props.sort)}
      onSort={(sort, direction) => updateDueDateQuery({ sort, direction })}
    />
  );
}

/** Open items as a table, from 1024 px wide (VIS-5); document date and amount from 1280 px. */
export function DueDatesTable({
  rows,
  query,
  asOf,
  showCompany,
}: {
  rows: DueDateRow[];
  query: DueDateListQuery;
  asOf: string;
  showCompany: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-zinc-200">
      <table className="w-full table-fixed text-sm" data-testid="due-dates-table">
        <caption className="sr-only">{t('dueDates.tableCaption')}</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-500">
          <tr>
            <SortHeader sort="customer" query={query} align="left" className="pl-4">
              {t('dueDates.columns.customer')}
            </SortHeader>
            <th scope="col" className="w-[22%] px-3 py-2.5 text-left font-medium">
              {t('dueDates.columns.piece')}
            </th>
            <th scope="col" className="hidden w-28 px-3 py-2.5 text-right font-medium xl:table-cell">
              {t('dueDates.columns.documentDate')}
            </th>
            <SortHeader sort="dueDate" query={query} className="w-28">
              {t('dueDates.columns.dueDate')}
            </SortHeader>
            <SortHeader sort="amount" query={query} className="w-36">
              {t('dueDates.columns.openAmount')}
            </SortHeader>
            <SortHeader sort="daysLate" query={query} className="w-28">
              {t('dueDates.columns.daysLate')}
            </SortHeader>
            <th scope="col" className="w-24 px-3 py-2.5 pr-4 text-right font-medium">
              {t('dueDates.columns.status')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 text-zinc-900">
          {rows.map((row) => (
            <tr key={`${row.companyId}/${row.entryKey}`} className="align-top hover:bg-zinc-50">
              <td className="py-2.5 pr-3 pl-4">
                <CustomerCell row={row} showCompany={showCompany} />
              </td>
              <td className="px-3 py-2.5">
                <div className="truncate font-mono text-xs text-zinc-700" title={row.pieceRef}>
                  {row.pieceRef || '—'}
                </div>
                <div className="truncate text-xs text-zinc-500" title={row.label}>
                  {row.label}
                </div>
              </td>
              <td className="hidden px-3 py-2.5 text-right text-zinc-600 tabular-nums xl:table-cell">
                {format.date(row.documentDate)}
              </td>
              <td className="px-3 py-2.5 text-right tabular-nums">{format.date(row.dueDate)}</td>
              <td className="px-3 py-2.5">
                <OpenAmount row={row} />
              </td>
              <td className="px-3 py-2.5 text-right">
                <DaysLate row={row} asOf={asOf} short />
              </td>
              <td className="px-3 py-2.5 pr-4 text-right">
                <StatusBadge row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
