import { MailCheck, Server } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SmtpSettingsView } from '../../../contracts/mail-settings';
import { useCurrentUser } from '../../api/auth';
import { Link } from '../../router/router';
import { PageHeader, useDocumentTitle } from '../../shell/app-shell';
import { Button } from '../../ui/button';
import { ErrorNotice, PageLoading } from '../../ui/feedback';
import { Field, Input, Select } from '../../ui/field';
import { buildSmtpBody, DEFAULT_PORTS, draftOf, type SmtpDraft, type SmtpField } from './smtp-form';
import {
  useDeleteSmtpSettings,
  useSaveSmtpSettings,
  useSendTestEmail,
  useSmtpSettings,
} from './use-mail-settings';

/**
 * Settings › Email (TPL-5): the organization's own mail server — where reminders and invitations
 * leave from, under which sender, and where answers go — with a test email. Admins only.
 */
export default function MailSettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('mailSettings.title'));
  const me = useCurrentUser();
  const settings = useSmtpSettings();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title={t('mailSettings.title')}
        description={t('mailSettings.subtitle')}
        actions={
          <Link to="/settings" className="text-sm text-indigo-700 hover:underline">
            {t('mailSettings.back')}
          </Link>
        }
      />
      {me.user.role !== 'admin' ? (
        <p className="text-sm text-zinc-600">{t('mailSettings.adminsOnly')}</p>
      ) : settings.isError ? (
        <ErrorNotice error={settings.error} onRetry={() => void settings.refetch()} />
      ) : !settings.data ? (
        <PageLoading />
      ) : (
        <>
          <CurrentRoute view={settings.data} />
          {/* A new form only when the settings appear or go: a save keeps the form and its "Saved". */}
          <SmtpForm key={settings.data.settings ? 'own' : 'none'} view={settings.data} />
          {settings.data.settings ? <TestEmail defaultTo={me.user.email} /> : null}
        </>
      )}
    </div>
  );
}

/** Where the organization's emails leave from today. */
function CurrentRoute({ view }: { view: SmtpSettingsView }) {
  const { t } = useTranslation();
  const key = view.settings ? 'own' : view.hasServerDefault ? 'server' : 'outbox';
  return (
    <p
      data-testid="mail-route"
      data-route={key}
      className="flex items-start gap-3 rounded-lg bg-zinc-50 p-4 text-sm text-zinc-700 ring-1 ring-zinc-200"
    >
      <Server aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-indigo-600" />
      <span>
        {t(`mailSettings.route.${key}`, { host: view.settings?.host ?? '', port: view.settings?.port ?? '' })}
      </span>
    </p>
  );
}

