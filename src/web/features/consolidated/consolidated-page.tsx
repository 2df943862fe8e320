import { Building2, Upload, UsersRound } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Consolidated,
  type ConsolidatedQuery,
  consolidatedQuerySchema,
} from '../../../contracts/customer-record';
import { useFormat } from '../../lib/format';
import { parseUrlQuery, toUrlChanges } from '../../lib/url-query';
import { Link, setSearchParams, useSearchParams } from '../../router/router';
import { PageHeader, useDocumentTitle } from '../../shell/app-shell';
import { Amount } from '../../ui/amount';
import { Button, buttonClasses } from '../../ui/button';
import { EmptyState, ErrorNotice, PageLoading, Spinner } from '../../ui/feedback';
import { Pagination } from '../../ui/pagination';
import { useConsolidated } from './use-consolidated';

const DEFAULT_QUERY: ConsolidatedQuery = consolidatedQuerySchema.parse({});
const PAGE_SIZES = [25, 50, 100, 200] as const;

function updateQuery(changes: Partial<ConsolidatedQuery>): void {
  setSearchParams(toUrlChanges(changes, DEFAULT_QUERY));
}

function Section({
  title,
  description,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="min-w-0 rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200">
      <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
      {description ? <p className="mt-0.5 text-xs text-zinc-500">{description}</p> : null}
      <div className="mt-3">{children}</div>
    </section>
  );
}

