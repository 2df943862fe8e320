import { ArrowLeft } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../../api/auth';
import { Link, setSearchParams, useSearchParams } from '../../../router/router';
import { PageHeader, useDocumentTitle } from '../../../shell/app-shell';
import { ErrorNotice, PageLoading } from '../../../ui/feedback';
import { Label } from '../../../ui/field';
import { CompanySelect } from '../../companies/company-select';
import { useCompanies } from '../../companies/use-companies';
import { useDunningSettings, useProfiles } from '../use-dunning';
import { CompanyOptionsForm } from './company-options-form';
import { ProfilesSection } from './profiles-section';
import { ScenarioEditor } from './scenario-editor';

/** DUN-7, DUN-8, DUN-12: the options of the company chosen in the URL (the first one by default). */
function CompanyOptions({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const selectId = useId();
  const params = useSearchParams();
  const companies = useCompanies();
  const list = companies.data ?? [];
  const company = list.find((c) => c.id === params.get('companyId')) ?? list[0];
  const settings = useDunningSettings(company?.id ?? '');

  return (
    <section
      aria-labelledby={headingId}
      className="space-y-5 rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-6"
    >
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h2 id={headingId} className="text-base font-semibold text-zinc-900">
            {t('dunning.settings.options.title')}
          </h2>
          <p className="mt-0.5 text-sm text-zinc-500">{t('dunning.settings.options.text')}</p>
        </div>
        {list.length > 1 ? (
          <div className="w-full sm:w-72">
            <Label htmlFor={selectId} className="sr-only">
              {t('companies.label')}
            </Label>
            <CompanySelect
              id={selectId}
              companies={list}
              value={company?.id ?? ''}
              testId="options-company"
              onChange={(value) => setSearchParams({ companyId: value || null }, { replace: true })}
            />
          </div>
        ) : null}
      </div>
      {companies.isError ? (
        <ErrorNotice error={companies.error} onRetry={() => void companies.refetch()} />
      ) : settings.isError ? (
        <ErrorNotice error={settings.error} onRetry={() => void settings.refetch()} />
      ) : !company && companies.data ? (
        <p className="text-sm text-zinc-500">{t('dunning.settings.options.noCompany')}</p>
      ) : !settings.data || !company ? (
        <PageLoading />
      ) : (
        <CompanyOptionsForm
          key={company.id}
          companyId={company.id}
          currency={company.currency}
          settings={settings.data}
          canEdit={canEdit}
        />
      )}
    </section>
  );
}

/**
 * Settings › Reminders: the profiles and their scenario (DUN-1…DUN-4), and each company's options.
 * Admins change them; users and viewers read them.
 */
export default function DunningSettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('dunning.settings.title'));
  const me = useCurrentUser();
  const canEdit = me.user.role === 'admin';
  const params = useSearchParams();
  const profiles = useProfiles();
  const list = profiles.data ?? [];
  const selected =
    list.find((p) => p.id === params.get('profile')) ?? list.find((p) => p.isDefault) ?? list[0];

  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <div>
        <Link
          to="/settings"
          className="mb-2 inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-800"
        >
          <ArrowLeft aria-hidden="true" className="size-4" />
          {t('dunning.settings.back')}
        </Link>
        <PageHeader title={t('dunning.settings.title')} description={t('dunning.settings.subtitle')} />
        {!canEdit ? (
          <p className="-mt-3 text-sm text-zinc-500" data-testid="dunning-settings-read-only">
            {t('dunning.settings.readOnly')}
          </p>
        ) : null}
      </div>
      {profiles.isError ? (
        <ErrorNotice error={profiles.error} onRetry={() => void profiles.refetch()} />
      ) : !profiles.data ? (
        <PageLoading />
      ) : (
        <>
          <ProfilesSection
            profiles={list}
            selectedId={selected?.id ?? ''}
            canEdit={canEdit}
            onSelect={(id) => setSearchParams({ profile: id }, { replace: true })}
          />
          {selected ? (
            <ScenarioEditor
              // Each profile starts a fresh draft.
              key={selected.id}
              profile={selected}
              canEdit={canEdit}
            />
          ) : null}
        </>
      )}
      <CompanyOptions canEdit={canEdit} />
    </div>
  );
}
