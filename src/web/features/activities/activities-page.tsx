import { ListChecks, SearchX } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../../../contracts/activities';
import { useFormat } from '../../lib/format';
import { useSearchParams } from '../../router/router';
import { PageHeader, useDocumentTitle } from '../../shell/app-shell';
import { Amount } from '../../ui/amount';
import { Button, focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { EmptyState, ErrorNotice, PageLoading, Spinner } from '../../ui/feedback';
import { Pagination } from '../../ui/pagination';
import { useCompanies } from '../companies/use-companies';
import { ActivityPanel } from './activity-detail';
import {
  clearedFilters,
  isNarrowed,
  PAGE_SIZES,
  readActivityQuery,
  toListQuery,
  updateActivityQuery,
} from './activity-filters';
import { ActivityStatusBadge, ChannelIcon, channelKey, useActorLabel } from './activity-labels';
import { ActivityToolbar } from './activity-toolbar';
import { useActivities } from './use-activities';

function ActivityRow({
  activity,
  isOpen,
  showCompany,
}: {
  activity: Activity;
  isOpen: boolean;
  showCompany: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const actor = useActorLabel();
  return (
    <li>
      <button
        type="button"
        aria-current={isOpen || undefined}
        data-testid="activity-row"
        data-channel={activity.channel}
        data-status={activity.status}
        onClick={() => updateActivityQuery({ open: isOpen ? undefined : activity.id })}
        className={cx(
          'grid w-full grid-cols-[auto_minmax(0,1fr)_auto] items-start gap-x-3 gap-y-1 px-3.5 py-3 text-left hover:bg-zinc-50',
          focusRing,
          isOpen && 'bg-indigo-50/60 hover:bg-indigo-50',
        )}
      >
        <span className="mt-0.5 rounded-md bg-zinc-100 p-1.5 text-zinc-600">
          <ChannelIcon channel={activity.channel} className="size-4" />
          <span className="sr-only">{t(`activities.channel.${channelKey(activity.channel)}`)}</span>
        </span>
        <span className="min-w-0">
          <span className="block truncate font-medium text-zinc-900">
            {activity.customerName ?? activity.customerAccount}
            <span className="font-normal text-zinc-500">
              {' '}
              · {activity.customerAccount}
              {showCompany ? ` · ${activity.companyCode}` : ''}
            </span>
          </span>
          <span className="block truncate text-sm text-zinc-600">
            {activity.subject ??
              [t(`activities.channel.${channelKey(activity.channel)}`), activity.level]
                .filter(Boolean)
                .join(' · ')}
          </span>
          <span className="block truncate text-xs text-zinc-500">
            <span className="tabular-nums">{format.dateTime(activity.at)}</span> · {actor(activity)}
          </span>
        </span>
        <span className="flex flex-col items-end gap-1">
          <ActivityStatusBadge status={activity.status} />
          {activity.total !== null && activity.currency ? (
            <Amount cents={activity.total} currency={activity.currency} className="text-sm text-zinc-700" />
          ) : null}
        </span>
      </button>
    </li>
  );
}

/**
 * Activities (DUN-14, DUN-11): every reminder and manual contact of the organization, with who
 * acted, channel, status and date; opening one shows what was sent. Filters, page and the open
 * activity live in the URL.
 */
export default function ActivitiesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('activities.title'));
  const format = useFormat();
  const query = readActivityQuery(useSearchParams());
  const companies = useCompanies();
  const activities = useActivities(toListQuery(query));
  const data = activities.data;
  const companyList = companies.data ?? [];
  const showCompany = !query.companyId && companyList.length > 1;
  const close = () => updateActivityQuery({ open: undefined });

  return (
    <div className="mx-auto max-w-7xl">
      <PageHeader title={t('activities.title')} description={t('activities.subtitle')} />
      {activities.isError && !data ? (
        <ErrorNotice error={activities.error} onRetry={() => void activities.refetch()} />
      ) : !data ? (
        <PageLoading />
      ) : (
        <div className="space-y-5">
          <ActivityToolbar query={query} companies={companyList} users={data.users} />
          <p className="text-sm font-medium text-zinc-700" aria-live="polite">
            <span data-testid="activities-count" data-count={data.total}>
              {t('activities.count', { count: data.total, formatted: format.integer(data.total) })}
            </span>
            {activities.isFetching ? <Spinner className="ml-2 align-middle text-zinc-400" /> : null}
          </p>
          {data.total === 0 ? (
            isNarrowed(query) ? (
              <EmptyState
                icon={<SearchX className="size-8" />}
                title={t('activities.noMatchTitle')}
                description={t('activities.noMatchText')}
                action={
                  <Button variant="secondary" onClick={() => updateActivityQuery(clearedFilters())}>
                    {t('activities.filters.clear')}
                  </Button>
                }
              />
            ) : (
              <EmptyState
                icon={<ListChecks className="size-8" />}
                title={t('activities.emptyTitle')}
                description={t('activities.emptyText')}
              />
            )
          ) : data.items.length === 0 ? (
            <EmptyState
              title={t('activities.pastLastPageTitle')}
              action={
                <Button variant="secondary" onClick={() => updateActivityQuery({ page: 1 })}>
                  {t('activities.firstPage')}
                </Button>
              }
            />
          ) : (
            <div
              className={cx(
                'grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] lg:items-start',
                activities.isPlaceholderData && 'opacity-60 transition-opacity',
              )}
            >
              <ul
                data-testid="activities-list"
                className={cx(
                  'min-w-0 divide-y divide-zinc-100 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-zinc-200',
                  query.open && 'hidden lg:block',
                )}
              >
                {data.items.map((activity) => (
                  <ActivityRow
                    key={activity.id}
                    activity={activity}
                    isOpen={query.open === activity.id}
                    showCompany={showCompany}
                  />
                ))}
              </ul>
              {query.open ? (
                <div className="min-w-0 lg:sticky lg:top-4">
                  <ActivityPanel id={query.open} onBack={close} />
                </div>
              ) : (
                <p className="hidden rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-500 lg:block">
                  {t('activities.pickOne')}
                </p>
              )}
            </div>
          )}
          {data.total > 0 ? (
            <Pagination
              page={query.page}
              pageSize={query.pageSize}
              total={data.total}
              pageSizes={PAGE_SIZES}
              onPage={(page) => updateActivityQuery({ page })}
              onPageSize={(pageSize) => updateActivityQuery({ pageSize, page: 1 })}
            />
          ) : null}
        </div>
      )}
    </div>
  );
}
