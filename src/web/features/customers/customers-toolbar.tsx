import { Search, X } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Company } from '../../../contracts/companies';
import type { CustomerListQuery } from '../../../contracts/customers';
import { focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { Input, Label, Select } from '../../ui/field';
import { CompanySelect } from '../companies/company-select';
import { defaultDirection, updateCustomerQuery } from './customer-filters';

const FILTERS = ['all', 'open', 'overdue'] as const;
const SEARCH_DELAY_MS = 300;

/** Sort choices for the card list, where there are no column headers to click. */
const MOBILE_SORTS = [
  'overdue:desc',
  'daysLate:desc',
  'balance:desc',
  'notDue:desc',
  'name:asc',
  'name:desc',
] as const;

/** The search box keeps its own text and writes it to the URL once typing pauses. */
function SearchBox({ value }: { value: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(value);
  const lastSent = useRef(value);

  // The URL changed from elsewhere (back button, "clear filters"): show what it says.
  useEffect(() => {
    if (value !== lastSent.current) {
      lastSent.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed === lastSent.current) return;
    const timer = window.setTimeout(() => {
      lastSent.current = trimmed;
      updateCustomerQuery({ search: trimmed }, { replace: true });
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text]);

  return (
    <div className="min-w-0 flex-1">
      <Label htmlFor={id} className="sr-only">
        {t('customers.search')}
      </Label>
      <div className="relative">
        <Search
          aria-hidden="true"
          className="pointer-events-none absolute top-2.5 left-3 size-4 text-zinc-400"
        />
        <Input
          id={id}
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder={t('customers.searchPlaceholder')}
          data-testid="customers-search"
          className="pr-9 pl-9"
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
        />
        {text ? (
          <button
            type="button"
            onClick={() => setText('')}
            className={cx(
              'absolute top-1.5 right-1.5 rounded p-1 text-zinc-400 hover:text-zinc-700',
              focusRing,
            )}
          >
            <X aria-hidden="true" className="size-4" />
            <span className="sr-only">{t('customers.clearSearch')}</span>
          </button>
        ) : null}
      </div>
    </div>
  );
}

export function CustomersToolbar({
  query,
  companies,
}: {
  query: CustomerListQuery;
  companies: readonly Company[];
}) {
  const { t } = useTranslation();
  const companyId = useId();
  const sortId = useId();
  const sortValue = `${query.sort}:${query.direction}`;
  return (
    <div className="flex flex-col gap-3 lg:flex-row lg:items-center">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center lg:flex-1">
        {companies.length > 1 ? (
          <div className="sm:w-64">
            <Label htmlFor={companyId} className="sr-only">
              {t('companies.label')}
            </Label>
            <CompanySelect
              id={companyId}
              companies={companies}
              value={query.companyId ?? ''}
              allLabel={t('companies.all')}
              testId="customers-company"
              onChange={(value) => updateCustomerQuery({ companyId: value || undefined })}
            />
          </div>
        ) : null}
        <SearchBox value={query.search ?? ''} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <fieldset className="inline-flex shrink-0 rounded-md bg-zinc-200/70 p-0.5">
          <legend className="sr-only">{t('customers.filterLabel')}</legend>
          {FILTERS.map((filter) => {
            const isCurrent = query.filter === filter;
            return (
              <button
                key={filter}
                type="button"
                aria-pressed={isCurrent}
                data-testid={`customers-filter-${filter}`}
                onClick={() => updateCustomerQuery({ filter })}
                className={cx(
                  'rounded px-3 py-1.5 text-sm font-medium whitespace-nowrap transition-colors',
                  focusRing,
                  isCurrent ? 'bg-white text-zinc-900 shadow-sm' : 'text-zinc-600 hover:text-zinc-900',
                )}
              >
                {t(`customers.filters.${filter}`)}
              </button>
            );
          })}
        </fieldset>
        <div className="min-w-40 flex-1 lg:hidden">
          <Label htmlFor={sortId} className="sr-only">
            {t('customers.sortLabel')}
          </Label>
          <Select
            id={sortId}
            value={(MOBILE_SORTS as readonly string[]).includes(sortValue) ? sortValue : ''}
            onChange={(event) => {
              const [sort, direction] = event.target.value.split(':') as [
                CustomerListQuery['sort'],
                'asc' | 'desc',
              ];
              updateCustomerQuery({ sort, direction: direction ?? defaultDirection(sort) });
            }}
          >
            {(MOBILE_SORTS as readonly string[]).includes(sortValue) ? null : (
              <option value="" disabled>
                {t('customers.sortLabel')}
              </option>
            )}
            {MOBILE_SORTS.map((value) => (
              <option key={value} value={value}>
                {t(`customers.sorts.${value.replace(':', '_')}`)}
              </option>
            ))}
          </Select>
        </div>
      </div>
    </div>
  );
}
