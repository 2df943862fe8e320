import { ArrowLeft, FileText, ImageUp, Trash2 } from 'lucide-react';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type LetterheadDto, LOGO_MAX_BYTES } from '../../../contracts/letterhead';
import { useCurrentUser } from '../../api/auth';
import { Link, setSearchParams, useSearchParams } from '../../router/router';
import { PageHeader, useDocumentTitle } from '../../shell/app-shell';
import { Button, buttonClasses } from '../../ui/button';
import { EmptyState, ErrorNotice, PageLoading } from '../../ui/feedback';
import { Field, Input, Label } from '../../ui/field';
import { CompanySelect } from '../companies/company-select';
import { useCompanies } from '../companies/use-companies';
import {
  formatCapital,
  logoUrl,
  parseCapital,
  previewUrl,
  useLetterhead,
  useLetterheadChanges,
} from './use-letterhead';

const TEXT_FIELDS = [
  'line1',
  'line2',
  'postalCode',
  'city',
  'country',
  'phone',
  'email',
  'place',
  'signatoryName',
  'signatoryTitle',
  'legalForm',
  'siren',
  'rcsCity',
  'vatNumber',
] as const;
type TextField = (typeof TEXT_FIELDS)[number];
type FormValues = Record<TextField | 'shareCapital', string>;

function valuesOf(letterhead: LetterheadDto, locale: string): FormValues {
  return {
    line1: letterhead.address.line1 ?? '',
    line2: letterhead.address.line2 ?? '',
    postalCode: letterhead.address.postalCode ?? '',
    city: letterhead.address.city ?? '',
    country: letterhead.address.country ?? '',
    phone: letterhead.phone ?? '',
    email: letterhead.email ?? '',
    place: letterhead.place ?? '',
    signatoryName: letterhead.signatoryName ?? '',
    signatoryTitle: letterhead.signatoryTitle ?? '',
    legalForm: letterhead.legalForm ?? '',
    shareCapital: formatCapital(letterhead.shareCapital, locale),
    siren: letterhead.siren ?? '',
    rcsCity: letterhead.rcsCity ?? '',
    vatNumber: letterhead.vatNumber ?? '',
  };
}

/** Settings › Letterhead (TPL-4): what letters and statements print for each company. Admins only. */
export default function LetterheadPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('letterhead.title'));
  const me = useCurrentUser();
  const selectId = useId();
  const params = useSearchParams();
  const companies = useCompanies();
  const list = companies.data ?? [];
  const company = list.find((c) => c.id === params.get('companyId')) ?? list[0];
  const letterhead = useLetterhead(company?.id ?? '');

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <Link
          to="/settings"
          className="mb-2 inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-800"
        >
          <ArrowLeft aria-hidden="true" className="size-4" />
          {t('letterhead.back')}
        </Link>
        <PageHeader
          title={t('letterhead.title')}
          description={t('letterhead.subtitle')}
          actions={
            list.length > 1 && company ? (
              <div className="w-full sm:w-72">
                <Label htmlFor={selectId} className="sr-only">
                  {t('companies.label')}
                </Label>
                <CompanySelect
                  id={selectId}
                  companies={list}
                  value={company.id}
                  testId="letterhead-company"
                  onChange={(value) => setSearchParams({ companyId: value || null }, { replace: true })}
                />
              </div>
            ) : null
          }
        />
      </div>
      {me.user.role !== 'admin' ? (
        <EmptyState title={t('letterhead.adminsOnly')} />
      ) : companies.isError ? (
        <ErrorNotice error={companies.error} onRetry={() => void companies.refetch()} />
      ) : companies.data && !company ? (
        <EmptyState title={t('letterhead.noCompany')} />
      ) : letterhead.isError ? (
        <ErrorNotice error={letterhead.error} onRetry={() => void letterhead.refetch()} />
      ) : !letterhead.data || !company ? (
        <PageLoading />
      ) : (
        <>
          <LogoCard letterhead={letterhead.data} />
          <LetterheadForm key={company.id} letterhead={letterhead.data} />
        </>
      )}
    </div>
  );
}

function LogoCard({ letterhead }: { letterhead: LetterheadDto }) {
  const { t } = useTranslation();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const { uploadLogo, removeLogo } = useLetterheadChanges(letterhead.companyId);
  const [tooLarge, setTooLarge] = useState(false);
  const error = uploadLogo.error ?? removeLogo.error;

  return (
    <section className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-6">
      <h2 className="text-base font-semibold text-zinc-900">{t('letterhead.logo.title')}</h2>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-center">
        <div className="flex h-24 w-full items-center justify-center rounded-md bg-zinc-50 ring-1 ring-zinc-200 sm:w-64">
          {letterhead.logo ? (
            <img
              src={logoUrl(letterhead.companyId, letterhead.updatedAt)}
              alt={t('letterhead.logo.alt', { company: letterhead.companyName })}
              className="max-h-20 max-w-60 object-contain"
              data-testid="letterhead-logo"
            />
          ) : (
            <span className="text-sm text-zinc-400">{t('letterhead.logo.none')}</span>
          )}
        </div>
        <div className="space-y-2">
          <div className="flex flex-wrap gap-2">
            <label htmlFor={inputId} className={buttonClasses({ variant: 'secondary' })}>
              <ImageUp aria-hidden="true" className="size-4" />
              {letterhead.logo ? t('letterhead.logo.replace') : t('letterhead.logo.add')}
            </label>
            <input
              ref={input}
              id={inputId}
              type="file"
              accept="image/png,image/jpeg,image/svg+xml,.png,.jpg,.jpeg,.svg"
              className="sr-only"
              data-testid="letterhead-logo-input"
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                setTooLarge(false);
                if (!file) return;
                if (file.size > LOGO_MAX_BYTES) {
                  setTooLarge(true);
                  return;
                }
                uploadLogo.mutate(file);
              }}
            />
            {letterhead.logo ? (
              <Button variant="secondary" disabled={removeLogo.isPending} onClick={() => removeLogo.mutate()}>
                <Trash2 aria-hidden="true" className="size-4" />
                {t('letterhead.logo.remove')}
              </Button>
            ) : null}
          </div>
          <p className="text-xs text-zinc-500">
            {t('letterhead.logo.hint', { size: LOGO_MAX_BYTES / 1024 })}
          </p>
          {uploadLogo.isPending ? (
            <p role="status" className="text-sm text-zinc-600">
              {t('letterhead.logo.sending')}
            </p>
          ) : null}
          {tooLarge ? (
            <p role="alert" className="text-sm text-red-700">
              {t('letterhead.logo.tooLarge', { size: LOGO_MAX_BYTES / 1024 })}
            </p>
          ) : null}
          {error ? <ErrorNotice error={error} /> : null}
        </div>
      </div>
    </section>
  );
}

