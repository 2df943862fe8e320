import { MailX, Pencil, RotateCcw, Star } from 'lucide-react';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONTACT_LANGUAGES,
  type ContactField,
  type ContactPatch,
  type ContactValues,
  type CustomerRecord,
  type PostalAddressDto,
} from '../../../contracts/customer-record';
import { Button } from '../../ui/button';
import { ErrorNotice } from '../../ui/feedback';
import { Field, Input, Select } from '../../ui/field';
import { Badge, RecordCard } from './record-ui';
import { useRestoreContact, useUpdateContact } from './use-customer-record';

const ADDRESS_KEYS = ['line1', 'line2', 'postalCode', 'city', 'country'] as const;
type AddressKey = (typeof ADDRESS_KEYS)[number];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9+().\s/-]{3,40}$/;

function addressLines(address: PostalAddressDto | null): string[] {
  if (!address) return [];
  const cityLine = [address.postalCode, address.city].filter(Boolean).join(' ');
  return [address.line1, address.line2, cityLine, address.country].filter((l): l is string => Boolean(l));
}

function displayValue(
  field: ContactField,
  values: ContactValues,
  languageName: (code: string) => string,
): string {
  switch (field) {
    case 'address':
      return addressLines(values.address).join(', ');
    case 'language':
      return values.language ? languageName(values.language) : '';
    default:
      return values[field] ?? '';
  }
}

