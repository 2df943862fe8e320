import { ChevronRight, Plus } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Company, createCompanyBodySchema } from '../../../contracts/companies';
import { Button, focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { ErrorNotice } from '../../ui/feedback';
import { Field, Input } from '../../ui/field';
import { useCreateCompany } from '../companies/use-companies';

type FieldName = 'code' | 'name' | 'currency' | 'defaultTerms' | 'receivablePrefixes';

const DEFAULTS: Record<FieldName, string> = {
  code: '',
  name: '',
  currency: 'EUR',
  defaultTerms: '30 days net',
  receivablePrefixes: '411, 416',
};
const ADVANCED: readonly FieldName[] = ['currency', 'defaultTerms', 'receivablePrefixes'];

/**
 * Admins create a company (an accounting entity) before importing its ledger: code and name on
 * one line, the ledger settings (currency, terms, receivable accounts) one click away.
 */
export function CreateCompanyForm({
  onCreated,
  isBoxed = false,
}: {
  onCreated: (company: Company) => void;
  /** Drawn as a card of its own (when the organization has no company yet). */
  isBoxed?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const create = useCreateCompany();
  const [values, setValues] = useState<Record<FieldName, string>>(DEFAULTS);
  const [showMore, setShowMore] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});

  const set = (name: FieldName) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [name]: event.target.value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createCompanyBodySchema.safeParse({
      ...values,
      receivablePrefixes: values.receivablePrefixes
        .split(/[\s,;]+/)
        .map((prefix) => prefix.trim())
        .filter(Boolean),
    });
    if (!parsed.success) {
      const next: Partial<Record<FieldName, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as FieldName;
        next[field] ??= t(`companies.errors.${field}`);
      }
      setErrors(next);
      if (ADVANCED.some((name) => next[name])) setShowMore(true);
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (company) => {
        setValues(DEFAULTS);
        setShowMore(false);
        onCreated(company);
      },
    });
  };

  const field = (
    name: FieldName,
    props: { hint?: string; className?: string; maxLength?: number; placeholder?: string } = {},
  ) => (
    <Field
      id={`${id}-${name}`}
      label={t(`companies.fields.${name}`)}
      hint={props.hint}
      error={errors[name]}
      className={props.className}
    >
      <Input
        id={`${id}-${name}`}
        data-testid={`new-company-${name}`}
        value={values[name]}
        onChange={set(name)}
        invalid={Boolean(errors[name])}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        aria-describedby={
          errors[name] ? `${id}-${name}-error` : props.hint ? `${id}-${name}-hint` : undefined
        }
      />
    </Field>
  );

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      className={cx('space-y-3', isBoxed && 'rounded-lg bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-5')}
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`} className="text-sm font-medium text-zinc-700">
        {t('companies.createTitle')}
      </h3>
      <div className="grid items-start gap-3 sm:grid-cols-[10rem_minmax(0,1fr)_auto]">
        {field('code', { maxLength: 32, placeholder: t('companies.placeholders.code') })}
        {field('name', { maxLength: 200, placeholder: t('companies.placeholders.name') })}
        <Button
          type="submit"
          variant={isBoxed ? 'primary' : 'secondary'}
          data-testid="new-company-submit"
          disabled={create.isPending}
          className="sm:mt-6"
        >
          <Plus aria-hidden="true" className="size-4" />
          {t('companies.create')}
        </Button>
      </div>
      <button
        type="button"
        aria-expanded={showMore}
        aria-controls={`${id}-more`}
        onClick={() => setShowMore((open) => !open)}
        className={cx(
          'inline-flex items-center gap-1 rounded text-xs font-medium text-zinc-600 hover:text-zinc-900',
          focusRing,
        )}
      >
        <ChevronRight
          aria-hidden="true"
          className={cx('size-3.5 transition-transform', showMore && 'rotate-90')}
        />
        {t('companies.moreSettings')}
      </button>
      {showMore ? (
        <div id={`${id}-more`} className="grid gap-3 sm:grid-cols-2">
          {field('currency', { hint: t('companies.hints.currency'), maxLength: 3 })}
          {field('defaultTerms', { hint: t('companies.hints.defaultTerms') })}
          {field('receivablePrefixes', {
            hint: t('companies.hints.receivablePrefixes'),
            className: 'sm:col-span-2',
          })}
        </div>
      ) : null}
      {create.error ? <ErrorNotice error={create.error} /> : null}
    </form>
  );
}
