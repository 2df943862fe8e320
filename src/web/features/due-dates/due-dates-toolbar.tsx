import { Search, SlidersHorizontal } from 'lucide-react';
import { type InputHTMLAttributes, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Company } from '../../../contracts/companies';
import type { DueDateListQuery } from '../../../contracts/due-dates';
import { focusRing } from '../../ui/button';
import { cx } from '../../ui/cx';
import { Input, Label, Select } from '../../ui/field';
import { CompanySelect } from '../companies/company-select';
import {
  countMoreFilters,
  type DueDateSort,
  daysLateRanges,
  daysLateRangeValue,
  defaultDirection,
  updateDueDateQuery,
} from './due-date-filters';

const STATUSES = ['all', 'overdue', 'notDue'] as const;
const SIDES = ['all', 'debit', 'credit'] as const;
const TYPING_DELAY_MS = 400;

/** Sort choices for the card list, where there are no column headers to click. */
const MOBILE_SORTS = [
  'dueDate:asc',
  'dueDate:desc',
  'daysLate:desc',
  'amount:desc',
  'amount:asc',
  'customer:asc',
] as const;

/**
 * A text box that keeps its own text and hands it over once typing pauses; a change of `value`
 * from elsewhere (back button, "clear filters") is shown.
 */
function DebouncedInput({
  value,
  onCommit,
  ...rest
}: { value: string; onCommit: (text: string) => void } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange'
>) {
  const [text, setText] = useState(value);
  const lastSent = useRef(value);
  const commit = useRef(onCommit);
  commit.current = onCommit;

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
      commit.current(trimmed);
    }, TYPING_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text]);

  return <Input {...rest} value={text} onChange={(event) => setText(event.target.value)} />;
}

function SearchBox({ value }: { value: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="min-w-0 flex-1">
      <Label htmlFor={id} className="sr-only">
        {t('dueDates.search')}
      </Label>
      <div className="relative">
        <Search
          aria-hidden="true"
          className="pointer-events-none absolute top-2.5 left-3 size-4 text-zinc-400"
        />
        <DebouncedInput
          id={id}
          type="search"
          value={value}
          onCommit={(search) => updateDueDateQuery({ search: search || undefined }, { replace: true })}
          placeholder={t('dueDates.searchPlaceholder')}
          data-testid="due-dates-search"
          className="pr-3 pl-9"
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
        />
      </div>
    </div>
  );
}

/** Cents from what the user typed in the currency's units ("1 500,50" or "1500.5"), or null. */
function parseAmount(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{0,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}

function MoreFilters({ query, agingBounds }: { query: DueDateListQuery; agingBounds: readonly number[] }) {
  const { t } = useTranslation();
  const ids = { side: useId(), range: useId(), from: useId(), to: useId(), amount: useId() };
  const ranges = daysLateRanges(agingBounds);
  const rangeValue = daysLateRangeValue(query, ranges);
  const label = 'mb-1 text-xs font-medium text-zinc-600';
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-5">
      <div className="col-span-2 sm:col-span-1">
        <Label htmlFor={ids.side} className={label}>
          {t('dueDates.side')}
        </Label>
        <Select
          id={ids.side}
          value={query.side}
          data-testid="due-dates-side"
          onChange={(event) => updateDueDateQuery({ side: event.target.value as DueDateListQuery['side'] })}
        >
          {SIDES.map((side) => (
            <option key={side} value={side}>
              {t(`dueDates.sides.${side}`)}
            </option>
          ))}
        </Select>
      </div>
      <div className="col-span-2 sm:col-span-1">
        <Label htmlFor={ids.range} className={label}>
          {t('dueDates.daysLateRange')}
        </Label>
        <Select
          id={ids.range}
          value={rangeValue}
          data-testid="due-dates-days-late"
          onChange={(event) => {
            const range = ranges.find((r) => r.value === event.target.value);
            updateDueDateQuery({ daysLateMin: range?.min, daysLateMax: range?.max });
          }}
        >
          <option value="">{t('dueDates.daysLateAny')}</option>
          {ranges.map((range) => (
            <option key={range.value} value={range.value}>
              {range.max === undefined
                ? t('dueDates.daysLateOver', { days: range.min - 1 })
                : t('aging.range', { from: range.min, to: range.max })}
            </option>
          ))}
          {rangeValue === 'custom' ? (
            <option value="custom" disabled>
              {t('dueDates.daysLateCustom', { min: query.daysLateMin ?? '…', max: query.daysLateMax ?? '…' })}
            </option>
          ) : null}
        </Select>
      </div>
      <div>
        <Label htmlFor={ids.from} className={label}>
          {t('dueDates.dueFrom')}
        </Label>
        <Input
          id={ids.from}
          type="date"
          value={query.dueFrom ?? ''}
          max={query.dueTo}
          onChange={(event) => updateDueDateQuery({ dueFrom: event.target.value || undefined })}
        />
      </div>
      <div>
        <Label htmlFor={ids.to} className={label}>
          {t('dueDates.dueTo')}
        </Label>
        <Input
          id={ids.to}
          type="date"
          value={query.dueTo ?? ''}
          min={query.dueFrom}
          onChange={(event) => updateDueDateQuery({ dueTo: event.target.value || undefined })}
        />
      </div>
      <div className="col-span-2 sm:col-span-1">
        <Label htmlFor={ids.amount} className={label}>
          {t('dueDates.minAmount')}
        </Label>
        <DebouncedInput
          id={ids.amount}
          inputMode="decimal"
          value={query.minAmount === undefined ? '' : String(query.minAmount / 100)}
          placeholder={t('dueDates.minAmountPlaceholder')}
          data-testid="due-dates-min-amount"
          className="text-right tabular-nums"
          onCommit={(text) => {
            const cents = parseAmount(text);
            if (text === '' || cents !== null)
              updateDueDateQuery({ minAmount: cents ?? undefined }, { replace: true });
          }}
        />
      </div>
    </div>
  );
}