function CompaniesTable({ data }: { data: Consolidated }) {
  const { t } = useTranslation();
  const format = useFormat();
  const th = 'px-3 py-2 font-medium';
  return (
    <>
      <div className="-mx-4 hidden overflow-x-auto md:block">
        <table className="w-full text-sm" data-testid="consolidated-companies">
          <thead className="border-y border-zinc-200 bg-zinc-50 text-xs text-zinc-500">
            <tr>
              <th scope="col" className={`${th} pl-4 text-left`}>
                {t('consolidated.company')}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t('consolidated.customersWithBalance')}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t('consolidated.overdue')}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t('consolidated.notDue')}
              </th>
              <th scope="col" className={`${th} pr-4 text-right`}>
                {t('consolidated.balance')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {data.companies.map((c) => (
              <tr key={c.id}>
                <td className="px-3 py-2 pl-4">
                  <Link
                    to={`/customers?companyId=${encodeURIComponent(c.id)}`}
                    className="font-medium text-zinc-900 hover:text-indigo-700"
                  >
                    {c.code}
                  </Link>
                  <span className="ml-2 text-zinc-500">{c.name}</span>
                </td>
                <td className="px-3 py-2 text-right tabular-nums text-zinc-600">
                  {format.integer(c.customersWithBalance)}
                </td>
                <td className="px-3 py-2 text-right">
                  <Amount cents={c.overdue} currency={c.currency} tone="overdue" muteZero />
                </td>
                <td className="px-3 py-2 text-right">
                  <Amount cents={c.notDue} currency={c.currency} muteZero />
                </td>
                <td className="px-3 py-2 pr-4 text-right">
                  <Amount cents={c.balance} currency={c.currency} className="font-medium" muteZero />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot
            className="border-t-2 border-zinc-300 bg-zinc-50 font-semibold"
            data-testid="consolidated-totals"
          >
            {data.totals.map((total) => (
              <tr key={total.currency}>
                <th scope="row" colSpan={2} className="px-3 py-2 pl-4 text-left">
                  {t('consolidated.total', { currency: total.currency })}
                </th>
                <td className="px-3 py-2 text-right">
                  <Amount cents={total.overdue} currency={total.currency} tone="overdue" />
                </td>
                <td className="px-3 py-2 text-right">
                  <Amount cents={total.notDue} currency={total.currency} />
                </td>
                <td className="px-3 py-2 pr-4 text-right">
                  <Amount cents={total.balance} currency={total.currency} />
                </td>
              </tr>
            ))}
          </tfoot>
        </table>
      </div>
      <ul className="space-y-2 md:hidden">
        {[
          ...data.companies.map((c) => ({ ...c, isTotal: false })),
          ...data.totals.map((total) => ({
            ...total,
            id: `total-${total.currency}`,
            code: t('consolidated.total', { currency: total.currency }),
            name: '',
            customersWithBalance: null,
            isTotal: true,
          })),
        ].map((c) => (
          <li
            key={c.id}
            className={
              c.isTotal
                ? 'rounded-md bg-zinc-50 p-3 ring-1 ring-zinc-200'
                : 'rounded-md p-3 ring-1 ring-zinc-200'
            }
          >
            <div className="flex items-baseline justify-between gap-2">
              <p className="min-w-0 truncate text-sm">
                <span className="font-semibold text-zinc-900">{c.code}</span>
                {c.name ? <span className="ml-1.5 text-zinc-500">{c.name}</span> : null}
              </p>
              <Amount cents={c.balance} currency={c.currency} className="text-sm font-semibold" />
            </div>
            <dl className="mt-1.5 grid grid-cols-2 gap-2 text-xs">
              <div>
                <dt className="text-zinc-500">{t('consolidated.overdue')}</dt>
                <dd>
                  <Amount cents={c.overdue} currency={c.currency} tone="overdue" muteZero />
                </dd>
              </div>
              <div className="text-right">
                <dt className="text-zinc-500">{t('consolidated.notDue')}</dt>
                <dd>
                  <Amount cents={c.notDue} currency={c.currency} muteZero />
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}

type Group = Consolidated['groups']['items'][number];

function GroupAmounts({ group, field }: { group: Group; field: 'overdue' | 'notDue' | 'balance' }) {
  return (
    <>
      {group.amounts.map((a) => (
        <div key={a.currency}>
          <Amount
            cents={a[field]}
            currency={a.currency}
            tone={field === 'overdue' ? 'overdue' : 'default'}
            className={field === 'balance' ? 'font-medium' : undefined}
            muteZero
          />
        </div>
      ))}
    </>
  );
}

function Members({ group }: { group: Group }) {
  return (
    <ul className="flex flex-wrap gap-1.5">
      {group.members.map((m) => (
        <li key={m.customerId}>
          <Link
            to={`/customers/${m.customerId}`}
            title={`${m.account} · ${m.name}`}
            className="inline-flex items-center gap-1.5 rounded-md bg-zinc-50 px-2 py-1 text-xs ring-1 ring-zinc-200 hover:bg-indigo-50 hover:ring-indigo-200"
          >
            <span className="font-semibold text-zinc-800">{m.companyCode}</span>
            <Amount cents={m.balance} currency={m.currency} className="text-zinc-600" />
          </Link>
        </li>
      ))}
    </ul>
  );
}

function GroupsList({ data }: { data: Consolidated }) {
  const { t } = useTranslation();
  const th = 'px-3 py-2 font-medium';
  const items = data.groups.items;
  return (
    <>
      <div className="-mx-4 hidden overflow-x-auto lg:block">
        <table className="w-full text-sm" data-testid="consolidated-groups">
          <thead className="border-y border-zinc-200 bg-zinc-50 text-xs text-zinc-500">
            <tr>
              <th scope="col" className={`${th} pl-4 text-left`}>
                {t('consolidated.customer')}
              </th>
              <th scope="col" className={`${th} text-left`}>
                {t('consolidated.in')}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t('consolidated.overdue')}
              </th>
              <th scope="col" className={`${th} text-right`}>
                {t('consolidated.notDue')}
              </th>
              <th scope="col" className={`${th} pr-4 text-right`}>
                {t('consolidated.balance')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {items.map((g) => (
              <tr key={g.key} className="align-top">
                <td className="max-w-80 px-3 py-2 pl-4">
                  <Link
                    to={`/customers/${g.members[0]?.customerId ?? ''}`}
                    className="block truncate font-medium text-zinc-900 hover:text-indigo-700"
                  >
                    {g.name}
                  </Link>
                  <span className="text-xs text-zinc-500">
                    {t('consolidated.key')} <span className="font-mono">{g.key}</span>
                  </span>
                </td>
                <td className="px-3 py-2">
                  <Members group={g} />
                </td>
                <td className="px-3 py-2 text-right">
                  <GroupAmounts group={g} field="overdue" />
                </td>
                <td className="px-3 py-2 text-right">
                  <GroupAmounts group={g} field="notDue" />
                </td>
                <td className="px-3 py-2 pr-4 text-right">
                  <GroupAmounts group={g} field="balance" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="space-y-2 lg:hidden">
        {items.map((g) => (
          <li key={g.key} className="rounded-md p-3 ring-1 ring-zinc-200">
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <Link
                  to={`/customers/${g.members[0]?.customerId ?? ''}`}
                  className="block truncate text-sm font-medium text-zinc-900 hover:text-indigo-700"
                >
                  {g.name}
                </Link>
                <p className="truncate text-xs text-zinc-500">
                  {t('consolidated.key')} <span className="font-mono">{g.key}</span>
                </p>
              </div>
              <div className="shrink-0 text-right text-sm">
                <GroupAmounts group={g} field="balance" />
              </div>
            </div>
            <dl className="mt-1.5 grid grid-cols-2 gap-2 text-xs">
              <div>
                <dt className="text-zinc-500">{t('consolidated.overdue')}</dt>
                <dd>
                  <GroupAmounts group={g} field="overdue" />
                </dd>
              </div>
              <div className="text-right">
                <dt className="text-zinc-500">{t('consolidated.notDue')}</dt>
                <dd>
                  <GroupAmounts group={g} field="notDue" />
                </dd>
              </div>
            </dl>
            <div className="mt-2">
              <Members group={g} />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The consolidated view (VIS-8): `/consolidated`. */
export default function ConsolidatedPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('consolidated.title'));
  const format = useFormat();
  const params = useSearchParams();
  const query = parseUrlQuery(consolidatedQuerySchema, params);
  const consolidated = useConsolidated(query);
  const data = consolidated.data;

  return (
    <div className="mx-auto max-w-7xl">
      <PageHeader
        title={t('consolidated.title')}
        description={
          data
            ? t(data.isPortfolio ? 'consolidated.subtitlePortfolio' : 'consolidated.subtitle', {
                date: format.date(data.asOf),
              })
            : undefined
        }
      />
      {consolidated.isError && !data ? (
        <ErrorNotice error={consolidated.error} onRetry={() => void consolidated.refetch()} />
      ) : !data ? (
        <PageLoading />
      ) : data.companies.length === 0 ? (
        <EmptyState
          icon={<Building2 className="size-8" />}
          title={t('consolidated.noCompanies')}
          action={
            <Link to="/import" className={buttonClasses()}>
              <Upload aria-hidden="true" className="size-4" />
              {t('consolidated.importAction')}
            </Link>
          }
        />
      ) : (
        <div className="space-y-6">
          <Section title={t('consolidated.companies')}>
            <CompaniesTable data={data} />
          </Section>
          <Section
            title={
              <span className="flex items-center gap-2">
                {t('consolidated.groupsTitle')}
                <span className="text-xs font-normal text-zinc-500" data-testid="consolidated-group-count">
                  {t('consolidated.groupCount', {
                    count: data.groups.total,
                    formatted: format.integer(data.groups.total),
                  })}
                </span>
                {consolidated.isFetching ? <Spinner className="text-zinc-400" /> : null}
              </span>
            }
            description={
              data.matchKey === 'externalId'
                ? t('consolidated.groupsByExternalId')
                : t('consolidated.groupsByRegistrationNumber')
            }
          >
            {data.groups.total === 0 ? (
              <EmptyState
                icon={<UsersRound className="size-8" />}
                title={t('consolidated.noGroupsTitle')}
                description={t('consolidated.noGroupsText')}
                action={
                  <Link to="/import" className={buttonClasses({ variant: 'secondary' })}>
                    <Upload aria-hidden="true" className="size-4" />
                    {t('consolidated.importAction')}
                  </Link>
                }
              />
            ) : data.groups.items.length === 0 ? (
              <EmptyState
                title={t('consolidated.pastLastPage')}
                action={
                  <Button variant="secondary" onClick={() => updateQuery({ page: 1 })}>
                    {t('consolidated.firstPage')}
                  </Button>
                }
              />
            ) : (
              <div className={consolidated.isPlaceholderData ? 'opacity-60 transition-opacity' : undefined}>
                <GroupsList data={data} />
              </div>
            )}
            {data.groups.total > 0 ? (
              <div className="mt-4">
                <Pagination
                  page={query.page}
                  pageSize={query.pageSize}
                  total={data.groups.total}
                  pageSizes={PAGE_SIZES}
                  onPage={(page) => updateQuery({ page })}
                  onPageSize={(pageSize) => updateQuery({ pageSize, page: 1 })}
                />
              </div>
            ) : null}
          </Section>
        </div>
      )}
    </div>
  );
}