function SmtpForm({ view }: { view: SmtpSettingsView }) {
  const { t } = useTranslation();
  const save = useSaveSmtpSettings();
  const remove = useDeleteSmtpSettings();
  const [draft, setDraft] = useState<SmtpDraft>(() => draftOf(view.settings));
  const [clearPassword, setClearPassword] = useState(false);
  const [errors, setErrors] = useState<readonly SmtpField[]>([]);
  const [saved, setSaved] = useState(false);
  const ids = {
    host: useId(),
    port: useId(),
    security: useId(),
    username: useId(),
    password: useId(),
    fromName: useId(),
    fromAddress: useId(),
    replyToMode: useId(),
    replyToAddress: useId(),
  };
  const set = (changes: Partial<SmtpDraft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...changes }));
  };
  const errorOf = (field: SmtpField) =>
    errors.includes(field) ? t(`mailSettings.errors.${field}`) : undefined;
  const hasPassword = view.settings?.hasPassword ?? false;

  function submit(event: FormEvent) {
    event.preventDefault();
    const built = buildSmtpBody(draft, clearPassword);
    setErrors(built.errors);
    if (built.body)
      save.mutate(built.body, {
        onSuccess: () => {
          // The password is stored (sealed): the field empties, "leave empty to keep it" applies.
          setDraft((d) => ({ ...d, password: '' }));
          setClearPassword(false);
          setSaved(true);
        },
      });
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      data-testid="smtp-form"
      className="space-y-5 rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-6"
    >
      <h2 className="text-base font-semibold text-zinc-900">{t('mailSettings.server')}</h2>
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_7rem]">
        <Field id={ids.host} label={t('mailSettings.host')} error={errorOf('host')}>
          <Input
            id={ids.host}
            value={draft.host}
            placeholder="smtp.example.com"
            autoComplete="off"
            invalid={errors.includes('host')}
            onChange={(e) => set({ host: e.target.value })}
          />
        </Field>
        <Field id={ids.port} label={t('mailSettings.port')} error={errorOf('port')}>
          <Input
            id={ids.port}
            value={draft.port}
            inputMode="numeric"
            invalid={errors.includes('port')}
            onChange={(e) => set({ port: e.target.value })}
          />
        </Field>
      </div>
      <Field
        id={ids.security}
        label={t('mailSettings.security')}
        hint={t(`mailSettings.securityHint.${draft.security}`)}
      >
        <Select
          id={ids.security}
          value={draft.security}
          onChange={(e) => {
            const security = e.target.value as SmtpDraft['security'];
            // The port follows the mode while it is one of the usual ones.
            const usual = Object.values(DEFAULT_PORTS).map(String).includes(draft.port);
            set({ security, ...(usual ? { port: String(DEFAULT_PORTS[security]) } : {}) });
          }}
        >
          {(['starttls', 'tls', 'none'] as const).map((mode) => (
            <option key={mode} value={mode}>
              {t(`mailSettings.securityModes.${mode}`)}
            </option>
          ))}
        </Select>
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={ids.username} label={t('mailSettings.username')}>
          <Input
            id={ids.username}
            value={draft.username}
            autoComplete="off"
            onChange={(e) => set({ username: e.target.value })}
          />
        </Field>
        <Field
          id={ids.password}
          label={t('mailSettings.password')}
          hint={hasPassword ? t('mailSettings.passwordKept') : undefined}
        >
          <Input
            id={ids.password}
            type="password"
            autoComplete="new-password"
            value={draft.password}
            disabled={clearPassword}
            placeholder={hasPassword ? '••••••••' : ''}
            onChange={(e) => set({ password: e.target.value })}
          />
        </Field>
      </div>
      {hasPassword ? (
        <label className="flex items-center gap-2 text-sm text-zinc-700">
          <input
            type="checkbox"
            checked={clearPassword}
            onChange={(e) => {
              setSaved(false);
              setClearPassword(e.target.checked);
            }}
          />
          {t('mailSettings.clearPassword')}
        </label>
      ) : null}

      <h2 className="border-t border-zinc-100 pt-5 text-base font-semibold text-zinc-900">
        {t('mailSettings.sender')}
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={ids.fromName} label={t('mailSettings.fromName')} error={errorOf('fromName')}>
          <Input
            id={ids.fromName}
            value={draft.fromName}
            invalid={errors.includes('fromName')}
            onChange={(e) => set({ fromName: e.target.value })}
          />
        </Field>
        <Field id={ids.fromAddress} label={t('mailSettings.fromAddress')} error={errorOf('fromAddress')}>
          <Input
            id={ids.fromAddress}
            type="email"
            value={draft.fromAddress}
            invalid={errors.includes('fromAddress')}
            onChange={(e) => set({ fromAddress: e.target.value })}
          />
        </Field>
      </div>
      <Field
        id={ids.replyToMode}
        label={t('mailSettings.replyToMode')}
        hint={t(`mailSettings.replyHint.${draft.replyToMode}`)}
      >
        <Select
          id={ids.replyToMode}
          value={draft.replyToMode}
          onChange={(e) => set({ replyToMode: e.target.value as SmtpDraft['replyToMode'] })}
        >
          <option value="user">{t('mailSettings.replyModes.user')}</option>
          <option value="company">{t('mailSettings.replyModes.company')}</option>
        </Select>
      </Field>
      <Field
        id={ids.replyToAddress}
        label={t('mailSettings.replyToAddress')}
        hint={t('mailSettings.replyToAddressHint')}
        error={errorOf('replyToAddress')}
      >
        <Input
          id={ids.replyToAddress}
          type="email"
          value={draft.replyToAddress}
          invalid={errors.includes('replyToAddress')}
          onChange={(e) => set({ replyToAddress: e.target.value })}
        />
      </Field>

      {save.isError ? <ErrorNotice error={save.error} /> : null}
      {remove.isError ? <ErrorNotice error={remove.error} /> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          {t('mailSettings.save')}
        </Button>
        {view.settings ? (
          <Button
            type="button"
            variant="secondary"
            disabled={remove.isPending}
            onClick={() => remove.mutate()}
          >
            {t(view.hasServerDefault ? 'mailSettings.removeToServer' : 'mailSettings.removeToOutbox')}
          </Button>
        ) : null}
        {saved ? (
          <p role="status" className="text-sm text-emerald-700">
            {t('mailSettings.saved')}
          </p>
        ) : null}
      </div>
    </form>
  );
}

function TestEmail({ defaultTo }: { defaultTo: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [to, setTo] = useState(defaultTo);
  const test = useSendTestEmail();
  return (
    <section
      data-testid="smtp-test"
      className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-6"
    >
      <h2 className="text-base font-semibold text-zinc-900">{t('mailSettings.test')}</h2>
      <form
        className="flex flex-col gap-3 sm:flex-row sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          test.mutate(to.trim());
        }}
      >
        <Field id={id} label={t('mailSettings.testTo')} className="min-w-0 flex-1">
          <Input id={id} type="email" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
        <Button type="submit" variant="secondary" disabled={test.isPending || to.trim() === ''}>
          <MailCheck aria-hidden="true" className="size-4" />
          {t('mailSettings.sendTest')}
        </Button>
      </form>
      {test.isError ? <ErrorNotice error={test.error} /> : null}
      {test.data ? (
        <p
          role="status"
          data-testid="smtp-test-result"
          data-delivered={test.data.delivered}
          className={
            test.data.delivered
              ? 'rounded-md bg-emerald-50 p-3 text-sm text-emerald-800'
              : 'rounded-md bg-red-50 p-3 text-sm break-words text-red-800'
          }
        >
          {t(test.data.delivered ? 'mailSettings.testDelivered' : 'mailSettings.testRefused', {
            reply: test.data.reply,
          })}
        </p>
      ) : null}
    </section>
  );
}