function LetterheadForm({ letterhead }: { letterhead: LetterheadDto }) {
  const { t, i18n } = useTranslation();
  const { save } = useLetterheadChanges(letterhead.companyId);
  const [values, setValues] = useState(() => valuesOf(letterhead, i18n.language));
  const [saved, setSaved] = useState(false);
  const baseId = useId();
  const capital = parseCapital(values.shareCapital);

  function set(field: keyof FormValues, value: string) {
    setSaved(false);
    setValues((current) => ({ ...current, [field]: value }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (capital === undefined) return;
    save.mutate(
      {
        address: {
          line1: values.line1,
          line2: values.line2,
          postalCode: values.postalCode,
          city: values.city,
          country: values.country,
        },
        phone: values.phone,
        email: values.email,
        place: values.place,
        signatoryName: values.signatoryName,
        signatoryTitle: values.signatoryTitle,
        legalForm: values.legalForm,
        shareCapital: capital,
        siren: values.siren,
        rcsCity: values.rcsCity,
        vatNumber: values.vatNumber,
      },
      {
        onSuccess: (data) => {
          setValues(valuesOf(data, i18n.language));
          setSaved(true);
        },
      },
    );
  }

  const field = (
    name: keyof FormValues,
    options: { className?: string; error?: string; hint?: string } = {},
  ) => (
    <Field
      id={`${baseId}-${name}`}
      label={t(`letterhead.fields.${name}`)}
      hint={options.hint}
      error={options.error}
      className={options.className}
    >
      <Input
        id={`${baseId}-${name}`}
        name={name}
        value={values[name]}
        invalid={Boolean(options.error)}
        onChange={(event) => set(name, event.target.value)}
      />
    </Field>
  );

  return (
    <form
      onSubmit={submit}
      className="space-y-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-6"
      data-testid="letterhead-form"
    >
      <fieldset className="grid gap-4 sm:grid-cols-6">
        <legend className="mb-2 text-base font-semibold text-zinc-900">{t('letterhead.address')}</legend>
        {field('line1', { className: 'sm:col-span-6' })}
        {field('line2', { className: 'sm:col-span-6' })}
        {field('postalCode', { className: 'sm:col-span-2' })}
        {field('city', { className: 'sm:col-span-4' })}
        {field('country', { className: 'sm:col-span-2', hint: t('letterhead.countryHint') })}
        {field('phone', { className: 'sm:col-span-2' })}
        {field('email', { className: 'sm:col-span-2' })}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-6">
        <legend className="mb-2 text-base font-semibold text-zinc-900">{t('letterhead.signature')}</legend>
        {field('place', { className: 'sm:col-span-2', hint: t('letterhead.placeHint') })}
        {field('signatoryName', { className: 'sm:col-span-2' })}
        {field('signatoryTitle', { className: 'sm:col-span-2' })}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-6">
        <legend className="mb-2 text-base font-semibold text-zinc-900">{t('letterhead.legal')}</legend>
        {field('legalForm', { className: 'sm:col-span-2' })}
        {field('shareCapital', {
          className: 'sm:col-span-2',
          hint: letterhead.currency,
          error: capital === undefined ? t('letterhead.capitalInvalid') : undefined,
        })}
        {field('siren', { className: 'sm:col-span-2' })}
        {field('rcsCity', { className: 'sm:col-span-3' })}
        {field('vatNumber', { className: 'sm:col-span-3' })}
      </fieldset>
      <div className="rounded-md bg-zinc-50 p-3 text-xs text-zinc-600" data-testid="letterhead-footer">
        <span className="font-medium text-zinc-700">{t('letterhead.footer')} </span>
        {letterhead.footer}
      </div>
      {save.isError ? <ErrorNotice error={save.error} /> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={capital === undefined || save.isPending}>
          {t('letterhead.save')}
        </Button>
        {(['fr', 'en'] as const).map((language) => (
          <a
            key={language}
            href={previewUrl(letterhead.companyId, language)}
            target="_blank"
            rel="noreferrer"
            className={buttonClasses({ variant: 'secondary' })}
          >
            <FileText aria-hidden="true" className="size-4" />
            {t(`letterhead.preview.${language}`)}
          </a>
        ))}
        {saved ? (
          <p role="status" className="text-sm text-emerald-700">
            {t('letterhead.saved')}
          </p>
        ) : null}
      </div>
    </form>
  );
}
