import { MailX } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { CustomerRowDto } from '../../../contracts/customers';
import { Link } from '../../router/router';
import { Amount } from '../../ui/amount';
import { AgingBar } from './aging-bar';

/** "Who owes what" as cards, below 1024 px wide: name, balance, overdue. */
export function CustomerCards({ rows, showCompany }: { rows: CustomerRowDto[]; showCompany: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className="grid gap-2 md:grid-cols-2">
      {rows.map((row) => (
        <li
          key={row.id}
          className="relative min-w-0 rounded-lg bg-white p-3.5 shadow-sm ring-1 ring-zinc-200"
        >
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0">
              <p className="truncate font-medium text-zinc-900">
                {/* The whole card opens the record: the link stretches over it. */}
                <Link
                  to={`/customers/${row.id}`}
                  className="rounded after:absolute after:inset-0 after:rounded-lg hover:text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  {row.name}
                </Link>
              </p>
              <p className="truncate text-xs text-zinc-500">
                <span className="font-mono">{row.account}</span>
                {showCompany ? <span> · {row.companyCode}</span> : null}
                {' · '}
                {t('customers.openItemCount', { count: row.openItemCount })}
              </p>
            </div>
            {row.email ? null : (
              <span title={t('customers.noEmail')} className="mt-0.5 inline-flex shrink-0 text-amber-600">
                <MailX aria-hidden="true" className="size-4" />
                <span className="sr-only">{t('customers.noEmail')}</span>
              </span>
            )}
          </div>
          <dl className="mt-3 grid grid-cols-2 gap-3 text-sm text-zinc-900">
            <div className="min-w-0">
              <dt className="text-xs text-zinc-500">{t('customers.columns.balance')}</dt>
              <dd className="truncate">
                <Amount cents={row.balance} currency={row.currency} className="font-semibold" muteZero />
              </dd>
            </div>
            <div className="min-w-0 text-right">
              <dt className="text-xs text-zinc-500">{t('customers.columns.overdue')}</dt>
              <dd className="truncate">
                <Amount cents={row.overdue} currency={row.currency} tone="overdue" muteZero />
              </dd>
            </div>
          </dl>
          <AgingBar buckets={row.buckets} currency={row.currency} className="mt-3" />
        </li>
      ))}
    </ul>
  );
}