/** Company, search, status, sort on a phone, and the other filters behind "More filters" there. */
export function DueDatesToolbar({
  query,
  companies,
  agingBounds,
}: {
  query: DueDateListQuery;
  companies: readonly Company[];
  agingBounds: readonly number[];
}) {
  const { t } = useTranslation();
  const companyId = useId();
  const sortId = useId();
  const moreId = useId();
  const moreCount = countMoreFilters(query);
  const [isMoreOpen, setIsMoreOpen] = useState(moreCount > 0);
  const sortValue = `${query.sort}:${query.direction}`;
  const isKnownSort = (MOBILE_SORTS as readonly string[]).includes(sortValue);
  return (
    <div className="space-y-3">
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
                testId="due-dates-company"
                onChange={(value) => updateDueDateQuery({ companyId: value || undefined })}
              />
            </div>
          ) : null}
          <SearchBox value={query.search ?? ''} />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <fieldset className="inline-flex shrink-0 rounded-md bg-zinc-200/70 p-0.5">
            <legend className="sr-only">{t('dueDates.statusLabel')}</legend>
            {STATUSES.map((status) => {
              const isCurrent = query.status === status;
              return (
                <button
                  key={status}
                  type="button"
                  aria-pressed={isCurrent}
                  data-testid={`due-dates-status-${status}`}
                  onClick={() => updateDueDateQuery({ status })}
                  className={cx(
                    'rounded px-3 py-1.5 text-sm font-medium whitespace-nowrap transition-colors',
                    focusRing,
                    isCurrent ? 'bg-white text-zinc-900 shadow-sm' : 'text-zinc-600 hover:text-zinc-900',
                  )}
                >
                  {t(`dueDates.statuses.${status}`)}
                </button>
              );
            })}
          </fieldset>
          <button
            type="button"
            aria-expanded={isMoreOpen}
            aria-controls={moreId}
            onClick={() => setIsMoreOpen((open) => !open)}
            className={cx(
              'inline-flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-zinc-700 ring-1 ring-zinc-300 ring-inset hover:bg-white',
              isMoreOpen && 'bg-white',
              focusRing,
            )}
          >
            <SlidersHorizontal aria-hidden="true" className="size-4" />
            {moreCount > 0 ? t('dueDates.moreFiltersCount', { count: moreCount }) : t('dueDates.moreFilters')}
          </button>
        </div>
      </div>
      <div
        id={moreId}
        hidden={!isMoreOpen}
        className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-zinc-200"
      >
        <MoreFilters query={query} agingBounds={agingBounds} />
      </div>
      <div className="lg:hidden">
        <Label htmlFor={sortId} className="sr-only">
          {t('dueDates.sortLabel')}
        </Label>
        <Select
          id={sortId}
          value={isKnownSort ? sortValue : ''}
          onChange={(event) => {
            const [sort, direction] = event.target.value.split(':') as [DueDateSort, 'asc' | 'desc'];
            updateDueDateQuery({ sort, direction: direction ?? defaultDirection(sort) });
          }}
        >
          {isKnownSort ? null : (
            <option value="" disabled>
              {t('dueDates.sortLabel')}
            </option>
          )}
          {MOBILE_SORTS.map((value) => (
            <option key={value} value={value}>
              {t('dueDates.sortOption', { sort: t(`dueDates.sorts.${value.replace(':', '_')}`) })}
            </option>
          ))}
        </Select>
      </div>
    </div>
  );
}
