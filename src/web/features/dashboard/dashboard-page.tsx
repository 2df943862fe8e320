import { BellRing, Handshake, ListTodo, MessageSquareWarning, TriangleAlert, Upload } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../contracts/dashboard';
import { useFormat } from '../../lib/format';
import { Link, setSearchParams, useSearchParams } from '../../router/router';
import { PageHeader, useDocumentTitle } from '../../shell/app-shell';
import { Amount } from '../../ui/amount';
import { buttonClasses } from '../../ui/button';
import { EmptyState, ErrorNotice, PageLoading, Spinner } from '../../ui/feedback';
import { CompanySelect } from '../companies/company-select';
import { useCompanies } from '../companies/use-companies';
import { AgingChart } from './aging-chart';
import { EvolutionChart } from './evolution-chart';
import { KpiTiles } from './kpi-tiles';
import { TopDebtors } from './top-debtors';
import { useDashboard } from './use-dashboard';

/** What the dashboard will add with dunning, said up front rather than shown empty. */
const COMING = [
  { key: 'promises', icon: Handshake },
  { key: 'disputes', icon: MessageSquareWarning },
  { key: 'actions', icon: ListTodo },
  { key: 'reminders', icon: BellRing },
] as const;

function Card({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="min-w-0 rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200" data-testid={testId}>
      <h2 className="mb-3 text-sm font-semibold text-zinc-900">{title}</h2>
      {children}
    </section>
  );
}

