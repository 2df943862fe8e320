import { ArrowRight } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../contracts/dashboard';
import { Link } from '../../router/router';
import { Amount } from '../../ui/amount';

/** The ten customers with the largest overdue amounts (VIS-3), each a link to its record. */
export function TopDebtors({ rows, showCompany }: { rows: Dashboard['topDebtors']; showCompany: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="min-w-0 rounded-lg bg-white shadow-sm ring-1 ring-zinc-200" data-testid="top-debtors">
      <div className="flex items-center justify-between border-b border-zinc-100 px-4 py-3">
        <h2 className="text-sm font-semibold text-zinc-900">{t('dashboard.topDebtors')}</h2>
        <Link
          to="/customers?filter=overdue"
          className="inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:text-indigo-500"
        >
          {t('dashboard.seeAll')}
          <ArrowRight aria-hidden="true" className="size-4" />
        </Link>
      </div>
      {rows.length > 0 ? (
        <ol className="divide-y divide-zinc-100">
          {rows.map((row) => (
            <li key={row.id} className="flex items-center justify-between gap-4 px-4 py-2.5 text-sm">
              <div className="min-w-0">
                <Link
                  to={`/customers/${row.id}`}
                  className="block truncate font-medium text-zinc-900 hover:text-indigo-700"
                >
                  {row.name}
                </Link>
                <p className="truncate text-xs text-zinc-500">
                  <span className="font-mono">{row.account}</span>
                  {showCompany ? ` · ${row.companyCode}` : ''}
                  {row.maxDaysLate !== null
                    ? ` · ${t('dashboard.daysLate', { count: row.maxDaysLate })}`
                    : ''}
                </p>
              </div>
              <div className="shrink-0 text-right">
                <Amount cents={row.overdue} currency={row.currency} tone="overdue" />
                <p className="text-xs text-zinc-500">
                  <Amount cents={row.balance} currency={row.currency} tone="muted" />
                </p>
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <p className="px-4 py-6 text-sm text-zinc-500">{t('dashboard.nothingOverdue')}</p>
      )}
    </section>
  );
}
