import { useTranslation } from 'react-i18next';
import type { DueDateRow } from '../../../contracts/due-dates';
import { useFormat } from '../../lib/format';
import { CustomerCell, DaysLate, OpenAmount, StatusBadge, ToneBar } from './due-date-cells';

/** Open items as cards, below 1024 px wide: customer, piece, due date, days late, open amount. */
export function DueDateCards({
  rows,
  asOf,
  showCompany,
}: {
  rows: DueDateRow[];
  asOf: string;
  showCompany: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="grid gap-2 md:grid-cols-2" data-testid="due-dates-cards">
      {rows.map((row) => (
        <li
          key={`${row.companyId}/${row.entryKey}`}
          className="relative min-w-0 rounded-lg bg-white py-3 pr-3.5 pl-4 shadow-sm ring-1 ring-zinc-200"
        >
          <ToneBar row={row} />
          <div className="flex items-start justify-between gap-3">
            <CustomerCell row={row} showCompany={showCompany} />
            <StatusBadge row={row} className="mt-0.5 shrink-0" />
          </div>
          <p className="mt-1.5 truncate text-xs text-zinc-600">
            <span className="font-mono text-zinc-700">{row.pieceRef || '—'}</span>
            {row.label ? <span> · {row.label}</span> : null}
          </p>
          <dl className="mt-2.5 grid grid-cols-2 gap-3 text-sm">
            <div className="min-w-0">
              <dt className="text-xs text-zinc-500">{t('dueDates.columns.dueDate')}</dt>
              <dd className="tabular-nums">{format.date(row.dueDate)}</dd>
              <dd className="text-xs">
                <DaysLate row={row} asOf={asOf} />
              </dd>
            </div>
            <div className="min-w-0 text-right">
              <dt className="text-xs text-zinc-500">{t('dueDates.columns.openAmount')}</dt>
              <dd>
                <OpenAmount row={row} />
              </dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