/** Home (VIS-3): the receivables of the organization, or of one company, for today. */
export default function DashboardPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.dashboard'));
  const format = useFormat();
  const params = useSearchParams();
  const companyId = params.get('companyId') ?? '';
  const companies = useCompanies();
  const dashboard = useDashboard(companyId ? { companyId } : {});
  const data = dashboard.data;
  const hasLedger = data
    ? data.currencies.some((c) => c.balance !== 0 || c.evolution.some((p) => p.balance !== 0))
    : false;

  return (
    <div className="mx-auto max-w-7xl">
      <PageHeader
        title={t('dashboard.title')}
        description={
          data
            ? data.isPortfolio
              ? t('dashboard.asOfPortfolio', { date: format.date(data.asOf) })
              : t('dashboard.asOf', { date: format.date(data.asOf) })
            : t('dashboard.subtitle')
        }
        actions={
          (companies.data?.length ?? 0) > 1 ? (
            <CompanySelect
              id="dashboard-company"
              testId="dashboard-company"
              companies={companies.data ?? []}
              value={companyId}
              allLabel={t('companies.all')}
              onChange={(id) => setSearchParams({ companyId: id })}
            />
          ) : null
        }
      />
      {dashboard.isError && !data ? (
        <ErrorNotice error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : !data ? (
        <PageLoading />
      ) : !hasLedger ? (
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
        <div className={dashboard.isPlaceholderData ? 'space-y-6 opacity-60' : 'space-y-6'}>
          {dashboard.isFetching ? <Spinner className="text-zinc-400" /> : null}
          {data.currencies.map((block) => (
            <CurrencySection
              key={block.currency}
              block={block}
              data={data}
              multi={data.currencies.length > 1}
            />
          ))}
          <div className="grid gap-6 lg:grid-cols-2">
            <TopDebtors rows={data.topDebtors} showCompany={data.companies.length > 1} />
            <div className="space-y-6">
              {data.companies.length > 1 ? <CompaniesCard companies={data.companies} /> : null}
              <Card title={t('dashboard.alertsTitle')}>
                <p className="text-sm text-zinc-600">{t('dashboard.alertsText')}</p>
                <Link
                  to="/alerts"
                  className="mt-3 inline-flex items-center gap-1.5 text-sm font-medium text-indigo-700 hover:text-indigo-500"
                >
                  <TriangleAlert aria-hidden="true" className="size-4" />
                  {t('dashboard.alertsAction')}
                </Link>
              </Card>
            </div>
          </div>
          <section>
            <h2 className="text-sm font-semibold text-zinc-900">{t('dashboard.comingTitle')}</h2>
            <ul className="mt-3 grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
              {COMING.map(({ key, icon: Icon }) => (
                <li key={key} className="rounded-lg border border-dashed border-zinc-300 bg-white/60 p-4">
                  <Icon aria-hidden="true" className="size-5 text-zinc-400" />
                  <p className="mt-2 text-sm font-medium text-zinc-800">
                    {t(`dashboard.coming.${key}.title`)}
                  </p>
                  <p className="mt-0.5 text-xs text-zinc-500">{t(`dashboard.coming.${key}.text`)}</p>
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
    </div>
  );
}

function CurrencySection({
  block,
  data,
  multi,
}: {
  block: Dashboard['currencies'][number];
  data: Dashboard;
  multi: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const collectedTotal = block.collected.reduce((sum, m) => sum + m.amount, 0);
  return (
    <div className="space-y-6" data-testid={`dashboard-${block.currency}`}>
      {multi ? <h2 className="text-base font-semibold text-zinc-900">{block.currency}</h2> : null}
      <KpiTiles block={block} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t('dashboard.agingTitle')} testId="dashboard-aging">
          <AgingChart buckets={block.buckets} bounds={data.agingBounds} currency={block.currency} />
        </Card>
        <Card title={t('dashboard.evolutionTitle')} testId="dashboard-evolution">
          {data.isPortfolio ? (
            <p className="text-sm text-zinc-500">{t('dashboard.evolutionPortfolio')}</p>
          ) : (
            <EvolutionChart points={block.evolution} currency={block.currency} />
          )}
        </Card>
      </div>
      <Card title={t('dashboard.collectedTitle')} testId="dashboard-collected">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {block.collected.map((month) => (
            <div key={month.month}>
              <dt className="text-xs text-zinc-500">{format.monthShort(month.month)}</dt>
              <dd className="text-sm font-medium">
                <Amount cents={month.amount} currency={block.currency} />
              </dd>
            </div>
          ))}
          <div>
            <dt className="text-xs font-medium text-zinc-500">{t('dashboard.collectedQuarter')}</dt>
            <dd className="text-sm font-semibold">
              <Amount cents={collectedTotal} currency={block.currency} />
            </dd>
          </div>
        </dl>
      </Card>
    </div>
  );
}

function CompaniesCard({ companies }: { companies: Dashboard['companies'] }) {
  const { t } = useTranslation();
  return (
    <Card title={t('dashboard.companiesTitle')} testId="dashboard-companies">
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-xs text-zinc-500">
            <th className="py-1 font-medium">{t('dashboard.company')}</th>
            <th className="py-1 text-right font-medium">{t('totals.overdue')}</th>
            <th className="hidden py-1 text-right font-medium sm:table-cell">{t('totals.notDue')}</th>
            <th className="py-1 text-right font-medium">{t('totals.outstanding')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {companies.map((c) => (
            <tr key={c.id}>
              <td className="py-1.5">
                <Link to={`/?companyId=${c.id}`} className="font-medium text-zinc-900 hover:text-indigo-700">
                  {c.code}
                </Link>
                <span className="ml-1 hidden text-zinc-500 sm:inline">{c.name}</span>
              </td>
              <td className="py-1.5 text-right">
                <Amount cents={c.overdue} currency={c.currency} tone="overdue" />
              </td>
              <td className="hidden py-1.5 text-right sm:table-cell">
                <Amount cents={c.notDue} currency={c.currency} />
              </td>
              <td className="py-1.5 text-right">
                <Amount cents={c.balance} currency={c.currency} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Link
        to="/consolidated"
        className="mt-3 inline-block text-sm font-medium text-indigo-700 hover:text-indigo-500"
      >
        {t('dashboard.consolidatedAction')}
      </Link>
    </Card>
  );
}
