import { X } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_CHANNELS, ACTIVITY_STATUSES } from '../../../contracts/activities';
import type { Company } from '../../../contracts/companies';
import { Button } from '../../ui/button';
import { Input, Label, Select } from '../../ui/field';
import { CompanySelect } from '../companies/company-select';
import { type ActivityPageQuery, clearedFilters, isNarrowed, updateActivityQuery } from './activity-filters';

const SEARCH_DELAY_MS = 300;

/** Status, channel, actor, company, date range and customer filters, each written to the URL. */
export function ActivityToolbar({
  query,
  companies,
  users,
}: {
  query: ActivityPageQuery;
  companies: readonly Company[];
  users: readonly { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const ids = { search: useId(), status: useId(), channel: useId(), actor: useId(), company: useId() };
  const fromId = useId();
  const toId = useId();
  const [search, setSearch] = useState(query.search ?? '');
  useEffect(() => setSearch(query.search ?? ''), [query.search]);
  useEffect(() => {
    if (search.trim() === (query.search ?? '')) return;
    const timer = setTimeout(
      () => updateActivityQuery({ search: search.trim() || undefined }),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [search, query.search]);

  const label = 'mb-1 text-xs text-zinc-500';
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 sm:items-end">
      <div className="col-span-2">
        <Label htmlFor={ids.search} className={label}>
          {t('activities.filters.search')}
        </Label>
        <Input
          id={ids.search}
          type="search"
          data-testid="activities-search"
          value={search}
          placeholder={t('activities.filters.searchPlaceholder')}
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>
      <div className="min-w-0">
        <Label htmlFor={ids.status} className={label}>
          {t('activities.filters.status')}
        </Label>
        <Select
          id={ids.status}
          data-testid="activities-status"
          value={query.status ?? ''}
          onChange={(event) =>
            updateActivityQuery({ status: (event.target.value || undefined) as ActivityPageQuery['status'] })
          }
        >
          <option value="">{t('activities.filters.allStatuses')}</option>
          {ACTIVITY_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`activities.status.${status}`)}
            </option>
          ))}
        </Select>
      </div>
      <div className="min-w-0">
        <Label htmlFor={ids.channel} className={label}>
          {t('activities.filters.channel')}
        </Label>
        <Select
          id={ids.channel}
          data-testid="activities-channel"
          value={query.channel ?? ''}
          onChange={(event) =>
            updateActivityQuery({
              channel: (event.target.value || undefined) as ActivityPageQuery['channel'],
            })
          }
        >
          <option value="">{t('activities.filters.allChannels')}</option>
          {ACTIVITY_CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {t(`activities.channel.${channel}`)}
            </option>
          ))}
        </Select>
      </div>
      <div className="min-w-0">
        <Label htmlFor={ids.actor} className={label}>
          {t('activities.filters.actor')}
        </Label>
        <Select
          id={ids.actor}
          data-testid="activities-actor"
          value={query.actor ?? ''}
          onChange={(event) => updateActivityQuery({ actor: event.target.value || undefined })}
        >
          <option value="">{t('activities.filters.allActors')}</option>
          <option value="automatic">{t('activities.automatic')}</option>
          {users.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </Select>
      </div>
      {companies.length > 1 ? (
        <div className="min-w-0">
          <Label htmlFor={ids.company} className={label}>
            {t('companies.label')}
          </Label>
          <CompanySelect
            id={ids.company}
            companies={companies}
            value={query.companyId ?? ''}
            allLabel={t('companies.all')}
            testId="activities-company"
            onChange={(value) => updateActivityQuery({ companyId: value || undefined })}
          />
        </div>
      ) : null}
      <div className="min-w-0">
        <Label htmlFor={fromId} className={label}>
          {t('activities.filters.from')}
        </Label>
        <Input
          id={fromId}
          type="date"
          data-testid="activities-from"
          value={query.from ?? ''}
          onChange={(event) => updateActivityQuery({ from: event.target.value || undefined })}
        />
      </div>
      <div className="min-w-0">
        <Label htmlFor={toId} className={label}>
          {t('activities.filters.to')}
        </Label>
        <Input
          id={toId}
          type="date"
          data-testid="activities-to"
          value={query.to ?? ''}
          onChange={(event) => updateActivityQuery({ to: event.target.value || undefined })}
        />
      </div>
      {isNarrowed(query) ? (
        <Button
          variant="ghost"
          className="col-span-2 justify-self-start sm:col-span-4"
          onClick={() => updateActivityQuery(clearedFilters())}
        >
          <X aria-hidden="true" className="size-4" />
          {t('activities.filters.clear')}
        </Button>
      ) : null}
    </div>
  );
}