/** Identity and contact data, synchronized and manual (IMP-8), with edit and restore. */
export function ContactCard({ record }: { record: CustomerRecord }) {
  const { t } = useTranslation();
  const [isEditing, setIsEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const restore = useRestoreContact(record.id);
  const { effective, synchronized, overridden } = record.contact;
  const languageName = (code: string) =>
    t(`customerRecord.contact.languages.${code}`, { defaultValue: code });

  const restoreFields = (fields?: ContactField[]) => {
    setNotice(null);
    restore.mutate(fields, { onSuccess: () => setNotice(t('customerRecord.contact.restored')) });
  };

  const row = (field: ContactField, value: ReactNode) => {
    const isManual = overridden.includes(field);
    const syncText =
      displayValue(field, synchronized, languageName) || t('customerRecord.contact.synchronizedEmpty');
    return (
      <div key={field} className="grid grid-cols-[6.5rem_1fr] gap-x-3 py-2 sm:grid-cols-[8rem_1fr]">
        <dt className="text-sm text-zinc-500">{t(`customerRecord.contact.${field}`)}</dt>
        <dd className="min-w-0 text-sm text-zinc-900">
          <div className="flex flex-wrap items-start gap-x-2 gap-y-1">
            <div className="min-w-0 break-words">{value}</div>
            {isManual ? <Badge tone="manual">{t('customerRecord.contact.manual')}</Badge> : null}
          </div>
          {isManual ? (
            <p className="mt-0.5 text-xs text-zinc-500">
              <span>{t('customerRecord.contact.manualHint', { value: syncText })}</span>
              {record.canEdit ? (
                <button
                  type="button"
                  onClick={() => restoreFields([field])}
                  disabled={restore.isPending}
                  aria-label={t('customerRecord.contact.restoreFieldLabel', {
                    field: t(`customerRecord.contact.${field}`),
                  })}
                  className="ml-1.5 font-medium text-indigo-700 underline-offset-2 hover:underline disabled:text-zinc-400"
                >
                  {t('customerRecord.contact.restoreField')}
                </button>
              ) : null}
            </p>
          ) : null}
        </dd>
      </div>
    );
  };

  const none = <span className="text-zinc-400">{t('customerRecord.contact.none')}</span>;

  return (
    <RecordCard
      title={t('customerRecord.contact.title')}
      testId="record-contact"
      actions={
        record.canEdit && !isEditing ? (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              setNotice(null);
              setIsEditing(true);
            }}
          >
            <Pencil aria-hidden="true" className="size-3.5" />
            {t('customerRecord.contact.edit')}
          </Button>
        ) : null
      }
    >
      {!effective.email && !isEditing ? (
        <div
          role="status"
          className="mb-3 flex items-start gap-2.5 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200"
        >
          <MailX aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <div>
            <p className="font-medium">{t('customerRecord.contact.noEmailTitle')}</p>
            <p className="mt-0.5 text-amber-800">{t('customerRecord.contact.noEmailText')}</p>
            {record.canEdit ? (
              <button
                type="button"
                onClick={() => setIsEditing(true)}
                className="mt-1.5 font-medium text-amber-900 underline underline-offset-2"
              >
                {t('customerRecord.contact.noEmailAction')}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}

      {isEditing ? (
        <ContactForm
          record={record}
          onDone={(saved) => {
            setIsEditing(false);
            if (saved) setNotice(t('customerRecord.contact.saved'));
          }}
        />
      ) : (
        <>
          <dl className="divide-y divide-zinc-100">
            {row('name', effective.name || none)}
            {row(
              'email',
              effective.email ? (
                <a href={`mailto:${effective.email}`} className="text-indigo-700 hover:underline">
                  {effective.email}
                </a>
              ) : (
                none
              ),
            )}
            {row(
              'phone',
              effective.phone ? (
                <a
                  href={`tel:${effective.phone.replace(/\s/g, '')}`}
                  className="tabular-nums hover:underline"
                >
                  {effective.phone}
                </a>
              ) : (
                none
              ),
            )}
            {row(
              'address',
              effective.address ? (
                <address className="not-italic">
                  {addressLines(effective.address).map((line) => (
                    <div key={line}>{line}</div>
                  ))}
                </address>
              ) : (
                none
              ),
            )}
            {row('language', effective.language ? languageName(effective.language) : none)}
          </dl>
          {restore.isError ? <ErrorNotice error={restore.error} className="mt-3" /> : null}
          {overridden.length > 0 && record.canEdit ? (
            <div className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-zinc-100 pt-3">
              <Button
                variant="secondary"
                size="sm"
                onClick={() => restoreFields()}
                disabled={restore.isPending}
              >
                <RotateCcw aria-hidden="true" className="size-3.5" />
                {t('customerRecord.contact.restoreAll')}
              </Button>
              <p className="text-xs text-zinc-500">{t('customerRecord.contact.restoreAllHint')}</p>
            </div>
          ) : null}
        </>
      )}
      {notice ? (
        <p role="status" className="mt-3 text-sm text-emerald-700">
          {notice}
        </p>
      ) : null}

      <People record={record} />
    </RecordCard>
  );
}

function People({ record }: { record: CustomerRecord }) {
  const { t } = useTranslation();
  return (
    <div className="mt-4 border-t border-zinc-100 pt-3">
      <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">
        {t('customerRecord.contact.people')}
      </h3>
      {record.contacts.length === 0 ? (
        <p className="mt-1.5 text-sm text-zinc-500">{t('customerRecord.contact.noPeople')}</p>
      ) : (
        <ul className="mt-1.5 divide-y divide-zinc-100">
          {record.contacts.map((person) => (
            <li key={person.id} className="py-2 text-sm">
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <span className="font-medium text-zinc-900">{person.name ?? person.email ?? '—'}</span>
                {person.role ? <span className="text-zinc-500">{person.role}</span> : null}
                {person.isPrimary ? (
                  <Star
                    aria-label={t('customerRecord.contact.primary')}
                    className="size-3.5 fill-amber-400 text-amber-400"
                  />
                ) : null}
                {person.source === 'manual' ? (
                  <Badge tone="manual">{t('customerRecord.contact.sourceManual')}</Badge>
                ) : null}
              </div>
              <div className="mt-0.5 flex flex-wrap gap-x-3 text-zinc-600">
                {person.email ? (
                  <a href={`mailto:${person.email}`} className="break-all text-indigo-700 hover:underline">
                    {person.email}
                  </a>
                ) : null}
                {person.phone ? <span className="tabular-nums">{person.phone}</span> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

type FormValues = {
  name: string;
  email: string;
  phone: string;
  language: string;
} & Record<AddressKey, string>;

function initialValues(effective: ContactValues): FormValues {
  return {
    name: effective.name ?? '',
    email: effective.email ?? '',
    phone: effective.phone ?? '',
    language: effective.language ?? '',
    line1: effective.address?.line1 ?? '',
    line2: effective.address?.line2 ?? '',
    postalCode: effective.address?.postalCode ?? '',
    city: effective.address?.city ?? '',
    country: effective.address?.country ?? '',
  };
}

/**
 * The change to send: a changed, non-empty value becomes an override; a field emptied that was
 * overridden drops its override (the synchronized value comes back); the rest is left alone.
 */
function toPatch(values: FormValues, record: CustomerRecord): ContactPatch {
  const start = initialValues(record.contact.effective);
  const isOverridden = (field: ContactField) => record.contact.overridden.includes(field);
  const patch: ContactPatch = {};
  for (const field of ['name', 'email', 'phone', 'language'] as const) {
    const value = values[field].trim();
    if (value === start[field].trim()) continue;
    if (value === '') {
      if (isOverridden(field)) patch[field] = null;
      continue;
    }
    (patch as Record<string, string>)[field] = value;
  }
  const addressChanged = ADDRESS_KEYS.some((key) => values[key].trim() !== start[key].trim());
  if (addressChanged) {
    const address = Object.fromEntries(
      ADDRESS_KEYS.map((key) => [key, values[key].trim() || null]),
    ) as PostalAddressDto;
    const isEmpty = ADDRESS_KEYS.every((key) => !values[key].trim());
    if (!isEmpty) patch.address = address;
    else if (isOverridden('address')) patch.address = null;
  }
  return patch;
}

function ContactForm({ record, onDone }: { record: CustomerRecord; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const update = useUpdateContact(record.id);
  const [values, setValues] = useState<FormValues>(() => initialValues(record.contact.effective));
  const [errors, setErrors] = useState<Partial<Record<'name' | 'email' | 'phone', string>>>({});
  const set = (key: keyof FormValues) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    const email = values.email.trim();
    const phone = values.phone.trim();
    if (email && !EMAIL.test(email)) next.email = t('customerRecord.contact.errors.email');
    if (phone && !PHONE.test(phone)) next.phone = t('customerRecord.contact.errors.phone');
    if (!values.name.trim() && !record.contact.overridden.includes('name'))
      next.name = t('customerRecord.contact.errors.name');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const patch = toPatch(values, record);
    if (Object.keys(patch).length === 0) {
      onDone(false);
      return;
    }
    update.mutate(patch, { onSuccess: () => onDone(true) });
  };

  const text = (key: 'name' | 'email' | 'phone', type = 'text', autoComplete?: string) => (
    <Field id={`${id}-${key}`} label={t(`customerRecord.contact.${key}`)} error={errors[key]}>
      <Input
        id={`${id}-${key}`}
        type={type}
        value={values[key]}
        onChange={set(key)}
        invalid={Boolean(errors[key])}
        autoComplete={autoComplete}
        aria-describedby={errors[key] ? `${id}-${key}-error` : undefined}
      />
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label={t('customerRecord.contact.title')}>
      <p className="text-xs text-zinc-500">{t('customerRecord.contact.editHint')}</p>
      {text('name', 'text', 'organization')}
      <div className="grid gap-3 sm:grid-cols-2">
        {text('email', 'email', 'email')}
        {text('phone', 'tel', 'tel')}
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-zinc-700">{t('customerRecord.contact.address')}</legend>
        {(['line1', 'line2'] as const).map((key) => (
          <Field key={key} id={`${id}-${key}`} label={t(`customerRecord.contact.addressFields.${key}`)}>
            <Input id={`${id}-${key}`} value={values[key]} onChange={set(key)} />
          </Field>
        ))}
        <div className="grid grid-cols-[7rem_1fr] gap-3">
          <Field id={`${id}-postalCode`} label={t('customerRecord.contact.addressFields.postalCode')}>
            <Input id={`${id}-postalCode`} value={values.postalCode} onChange={set('postalCode')} />
          </Field>
          <Field id={`${id}-city`} label={t('customerRecord.contact.addressFields.city')}>
            <Input id={`${id}-city`} value={values.city} onChange={set('city')} />
          </Field>
        </div>
        <Field id={`${id}-country`} label={t('customerRecord.contact.addressFields.country')}>
          <Input id={`${id}-country`} value={values.country} onChange={set('country')} />
        </Field>
      </fieldset>
      <Field id={`${id}-language`} label={t('customerRecord.contact.language')}>
        <Select id={`${id}-language`} value={values.language} onChange={set('language')}>
          <option value="">{t('customerRecord.contact.languageUnset')}</option>
          {CONTACT_LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {t(`customerRecord.contact.languages.${code}`)}
            </option>
          ))}
          {values.language && !(CONTACT_LANGUAGES as readonly string[]).includes(values.language) ? (
            <option value={values.language}>{values.language}</option>
          ) : null}
        </Select>
      </Field>
      {update.isError ? <ErrorNotice error={update.error} /> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? t('customerRecord.contact.saving') : t('customerRecord.contact.save')}
        </Button>
        <Button variant="secondary" onClick={() => onDone(false)} disabled={update.isPending}>
          {t('customerRecord.contact.cancel')}
        </Button>
      </div>
    </form>
  );
}
