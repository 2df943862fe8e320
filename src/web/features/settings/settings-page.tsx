import { BellRing, ChevronRight, FileText, Inbox, Mail, Stamp, UserCog } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationSettings } from '../../../contracts/organization';
import { useCurrentUser } from '../../api/auth';
import { Link } from '../../router/router';
import { PageHeader, useDocumentTitle } from '../../shell/app-shell';
import { Button } from '../../ui/button';
import { ErrorNotice, PageLoading } from '../../ui/feedback';
import { Field, Input, Select } from '../../ui/field';
import { useBucketLabels } from '../customers/aging-bar';
import { useTemplateList } from '../templates/use-templates';
import { useOrganizationSettings, useSaveOrganizationSettings } from './use-organization-settings';

/** `fr` → "français" in the page's language; the code itself when the browser has no name for it. */
function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "30, 60, 90" → [30, 60, 90], or null when it is not increasing whole numbers ≥ 1 (VIS-2). */
export function parseBounds(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0 || parts.length > 8) return null;
  const bounds = parts.map(Number);
  const ok = bounds.every(
    (b, i) => Number.isInteger(b) && b >= 1 && b <= 3650 && (i === 0 || b > bounds[i - 1]!),
  );
  return ok ? bounds : null;
}

/**
 * Settings: the organization's options (admins change them, others read), links to the reminder
 * settings (everyone reads them) and to users and outbox (admins).
 */
export default function SettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('settings.title'));
  const me = useCurrentUser();
  const isAdmin = me.user.role === 'admin';
  const settings = useOrganizationSettings();

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title={t('settings.title')} description={t('settings.subtitle')} />
      <nav className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {[
          { to: '/settings/dunning', icon: BellRing, key: 'dunning', isShown: true },
          { to: '/settings/templates', icon: FileText, key: 'templates', isShown: true },
          { to: '/settings/letterhead', icon: Stamp, key: 'letterhead', isShown: isAdmin },
          { to: '/settings/email', icon: Mail, key: 'email', isShown: isAdmin },
          { to: '/settings/users', icon: UserCog, key: 'users', isShown: isAdmin },
          { to: '/settings/outbox', icon: Inbox, key: 'outbox', isShown: isAdmin },
        ]
          .filter((link) => link.isShown)
          .map(({ to, icon: Icon, key }) => (
            <Link
              key={key}
              to={to}
              className="flex items-center gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200 hover:ring-indigo-300"
            >
              <Icon aria-hidden="true" className="size-5 text-indigo-600" />
              <span className="min-w-0 flex-1">
                <span className="block text-sm font-medium text-zinc-900">
                  {t(`settings.links.${key}.title`)}
                </span>
                <span className="block text-xs text-zinc-500">{t(`settings.links.${key}.text`)}</span>
              </span>
              <ChevronRight aria-hidden="true" className="size-4 text-zinc-400" />
            </Link>
          ))}
      </nav>
      {settings.isError ? (
        <ErrorNotice error={settings.error} onRetry={() => void settings.refetch()} />
      ) : !settings.data ? (
        <PageLoading />
      ) : (
        <SettingsForm settings={settings.data} canEdit={isAdmin} />
      )}
    </div>
  );
}

function SettingsForm({ settings, canEdit }: { settings: OrganizationSettings; canEdit: boolean }) {
  const { t } = useTranslation();
  const ids = { bounds: useId(), delay: useId(), match: useId(), language: useId() };
  const templates = useTemplateList('');
  const save = useSaveOrganizationSettings();
  const [boundsText, setBoundsText] = useState(settings.agingBounds.join(', '));
  const [delayFrom, setDelayFrom] = useState(settings.paymentDelayFrom);
  const [matchKey, setMatchKey] = useState(settings.groupMatchKey);
  const [templateLanguage, setTemplateLanguage] = useState(settings.templateLanguage);
  const languages = [
    ...new Set(['fr', 'en', ...(templates.data?.languages ?? []), settings.templateLanguage]),
  ];
  const [saved, setSaved] = useState(false);
  const bounds = parseBounds(boundsText);
  const labels = useBucketLabels(bounds ?? settings.agingBounds);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!bounds) return;
    save.mutate(
      { agingBounds: bounds, paymentDelayFrom: delayFrom, groupMatchKey: matchKey, templateLanguage },
      { onSuccess: () => setSaved(true) },
    );
  }

  return (
    <form
      onSubmit={submit}
      className="space-y-5 rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-6"
      data-testid="organization-settings"
    >
      <h2 className="text-base font-semibold text-zinc-900">{t('settings.organization')}</h2>
      {!canEdit ? <p className="text-sm text-zinc-500">{t('settings.readOnly')}</p> : null}
      <Field
        id={ids.bounds}
        label={t('settings.agingBounds')}
        hint={bounds ? t('settings.agingPreview', { buckets: labels.join(' · ') }) : undefined}
        error={bounds ? undefined : t('settings.agingInvalid')}
      >
        <Input
          id={ids.bounds}
          value={boundsText}
          disabled={!canEdit}
          invalid={!bounds}
          inputMode="numeric"
          onChange={(event) => {
            setSaved(false);
            setBoundsText(event.target.value);
          }}
        />
      </Field>
      <Field id={ids.delay} label={t('settings.paymentDelayFrom')} hint={t('settings.paymentDelayHint')}>
        <Select
          id={ids.delay}
          value={delayFrom}
          disabled={!canEdit}
          onChange={(event) => {
            setSaved(false);
            setDelayFrom(event.target.value as typeof delayFrom);
          }}
        >
          <option value="document">{t('settings.fromDocument')}</option>
          <option value="due">{t('settings.fromDue')}</option>
        </Select>
      </Field>
      <Field id={ids.match} label={t('settings.groupMatchKey')} hint={t('settings.groupMatchHint')}>
        <Select
          id={ids.match}
          value={matchKey}
          disabled={!canEdit}
          onChange={(event) => {
            setSaved(false);
            setMatchKey(event.target.value as typeof matchKey);
          }}
        >
          <option value="externalId">{t('settings.externalId')}</option>
          <option value="registrationNumber">{t('settings.registrationNumber')}</option>
        </Select>
      </Field>
      <Field
        id={ids.language}
        label={t('settings.templateLanguage')}
        hint={t('settings.templateLanguageHint')}
      >
        <Select
          id={ids.language}
          value={templateLanguage}
          disabled={!canEdit}
          onChange={(event) => {
            setSaved(false);
            setTemplateLanguage(event.target.value);
          }}
        >
          {languages.map((code) => (
            <option key={code} value={code}>
              {languageName(code, t('settings.languageLocale'))}
            </option>
          ))}
        </Select>
      </Field>
      {save.isError ? <ErrorNotice error={save.error} /> : null}
      {canEdit ? (
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={!bounds || save.isPending}>
            {t('settings.save')}
          </Button>
          {saved ? (
            <p role="status" className="text-sm text-emerald-700">
              {t('settings.saved')}
            </p>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
