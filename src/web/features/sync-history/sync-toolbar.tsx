import { X } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Company } from '../../../contracts/companies';
import { IMPORT_SOURCES, SYNC_STATUSES } from '../../../contracts/imports';
import { Button } from '../../ui/button';
import { Label, Select } from '../../ui/field';
import { CompanySelect } from '../companies/company-select';
import { isNarrowed, type SyncPageQuery, updateSyncQuery } from './sync-filters';

/** Company, status and source filters of the history; each change is written to the URL. */
export function SyncToolbar({ query, companies }: { query: SyncPageQuery; companies: readonly Company[] }) {
  const { t } = useTranslation();
  const companyId = useId();
  const statusId = useId();
  const sourceId = useId();
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end">
      {companies.length > 1 ? (
        <div className="sm:w-56">
          <Label htmlFor={companyId} className="mb-1 text-xs text-zinc-500">
            {t('companies.label')}
          </Label>
          <CompanySelect
            id={companyId}
            companies={companies}
            value={query.companyId ?? ''}
            allLabel={t('companies.all')}
            testId="syncs-company"
            onChange={(value) => updateSyncQuery({ companyId: value || undefined })}
          />
        </div>
      ) : null}
      <div className="grid grid-cols-2 gap-3 sm:flex">
        <div className="min-w-0 sm:w-44">
          <Label htmlFor={statusId} className="mb-1 text-xs text-zinc-500">
            {t('syncHistory.filters.status')}
          </Label>
          <Select
            id={statusId}
            data-testid="syncs-status"
            value={query.status ?? ''}
            onChange={(event) =>
              updateSyncQuery({ status: (event.target.value || undefined) as SyncPageQuery['status'] })
            }
          >
            <option value="">{t('syncHistory.filters.allStatuses')}</option>
            {SYNC_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`import.status.${status}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="min-w-0 sm:w-48">
          <Label htmlFor={sourceId} className="mb-1 text-xs text-zinc-500">
            {t('syncHistory.filters.source')}
          </Label>
          <Select
            id={sourceId}
            data-testid="syncs-source"
            value={query.source ?? ''}
            onChange={(event) =>
              updateSyncQuery({ source: (event.target.value || undefined) as SyncPageQuery['source'] })
            }
          >
            <option value="">{t('syncHistory.filters.allSources')}</option>
            {IMPORT_SOURCES.map((source) => (
              <option key={source} value={source}>
                {t(`import.sources.${source}.label`)}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {isNarrowed(query) ? (
        <Button
          variant="ghost"
          className="self-start sm:self-auto"
          onClick={() => updateSyncQuery({ companyId: undefined, status: undefined, source: undefined })}
        >
          <X aria-hidden="true" className="size-4" />
          {t('syncHistory.filters.clear')}
        </Button>
      ) : null}
    </div>
  );
}
