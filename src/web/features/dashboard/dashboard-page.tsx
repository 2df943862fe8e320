import {
  ArrowRight,
  BellRing,
  ChartColumn,
  ChartLine,
  Gauge,
  Handshake,
  ListTodo,
  TriangleAlert,
  Trophy,
  Upload,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../router/router';
import { PageHeader, useDocumentTitle } from '../../shell/app-shell';
import { Amount } from '../../ui/amount';
import { buttonClasses } from '../../ui/button';
import { EmptyState, ErrorNotice, PageLoading } from '../../ui/feedback';
import { DEFAULT_CUSTOMER_QUERY } from '../customers/customer-filters';
import { CustomerTotals } from '../customers/customer-totals';
import { useCustomers } from '../customers/use-customers';

const TOP_COUNT = 5;

/** What the full dashboard (VIS-3) will show, said up front. */
const COMING = [
  { key: 'aging', icon: ChartColumn },
  { key: 'dso', icon: Gauge },
  { key: 'evolution', icon: ChartLine },
  { key: 'topDebtors', icon: Trophy },
  { key: 'promises', icon: Handshake },
  { key: 'actions', icon: ListTodo },
  { key: 'reminders', icon: BellRing },
  { key: 'alerts', icon: TriangleAlert },
] as const;

/**
 * Home: the organization's totals and largest overdue accounts today, from the customers list;
 * the rest of the dashboard is announced until it is built.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.dashboard'));
  const top = useCustomers({
    ...DEFAULT_CUSTOMER_QUERY,
    sort: 'overdue',
    direction: 'desc',
    pageSize: TOP_COUNT,
    filter: 'overdue',
  });
  const all = useCustomers({ ...DEFAULT_CUSTOMER_QUERY, pageSize: 1 });

  return (
    <div className="mx-auto max-w-7xl">
      <PageHeader title={t('dashboard.title')} description={t('dashboard.subtitle')} />
      {all.isError ? (
        <ErrorNotice error={all.error} onRetry={() => void all.refetch()} />
      ) : !all.data ? (
        <PageLoading />
      ) : all.data.total === 0 ? (
        <EmptyState
          icon={<Upload className="size-8" />}
          title={t('customers.emptyTitle')}
          description={t('customers.emptyText')}
          action={
            <Link to="/import" className={buttonClasses()}>
              <Upload aria-hidden="true" className="size-4" />
              {t('customers.emptyAction')}
            </Link>
          }
        />
      ) : (
        <div className="space-y-6">
          <CustomerTotals totals={all.data.totals} />
          <section className="rounded-lg bg-white shadow-sm ring-1 ring-zinc-200">
            <div className="flex items-center justify-between border-b border-zinc-100 px-4 py-3">
              <h2 className="text-sm font-semibold text-zinc-900">{t('dashboard.topOverdue')}</h2>
              <Link
                to="/customers?filter=overdue"
                className="inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:text-indigo-500"
              >
                {t('dashboard.seeAll')}
                <ArrowRight aria-hidden="true" className="size-4" />
              </Link>
            </div>
            {top.data && top.data.items.length > 0 ? (
              <ol className="divide-y divide-zinc-100">
                {top.data.items.map((row) => (
                  <li key={row.id} className="flex items-center justify-between gap-4 px-4 py-2.5 text-sm">
                    <div className="min-w-0">
                      <p className="truncate font-medium text-zinc-900">{row.name}</p>
                      <p className="truncate font-mono text-xs text-zinc-500">{row.account}</p>
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
              <p className="px-4 py-6 text-sm text-zinc-500">
                {top.isPending ? t('common.loading') : t('dashboard.nothingOverdue')}
              </p>
            )}
          </section>
        </div>
      )}

      <section className="mt-8">
        <h2 className="text-sm font-semibold text-zinc-900">{t('dashboard.comingTitle')}</h2>
        <p className="mt-1 text-sm text-zinc-500">{t('dashboard.comingText')}</p>
        <ul className="mt-4 grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
          {COMING.map(({ key, icon: Icon }) => (
            <li key={key} className="rounded-lg border border-dashed border-zinc-300 bg-white/60 p-4">
              <Icon aria-hidden="true" className="size-5 text-zinc-400" />
              <p className="mt-2 text-sm font-medium text-zinc-800">{t(`dashboard.coming.${key}.title`)}</p>
              <p className="mt-0.5 text-xs text-zinc-500">{t(`dashboard.coming.${key}.text`)}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
